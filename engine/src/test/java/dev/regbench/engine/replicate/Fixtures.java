package dev.regbench.engine.replicate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regbench.engine.config.TuningConfig;
import dev.regbench.engine.registry.ImageReference;
import dev.regbench.engine.registry.RegistryClient;
import dev.regbench.engine.resilience.Sleeper;
import dev.regbench.fakeregistry.FakeRegistry;
import java.util.Map;
import java.util.Optional;

/** Shared pieces of the replicator tests. */
final class Fixtures {
    /** Backoff never waits in tests: Retry-After and jitter are exercised, not slept. */
    static final Sleeper NO_SLEEP = d -> { };

    private Fixtures() {
    }

    /** The optimized settings with fast, deterministic resilience for tests. */
    static TuningConfig optimized() {
        return TuningConfig.DEFAULT
                .with("retry.enabled", "true")
                .with("retry.maxAttempts", "6")
                .with("retry.baseDelay", "1ms")
                .with("retry.maxDelay", "5ms");
    }

    static ReplicatorOptions options() {
        return ReplicatorOptions.DEFAULT.withSleeper(NO_SLEEP);
    }

    static ImageReference ref(FakeRegistry registry, String repo) {
        return ImageReference.parse(registry.host() + (repo == null ? "" : "/" + repo));
    }

    /** Asserts that every seeded manifest digest of {@code source} is at the same tag of {@code dest}. */
    static void assertSameDigests(FakeRegistry source, FakeRegistry dest, Replicator replicator) throws Exception {
        Map<String, Map<String, String>> seeded = source.seeded().manifests();
        assertThat(seeded).isNotEmpty();
        RegistryClient client = replicator.client(ref(dest, null), Optional.empty());
        for (Map.Entry<String, Map<String, String>> repo : seeded.entrySet()) {
            for (Map.Entry<String, String> tag : repo.getValue().entrySet()) {
                assertThat(client.manifestDigest(repo.getKey(), tag.getKey()))
                        .as(repo.getKey() + ":" + tag.getKey())
                        .contains(tag.getValue());
            }
        }
    }
}
