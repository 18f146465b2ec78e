package dev.regbench.engine.replicate;

import static dev.regbench.engine.replicate.Fixtures.options;
import static dev.regbench.engine.replicate.Fixtures.ref;
import static org.assertj.core.api.Assertions.assertThat;

import dev.regbench.engine.config.TuningConfig;
import dev.regbench.fakeregistry.FakeRegistry;
import dev.regbench.fakeregistry.dataset.Dataset;
import dev.regbench.fakeregistry.stats.StatsSnapshot;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Server-side connection counts for the two reference configs (claim C2). The optimized case uses
 * a small custom dataset with many requests (400 tags of four 1 KiB blobs, ~2,400 requests to the
 * source and ~7,000 to the destination) rather than {@code standard} (336 MiB, a minute under load):
 * what makes reuse measurable is the request count, not the bytes, and 99% reuse needs at least
 * 100 requests per connection.
 */
class ConnectionReuseTest {
    private static final String MANY_REQUESTS = """
            name: many-requests
            seed: 3
            repos: 1
            tagsPerRepo: 400
            layersPerTag: 3
            sharedLayerFraction: 0
            layerSize: 1KiB
            """;

    @org.junit.jupiter.api.io.TempDir
    Path temp;

    /** The repository's {@code configs/} (surefire runs in {@code engine/}). */
    private static final Path CONFIGS = java.nio.file.Files.isDirectory(Path.of("..", "configs"))
            ? Path.of("..", "configs") : Path.of("configs");

    @Test
    void optimizedConfig_opensNoMoreConnectionsThanThePoolAllowsAndReusesThem() throws Exception {
        TuningConfig config = TuningConfig.load(CONFIGS.resolve("optimized.yaml"));
        Path yaml = java.nio.file.Files.writeString(temp.resolve("many-requests.yaml"), MANY_REQUESTS);
        try (FakeRegistry src = FakeRegistry.builder().dataset(Dataset.fromYaml(yaml)).start();
             FakeRegistry dst = FakeRegistry.builder().start();
             Replicator replicator = Replicator.create(config, options())) {
            src.resetStats();
            ReplicationResult result = replicator.replicate(
                    ReplicationRequest.of(ref(src, null), ref(dst, null)).withAllRepositories(true));
            assertThat(result.failed()).as("failed tags").isEmpty();
            for (StatsSnapshot s : new StatsSnapshot[] {src.stats(), dst.stats()}) {
                assertThat(s.connectionsAccepted()).isLessThanOrEqualTo(config.transport().maxPerHost());
                double reuse = 1.0 - (double) s.connectionsAccepted() / s.requestsTotal();
                assertThat(s.requestsTotal()).as("enough requests for 99% to be reachable").isGreaterThan(2000);
                assertThat(reuse).as("connection reuse").isGreaterThanOrEqualTo(0.99);
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
