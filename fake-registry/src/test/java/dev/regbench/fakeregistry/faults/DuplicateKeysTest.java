package dev.regbench.fakeregistry.faults;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regbench.fakeregistry.dataset.Dataset;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A key given twice in a dataset, network or fault profile file is an error naming the file and the key. */
class DuplicateKeysTest {

    @Test
    void networkProfile_duplicateKey(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("net.yaml"), "latency: 5ms\njitter: 1ms\nlatency: 50ms\n");

        assertThatThrownBy(() -> NetworkProfile.fromYaml(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("duplicate key 'latency'");
    }

    @Test
    void faultProfile_duplicateKeyInsideARule(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("faults.yaml"), """
                name: mine
                rules:
                  - routes: [blobs]
                    status: 503
                    probability: 0.1
                    probability: 0.9
                """);

        assertThatThrownBy(() -> FaultProfile.fromYaml(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("duplicate key 'probability'");
    }

    @Test
    void dataset_duplicateKey(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("data.yaml"), "name: d\ntagsPerRepo: 1\ntagsPerRepo: 5\n");

        assertThatThrownBy(() -> Dataset.fromYaml(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("duplicate key 'tagsPerRepo'");
    }
}
