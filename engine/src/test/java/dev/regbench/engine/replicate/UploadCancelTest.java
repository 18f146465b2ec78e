package dev.regbench.engine.replicate;

import static dev.regbench.engine.replicate.Fixtures.options;
import static dev.regbench.engine.replicate.Fixtures.optimized;
import static dev.regbench.engine.replicate.Fixtures.ref;
import static org.assertj.core.api.Assertions.assertThat;

import dev.regbench.engine.config.TuningConfig;
import dev.regbench.engine.registry.Digests;
import dev.regbench.engine.registry.ImageReference;
import dev.regbench.fakeregistry.FakeRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A blob upload the engine abandons is cancelled ({@code DELETE} of its session): after a failed copy
 * of a corrupt source into a registry with disk storage no session and no staged file remain.
 */
class UploadCancelTest {

    @TempDir
    Path storage;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"MONOLITHIC", "CHUNKED"})
    void corruptSource_leavesNoUploadSessionNorPartialFile(String mode) throws Exception {
        TuningConfig config = optimized().with("replication.uploadMode", mode).with("replication.chunkSize", "16KiB");
        byte[] bad = TestImages.bytes(5, 100_000);
        try (FakeRegistry src = FakeRegistry.builder().start();
             FakeRegistry dst = FakeRegistry.builder().storage(storage).start()) {
            TestImages.image(src.storage(), "team/app", "broken", bad);
            try (CorruptingProxy proxy = new CorruptingProxy(src.url(), Digests.of(bad));
                 Replicator replicator = Replicator.create(config, options())) {
                ReplicationResult result = replicator.replicate(ReplicationRequest.of(
                        ImageReference.parse(proxy.host() + "/team/app"), ref(dst, null)).withKeepGoing(true));
                assertThat(result.failed()).hasSize(1);
                assertThat(result.failed().get(0).reason()).contains("digest mismatch");
                assertThat(result.stats().requests("blob_upload_cancel")).as("DELETE of the session sent").isPositive();
            }
            dst.settledStats();
            assertThat(dst.storage().counts().uploads()).as("open upload sessions").isZero();
            try (Stream<Path> staged = Files.list(storage.resolve("_uploads"))) {
                assertThat(staged.toList()).as("staged files").isEmpty();
            }
        }
    }
}
