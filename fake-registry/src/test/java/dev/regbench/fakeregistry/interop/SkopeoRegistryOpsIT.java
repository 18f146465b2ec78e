package dev.regbench.fakeregistry.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regbench.fakeregistry.FakeRegistry;
import dev.regbench.fakeregistry.peers.Skopeo;
import dev.regbench.fakeregistry.peers.Skopeo.CopyOptions;
import dev.regbench.fakeregistry.peers.Tools.Tool;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The other things skopeo does to a registry, against the fake one: a copy between two
 * repositories of one registry, {@code delete}, {@code list-tags} over a repository with many tags,
 * and {@code inspect} (which reads the config blob).
 */
class SkopeoRegistryOpsIT {

    private static Skopeo skopeo;

    @BeforeAll
    static void tools() {
        Interop.requireTools(Tool.SKOPEO);
        skopeo = Skopeo.locate();
    }

    @Test
    void skopeoCopy_betweenRepositoriesOfOneRegistry_keepsDigest_andBlobsBecomeVisibleInTarget() throws Exception {
        try (FakeRegistry fake = FakeRegistry.builder().dataset("tiny").start()) {
            var repo = fake.seeded().manifests().entrySet().iterator().next();
            String tag = repo.getValue().keySet().iterator().next();
            RegistryProbe probe = new RegistryProbe(fake.url(), null);
            JsonNode manifest = probe.manifest(repo.getKey(), tag).json();
            String layer = manifest.path("layers").get(0).path("digest").asText();
            RawHttp.Response before = RawHttp.exchange("127.0.0.1", fake.port(), "HEAD", "/v2/copied/app/blobs/" + layer,
                    RawHttp.headers(), null);

            skopeo.copy(Skopeo.dockerRef(fake.host(), repo.getKey(), tag), Skopeo.dockerRef(fake.host(), "copied/app", tag),
                    CopyOptions.DEFAULT).orThrow();

            RawHttp.Response after = RawHttp.exchange("127.0.0.1", fake.port(), "HEAD", "/v2/copied/app/blobs/" + layer,
                    RawHttp.headers(), null);
            assertThat(before.status()).as("a blob of another repository is not visible before the copy").isEqualTo(404);
            assertThat(after.status()).as("and is after").isEqualTo(200);
            assertThat(probe.manifest("copied/app", tag).bodyDigest()).isEqualTo(repo.getValue().get(tag));
            assertThat(fake.settledStats().requestsByStatus().keySet()).allSatisfy(status -> assertThat(status).isLessThan(500));
        }
    }

    @Test
    void skopeoDelete_removesTaggedManifest_otherTagsStay() throws Exception {
        try (FakeRegistry fake = FakeRegistry.builder().dataset("tiny").start()) {
            var repo = fake.seeded().manifests().entrySet().iterator().next();
            List<String> tags = List.copyOf(repo.getValue().keySet());
            RegistryProbe probe = new RegistryProbe(fake.url(), null);

            skopeo.run(List.of("delete", "--tls-verify=false", Skopeo.dockerRef(fake.host(), repo.getKey(), tags.get(0)))).orThrow();

            String deleted = repo.getValue().get(tags.get(0));
            assertThat(probe.manifest(repo.getKey(), deleted).status()).as("GET deleted manifest by digest").isEqualTo(404);
            for (String other : tags.subList(1, tags.size())) {
                if (!repo.getValue().get(other).equals(deleted)) {
                    assertThat(probe.manifest(repo.getKey(), other).status()).as("GET tag " + other).isEqualTo(200);
                }
            }
        }
    }

    @Test
    void skopeoListTags_manySmall_listsEverySeededTag() throws Exception {
        try (FakeRegistry fake = FakeRegistry.builder().dataset("many-small").start()) {
            for (Map.Entry<String, Map<String, String>> repo : fake.seeded().manifests().entrySet()) {
                List<String> listed = skopeo.listTags("docker://" + fake.host() + "/" + repo.getKey(), null);
                assertThat(listed).as("skopeo list-tags of " + repo.getKey()).hasSize(repo.getValue().size())
                        .containsExactlyInAnyOrderElementsOf(repo.getValue().keySet());
            }
        }
    }

    @Test
    void skopeoInspect_readsConfigBlob_andReportsDigestAndLayers() throws Exception {
        try (FakeRegistry fake = FakeRegistry.builder().dataset("tiny").start()) {
            var repo = fake.seeded().manifests().entrySet().iterator().next();
            String tag = repo.getValue().keySet().iterator().next();

            Skopeo.Result r = skopeo.run(List.of("inspect", "--tls-verify=false", Skopeo.dockerRef(fake.host(), repo.getKey(), tag))).orThrow();

            JsonNode out = new ObjectMapper().readTree(r.stdout());
            JsonNode manifest = new RegistryProbe(fake.url(), null).manifest(repo.getKey(), tag).json();
            assertThat(out.path("Digest").asText()).isEqualTo(repo.getValue().get(tag));
            assertThat(out.path("Layers").size()).isEqualTo(manifest.path("layers").size());
            assertThat(out.path("Os").asText()).isEqualTo("linux");
        }
    }
}
