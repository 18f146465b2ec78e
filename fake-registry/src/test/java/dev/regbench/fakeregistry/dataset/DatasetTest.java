package dev.regbench.fakeregistry.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void tiny_hasTheSameDigestsOnEverySeeding() {
        SeedResult first = Dataset.named("tiny").seedInto(new MapStorage());
        SeedResult second = Dataset.named("tiny").seedInto(new MapStorage());

        assertThat(first).isEqualTo(second);
        assertThat(first.manifests()).containsOnlyKeys("tiny/app0");
        assertThat(first.manifests().get("tiny/app0")).containsOnlyKeys("v1", "v2", "v3");
    }

    /** Golden digests: a change here means every stored baseline's dataset changed too. */
    @Test
    void tiny_digestsAreFixedAcrossMachinesAndJdks() {
        SeedResult seeded = Dataset.named("tiny").seedInto(new MapStorage());

        assertThat(seeded.manifests().get("tiny/app0").get("v1")).isEqualTo(TINY_V1);
        assertThat(seeded.blobs()).isEqualTo(7); // 1 shared + 3 unique layers + 3 configs
    }

    private static final String TINY_V1 = "sha256:3aa29734d690f25b7d89454b2fc2dd7a4437d63249a90575935e5a23e0bb843a";

    @Test
    void tiny_manifestsReferenceStoredBlobsAndDiffIdsMatchTheGunzippedLayers() throws Exception {
        MapStorage storage = new MapStorage();
        SeedResult seeded = Dataset.named("tiny").seedInto(storage);

        for (String digest : seeded.manifests().get("tiny/app0").values()) {
            JsonNode manifest = JSON.readTree(storage.manifests.get("tiny/app0@" + digest));
            assertImageIsValid(storage, "tiny/app0", manifest);
        }
    }

    @Test
    void multiarch_tagsAreIndexesOverThreePlatformImages() throws Exception {
        MapStorage storage = new MapStorage();
        SeedResult seeded = Dataset.named("multiarch").seedInto(storage);
        String repo = "multiarch/app0";

        String indexDigest = seeded.manifests().get(repo).get("v1");
        assertThat(storage.mediaTypes.get(repo + "@" + indexDigest)).isEqualTo(ImageGenerator.INDEX);
        JsonNode index = JSON.readTree(storage.manifests.get(repo + "@" + indexDigest));
        List<String> platforms = new ArrayList<>();
        for (JsonNode entry : index.get("manifests")) {
            platforms.add(entry.get("platform").get("os").asText() + "/" + entry.get("platform").get("architecture").asText());
            byte[] child = storage.manifests.get(repo + "@" + entry.get("digest").asText());
            assertThat(child).as("child manifest %s", entry.get("digest")).isNotNull();
            assertThat(child.length).isEqualTo(entry.get("size").asInt());
            JsonNode manifest = JSON.readTree(child);
            assertImageIsValid(storage, repo, manifest);
            JsonNode config = JSON.readTree(storage.blobs.get(manifest.get("config").get("digest").asText()));
            assertThat(config.get("architecture").asText()).isEqualTo(entry.get("platform").get("architecture").asText());
        }
        assertThat(platforms).containsExactly("linux/amd64", "linux/arm64", "linux/s390x");
    }

    @Test
    void sharedLayerFraction_sharesTheBaseLayerWithinARepositoryOnly() throws Exception {
        Dataset dataset = Dataset.parseYaml("""
                name: shape
                repos: 2
                tagsPerRepo: 3
                layersPerTag: 3
                layerSize: 2KiB
                sharedLayerSize: 3KiB
                sharedLayerFraction: 0.34
                """, "shape.yaml");
        MapStorage storage = new MapStorage();
        SeedResult seeded = dataset.seedInto(storage);

        Map<String, Set<String>> baseLayers = new java.util.TreeMap<>();
        for (var repo : seeded.manifests().entrySet()) {
            for (String digest : repo.getValue().values()) {
                JsonNode layers = JSON.readTree(storage.manifests.get(repo.getKey() + "@" + digest)).get("layers");
                assertThat(layers).hasSize(3);
                baseLayers.computeIfAbsent(repo.getKey(), k -> new HashSet<>()).add(layers.get(0).get("digest").asText());
            }
        }
        assertThat(baseLayers.get("shape/app0")).hasSize(1);
        assertThat(baseLayers.get("shape/app1")).hasSize(1).doesNotContainAnyElementsOf(baseLayers.get("shape/app0"));
        // per repo: 1 shared + 3 tags x (2 unique layers + 1 config)
        assertThat(seeded.blobs()).isEqualTo(2 * (1 + 3 * 3));
        assertThat(seeded.tags()).isEqualTo(6);
    }

    @Test
    void sharedAcrossRepos_givesEveryRepositoryTheSameBaseLayer() throws Exception {
        Dataset dataset = Dataset.parseYaml("""
                name: shape
                repos: 3
                tagsPerRepo: 2
                layersPerTag: 3
                layerSize: 2KiB
                sharedLayerSize: 3KiB
                sharedLayerFraction: 0.34
                sharedAcrossRepos: true
                """, "shape.yaml");
        MapStorage storage = new MapStorage();
        SeedResult seeded = dataset.seedInto(storage);

        Set<String> baseLayers = new HashSet<>();
        Set<String> uniqueLayers = new HashSet<>();
        for (var repo : seeded.manifests().entrySet()) {
            for (String digest : repo.getValue().values()) {
                JsonNode layers = JSON.readTree(storage.manifests.get(repo.getKey() + "@" + digest)).get("layers");
                assertThat(layers).hasSize(3);
                baseLayers.add(layers.get(0).get("digest").asText());
                uniqueLayers.add(layers.get(1).get("digest").asText());
                uniqueLayers.add(layers.get(2).get("digest").asText());
            }
        }
        assertThat(baseLayers).hasSize(1).doesNotContainAnyElementsOf(uniqueLayers);
        assertThat(uniqueLayers).hasSize(3 * 2 * 2);
        // distinct digests: 1 base + 6 tags x (2 unique layers + 1 config)
        assertThat(seeded.blobs()).isEqualTo(1 + 6 * 3);
    }

    @Test
    void compressibility_shrinksTheLayerBlobs() {
        long incompressible = blobBytes("compressibility: 0");
        long compressible = blobBytes("compressibility: 0.9");

        assertThat(incompressible).isGreaterThan(256 * 1024);
        assertThat(compressible).isLessThan(incompressible / 5);
    }

    private static long blobBytes(String compressibility) {
        return Dataset.parseYaml("name: c\ntagsPerRepo: 1\nlayersPerTag: 1\nlayerSize: 256KiB\n" + compressibility, "c.yaml")
                .seedInto(new MapStorage()).blobBytes();
    }

    @Test
    void manySmall_has200TagsOfOneUnique64KiBLayer() {
        SeedResult seeded = Dataset.named("many-small").seedInto(new MapStorage());

        assertThat(seeded.tags()).isEqualTo(200);
        assertThat(seeded.blobs()).isEqualTo(400);
        assertThat(seeded.blobBytes()).isGreaterThan(200L * 64 * 1024);
    }

    @Test
    void standard_specMatchesTheDesign() {
        DatasetSpec spec = Dataset.named("standard").spec();

        assertThat(spec.repos()).isEqualTo(2);
        assertThat(spec.tagsPerRepo()).isEqualTo(20);
        assertThat(spec.sharedLayers()).isEqualTo(1);
        assertThat(spec.sharedLayerSize()).isEqualTo(SizeRange.fixed(8 << 20));
        assertThat(spec.layerSize()).isEqualTo(SizeRange.fixed(4 << 20));
        assertThat(spec.layersPerTag()).isEqualTo(3);
    }

    @Test
    void named_unknownNameListsTheKnownOnes() {
        assertThatThrownBy(() -> Dataset.named("huge"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'huge'")
                .hasMessageContaining("tiny, standard, many-small, multiarch");
    }

    @Test
    void fromYaml_unknownKeyNamesTheKeyAndTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "name: x\nrepoz: 2\n");

        assertThatThrownBy(() -> Dataset.fromYaml(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("unknown key 'repoz'")
                .hasMessageContaining("tagsPerRepo");
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "compressibility out of range | name: x\\ncompressibility: 2     | compressibility",
        "negative fraction            | name: x\\nsharedLayerFraction: -1 | sharedLayerFraction",
        "zero repos                   | name: x\\nrepos: 0               | repos",
        "bad size text                | name: x\\nlayerSize: lots        | layerSize",
        "bad platform                 | name: x\\nplatforms: [linux]     | platforms",
        "missing name                 | repos: 2                         | name",
        "bad name characters          | name: Big Set                    | name",
    })
    void parseYaml_badValueNamesTheKey(String description, String yaml, String key) {
        assertThatThrownBy(() -> Dataset.parseYaml(yaml.replace("\\n", "\n"), "set.yaml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("set.yaml")
                .hasMessageContaining(key);
    }

    static void assertImageIsValid(MapStorage storage, String repo, JsonNode manifest) throws Exception {
        assertThat(manifest.get("mediaType").asText()).isEqualTo(ImageGenerator.MANIFEST);
        JsonNode configRef = manifest.get("config");
        assertThat(configRef.get("mediaType").asText()).isEqualTo(ImageGenerator.CONFIG);
        byte[] configBytes = storage.blobs.get(configRef.get("digest").asText());
        assertThat(configBytes).as("config blob").isNotNull();
        assertThat(storage.linked(repo, configRef.get("digest").asText())).isTrue();
        JsonNode diffIds = JSON.readTree(configBytes).get("rootfs").get("diff_ids");
        JsonNode layers = manifest.get("layers");
        assertThat(diffIds).hasSameSizeAs(layers);
        for (int i = 0; i < layers.size(); i++) {
            JsonNode layer = layers.get(i);
            assertThat(layer.get("mediaType").asText()).isEqualTo(ImageGenerator.LAYER);
            byte[] gz = storage.blobs.get(layer.get("digest").asText());
            assertThat(gz).as("layer blob %s", layer.get("digest")).isNotNull();
            assertThat(storage.linked(repo, layer.get("digest").asText())).isTrue();
            assertThat(gz.length).isEqualTo(layer.get("size").asInt());
            byte[] tar = TarEntries.gunzip(gz);
            assertThat(MapStorage.digest(tar)).isEqualTo(diffIds.get(i).asText());
            Map<String, Long> entries = TarEntries.list(tar);
            assertThat(entries).hasSize(2);
            assertThat(entries.keySet()).allMatch(name -> name.startsWith("regbench/"));
        }
    }
}
