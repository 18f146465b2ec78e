package dev.regbench.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regbench.harness.scenario.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dataset bytes a run makes present (the base of logical throughput) count only the images
 * the scenario replicates: a tag filter leaves the other tags' blobs out.
 */
class ExpectedTest {

    @TempDir
    Path dir;

    @Test
    void datasetBytes_countOnlyTheSelectedTagsBlobs_eachOnce() throws Exception {
        Path file = dir.resolve("s.yaml");
        Files.writeString(dir.resolve("a.yaml"), "name: a\n");
        Files.writeString(file, "dataset: tiny\nnetwork: loopback\nconfigs: [a.yaml]\nwarmup: 0\nrepetitions: 1\n");
        try (Endpoint source = Registries.source(ScenarioLoader.load(file))) {
            var fake = source.fake().orElseThrow();
            Expected all = Expected.of(source, ".*");
            // no filter: every seeded blob, the dataset's own total
            assertThat(all.blobBytes()).isEqualTo(fake.seeded().blobBytes()).isPositive();

            String repo = all.manifests().keySet().iterator().next();
            Map.Entry<String, String> first = all.manifests().get(repo).entrySet().iterator().next();
            Expected one = Expected.of(source, Pattern.quote(first.getKey()));
            assertThat(one.tagCount()).isEqualTo(1);
            // the one tag's blobs: its config and layers, as its manifest's descriptors size them
            JsonNode manifest = new ObjectMapper().readTree(fake.storage().manifest(repo, first.getValue()).orElseThrow().bytes());
            long own = manifest.path("config").path("size").asLong();
            for (JsonNode layer : manifest.path("layers")) {
                own += layer.path("size").asLong();
            }
            assertThat(one.blobBytes()).isEqualTo(own).isLessThan(all.blobBytes());
        }
    }
}
