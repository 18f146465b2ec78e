package dev.regbench.harness.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regbench.engine.replicate.ReplicationResult;
import dev.regbench.engine.replicate.TagOutcome;
import dev.regbench.fakeregistry.storage.StoredManifest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Runs {@link ReplicationBenchmark#replicate} once, as JMH would, and checks what it copied. Times nothing. */
class ReplicationBenchmarkTest {

    @Test
    void replicate_copiesEveryTagIntoAFreshDestinationWithEqualDigests() throws Exception {
        ReplicationBenchmark bench = new ReplicationBenchmark();
        bench.tagConcurrency = 5;
        bench.latencyMs = 0;
        bench.startSource();
        try {
            Map<String, String> sourceTags = bench.source().seeded().manifests().get(ReplicationBenchmark.REPOSITORY);
            assertThat(sourceTags).hasSize(10);
            for (int invocation = 0; invocation < 2; invocation++) {
                bench.freshDestination();
                try {
                    assertThat(bench.destination().storage().repositories()).as("destination starts empty").isEmpty();
                    ReplicationResult result = bench.replicate();

                    assertThat(result.count(TagOutcome.Status.COPIED)).as("invocation %d", invocation).isEqualTo(10);
                    sourceTags.forEach((tag, digest) -> assertThat(bench.destination().storage()
                            .manifest(ReplicationBenchmark.REPOSITORY, tag).map(StoredManifest::digest))
                            .as("destination %s:%s", ReplicationBenchmark.REPOSITORY, tag).contains(digest));
                    // 10 unique 256 KiB layers + 10 configs went over the wire into the destination
                    assertThat(bench.destination().stats().bytesIn()).isGreaterThanOrEqualTo(10L * 256 * 1024);
                } finally {
                    bench.closeDestination();
                }
            }
        } finally {
            bench.stopSource();
        }
    }
}
