package dev.regbench.engine.replicate;

import static dev.regbench.engine.replicate.Fixtures.options;
import static dev.regbench.engine.replicate.Fixtures.ref;
import static org.assertj.core.api.Assertions.assertThat;

import dev.regbench.engine.config.TuningConfig;
import dev.regbench.fakeregistry.FakeRegistry;
import dev.regbench.fakeregistry.stats.StatsSnapshot;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Server-side connection counts for the two reference configs (claim C2). */
class ConnectionReuseTest {
    /** The repository's {@code configs/} (surefire runs in {@code engine/}). */
    private static final Path CONFIGS = java.nio.file.Files.isDirectory(Path.of("..", "configs"))
            ? Path.of("..", "configs") : Path.of("configs");

    @Test
    void optimizedConfig_onStandard_opensNoMoreConnectionsThanThePoolAllows() throws Exception {
        TuningConfig config = TuningConfig.load(CONFIGS.resolve("optimized.yaml"));
        try (FakeRegistry src = FakeRegistry.builder().dataset("standard").start();
             FakeRegistry dst = FakeRegistry.builder().start();
             Replicator replicator = Replicator.create(config, options())) {
            src.resetStats();
            ReplicationResult result = replicator.replicate(
                    ReplicationRequest.of(ref(src, null), ref(dst, null)).withAllRepositories(true));
            assertThat(result.failed()).as("failed tags").isEmpty();
            for (StatsSnapshot s : new StatsSnapshot[] {src.stats(), dst.stats()}) {
                assertThat(s.connectionsAccepted()).isLessThanOrEqualTo(config.transport().maxPerHost());
                double reuse = 1.0 - (double) s.connectionsAccepted() / s.requestsTotal();
                assertThat(reuse).isGreaterThanOrEqualTo(0.9);
            }
            assertThat(result.stats().connectionsOpened())
                    .isEqualTo(src.stats().connectionsAccepted() + dst.stats().connectionsAccepted());
        }
    }

    @Test
    void baselineConfig_opensOneConnectionPerRequest() throws Exception {
        TuningConfig config = TuningConfig.load(CONFIGS.resolve("baseline.yaml"));
        try (FakeRegistry src = FakeRegistry.builder().dataset("tiny").start();
             FakeRegistry dst = FakeRegistry.builder().start();
             Replicator replicator = Replicator.create(config, options())) {
            src.resetStats();
            ReplicationResult result = replicator.replicate(
                    ReplicationRequest.of(ref(src, null), ref(dst, null)).withAllRepositories(true));
            assertThat(result.failed()).as("failed tags").isEmpty();
            assertThat(src.stats().connectionsAccepted()).isEqualTo(src.stats().requestsTotal());
            assertThat(dst.stats().connectionsAccepted()).isEqualTo(dst.stats().requestsTotal());
            assertThat(replicator.connectionCounters().reuses()).isZero();
        }
    }
}
