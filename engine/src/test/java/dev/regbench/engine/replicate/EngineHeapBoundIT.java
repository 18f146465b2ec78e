package dev.regbench.engine.replicate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regbench.engine.config.TuningConfig;
import dev.regbench.engine.registry.RegistryClient;
import dev.regbench.fakeregistry.FakeRegistry;
import dev.regbench.fakeregistry.dataset.Dataset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Heap stays bounded while replicating a dataset much larger than the heap: the engine runs in a
 * child JVM with {@code -Xmx48m} ({@link HeapBoundMain}) and copies 256 MiB (4 blobs of 64 MiB, each
 * larger than the whole heap) with the optimized config. The two fake registries run here, in the
 * test JVM, on disk storage — so their memory is not charged to the engine, and the child's heap is
 * the engine's alone. Whole-blob buffering anywhere in the engine would end in OutOfMemoryError.
 * An IT (failsafe): it moves a quarter GiB through loopback twice.
 */
class EngineHeapBoundIT {
    private static final String DATASET = """
            name: heap-bound
            seed: 5
            repos: 1
            tagsPerRepo: 2
            layersPerTag: 2
            sharedLayerFraction: 0
            layerSize: 64MiB
            """;
    private static final Path CONFIGS = Files.isDirectory(Path.of("..", "configs")) ? Path.of("..", "configs")
            : Path.of("configs");

    @TempDir
    Path temp;

    @Test
    void replicatingFourTimesTheHeap_completesInA48MiBHeapWithEqualDigests() throws Exception {
        Path yaml = Files.writeString(temp.resolve("heap-bound.yaml"), DATASET);
        Path config = CONFIGS.resolve("optimized.yaml").toAbsolutePath();
        try (FakeRegistry src = FakeRegistry.builder().dataset(Dataset.fromYaml(yaml)).storage(temp.resolve("src")).start();
             FakeRegistry dst = FakeRegistry.builder().storage(temp.resolve("dst")).start()) {
            assertThat(src.seeded().blobBytes()).isGreaterThan(5L * 48 << 20);
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Path log = temp.resolve("child.log");
            Process child = new ProcessBuilder(List.of(java.toString(), "-Xmx48m", "-XX:+ExitOnOutOfMemoryError",
                    "-cp", System.getProperty("java.class.path"), HeapBoundMain.class.getName(),
                    src.host(), dst.host(), config.toString()))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean finished = child.waitFor(5, TimeUnit.MINUTES);
            if (!finished) {
                child.destroyForcibly();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(finished).as("child finished within 5 minutes: " + output).isTrue();
            assertThat(child.exitValue()).as(output).isZero();
            assertThat(output).contains("copied=" + src.seeded().blobBytes());
            try (Replicator checker = Replicator.create(TuningConfig.DEFAULT, ReplicatorOptions.DEFAULT)) {
                RegistryClient client = checker.client(Fixtures.ref(dst, null), Optional.empty());
                for (Map.Entry<String, Map<String, String>> repo : src.seeded().manifests().entrySet()) {
                    for (Map.Entry<String, String> tag : repo.getValue().entrySet()) {
                        assertThat(client.manifestDigest(repo.getKey(), tag.getKey())).contains(tag.getValue());
                    }
                }
            }
        }
    }
}
