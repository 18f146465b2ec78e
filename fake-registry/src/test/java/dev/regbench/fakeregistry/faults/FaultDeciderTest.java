package dev.regbench.fakeregistry.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regbench.fakeregistry.http.Route;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultDeciderTest {

    @Test
    void flaky_faultsAboutTheConfiguredSharesOfBlobRequests() {
        FaultDecider decider = new FaultDecider(FaultProfile.flaky());
        Map<String, Integer> counts = new HashMap<>();
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            FaultRule rule = decider.decide(Route.BLOBS, i).terminal();
            counts.merge(rule == null ? "ok" : rule.statsKind(), 1, Integer::sum);
        }
        // deterministic for seed 1; the bounds say what the profile means
        assertThat(counts.get("status503") / (double) n).isBetween(0.019, 0.021);
        assertThat(counts.get("status429") / (double) n).isBetween(0.0095, 0.0105);
        assertThat(counts.get("reset") / (double) n).isBetween(0.0045, 0.0055);
    }

    @Test
    void flaky_leavesTagsAndUploadsAlone() {
        FaultDecider decider = new FaultDecider(FaultProfile.flaky());
        for (int i = 0; i < 10_000; i++) {
            assertThat(decider.decide(Route.TAGS, i).terminal()).isNull();
            assertThat(decider.decide(Route.UPLOADS, i).terminal()).isNull();
        }
    }

    @Test
    void next_countsEachRouteSeparately() {
        FaultDecider decider = new FaultDecider(FaultProfile.flaky());
        decider.next(Route.BLOBS);
        decider.next(Route.BLOBS);

        assertThat(decider.next(Route.BLOBS).index()).isEqualTo(2);
        assertThat(decider.next(Route.MANIFESTS).index()).isZero();
    }

    @Test
    void latencyRules_addFixedPlusBoundedJitter() {
        FaultProfile profile = new FaultProfile("l", 3, List.of(
                FaultRule.latency(Duration.ofMillis(10), Duration.ofMillis(5), 1, Route.MANIFESTS)));
        FaultDecider decider = new FaultDecider(profile);
        for (int i = 0; i < 1000; i++) {
            assertThat(decider.decide(Route.MANIFESTS, i).delayNanos()).isBetween(10_000_000L, 15_000_000L);
            assertThat(decider.decide(Route.BLOBS, i).delayNanos()).isZero();
        }
    }
}
