package dev.regbench.simulations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestRecorderTest {

    private static final long MS = 1_000_000L;

    @Test
    void record_countsAttemptsFailuresStatusesAndRequests() {
        RequestRecorder recorder = new RequestRecorder("run", 0, null);

        recorder.record("manifest", 0, 2 * MS, 200, true);
        recorder.record("layer", 0, 4 * MS, 200, true);
        recorder.record("layer", 0, 6 * MS, 503, false);
        recorder.record("layer", 0, 8 * MS, -1, false);

        assertThat(recorder.requests()).isEqualTo(4);
        assertThat(recorder.failures()).isEqualTo(2);
        assertThat(recorder.byStatus()).isEqualTo(Map.of(-1, 1L, 200, 2L, 503, 1L));
        assertThat(recorder.byRequest()).containsOnlyKeys("layer", "manifest");
        assertThat(recorder.byRequest().get("layer")).containsExactly(3, 2);
    }

    @Test
    void phase_recordsIntoItsParentToo() {
        RequestRecorder run = new RequestRecorder("run", 0, null);
        RequestRecorder phase = run.phase("shared");

        phase.operationStarted("pull");
        phase.record("manifest", 0, MS, 200, true);
        phase.operationSucceeded("pull");

        assertThat(run.requests()).isEqualTo(1);
        assertThat(run.operations().get("pull")).containsExactly(1, 1);
        assertThat(phase.operations().get("pull")).containsExactly(1, 1);
    }

    @Test
    void window_keepsOnlyRequestsThatEndedInThoseSeconds() {
        RequestRecorder recorder = new RequestRecorder("run", 0, null);
        recorder.record("m", 0, 500 * MS, 200, true);          // second 0
        recorder.record("m", 1_000 * MS, 1_200 * MS, 200, true); // second 1
        recorder.record("m", 1_000 * MS, 1_900 * MS, 503, false); // second 1
        recorder.record("m", 2_000 * MS, 2_500 * MS, 200, true); // second 2

        assertThat(recorder.window(1, 2).getTotalCount()).isEqualTo(2);
        assertThat(recorder.failuresIn(1, 2)).isEqualTo(1);
        assertThat(recorder.window(0, 3).getTotalCount()).isEqualTo(4);
    }

    @Test
    void figures_computeRateAndPercentilesInMilliseconds_andReuseFromServerCounters() {
        RequestRecorder recorder = new RequestRecorder("run", 0, null);
        for (int i = 1; i <= 100; i++) {
            recorder.record("m", 0, i * MS, 200, true);
        }

        Figures f = Figures.of(recorder, Optional.of(new Target.ServerCounters(25, 100)));

        assertThat(f.requests()).isEqualTo(100);
        assertThat(f.seconds()).isEqualTo(0.1);
        assertThat(f.rps()).isEqualTo(1000.0);
        assertThat(f.p50()).isBetween(49.9, 50.1);
        assertThat(f.max()).isBetween(99.9, 100.1);
        assertThat(f.connectionsAccepted()).isEqualTo(25);
        assertThat(f.connectionReuse()).isEqualTo(0.75);
    }
}
