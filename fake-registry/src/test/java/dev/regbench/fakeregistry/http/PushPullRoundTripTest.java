package dev.regbench.fakeregistry.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regbench.fakeregistry.FakeRegistry;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A full push and pull over real sockets with real sha256 digests, through each upload style. */
class PushPullRoundTripTest {
    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

    private FakeRegistry registry;
    private RegistryCalls calls;

    @BeforeEach
    void start() throws Exception {
        registry = FakeRegistry.builder().start();
        calls = new RegistryCalls(registry.url());
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @Test
    void pushThenPull_servesTheSameBytesAndDigests() {
        byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
        byte[] layer1 = random(300_000, 1);
        byte[] layer2 = random(70_000, 2);
        byte[] layer3 = random(5_000, 3);

        // monolithic POST ?digest=
        HttpResponse<byte[]> mono = calls.send("POST", "/v2/team/app/blobs/uploads/?digest="
                + RegistryCalls.sha256(config), config, "Content-Type", "application/octet-stream");
        assertThat(mono.statusCode()).isEqualTo(201);
        assertThat(mono.headers().firstValue("Docker-Content-Digest")).hasValue(RegistryCalls.sha256(config));

        // POST, one PATCH without Content-Range (skopeo's way), PUT ?digest= with empty body
        HttpResponse<byte[]> post = calls.send("POST", "/v2/team/app/blobs/uploads/", null);
        assertThat(post.statusCode()).isEqualTo(202);
        assertThat(post.headers().firstValue("Range")).hasValue("0-0");
        assertThat(post.headers().firstValue("Docker-Upload-UUID")).isPresent();
        String location = post.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(registry.url() + "/v2/team/app/blobs/uploads/");
        HttpResponse<byte[]> patch = calls.send("PATCH", location, layer1, "Content-Type", "application/octet-stream");
        assertThat(patch.statusCode()).isEqualTo(202);
        assertThat(patch.headers().firstValue("Range")).hasValue("0-" + (layer1.length - 1));
        HttpResponse<byte[]> put = calls.send("PUT", patch.headers().firstValue("Location").orElseThrow()
                + "?digest=" + RegistryCalls.sha256(layer1), null);
        assertThat(put.statusCode()).isEqualTo(201);
        assertThat(put.headers().firstValue("Docker-Content-Digest")).hasValue(RegistryCalls.sha256(layer1));

        // chunked PATCHes with Content-Range, status GET, last chunk in the PUT
        location = calls.send("POST", "/v2/team/app/blobs/uploads/", null).headers().firstValue("Location").orElseThrow();
        byte[] part1 = java.util.Arrays.copyOfRange(layer2, 0, 40_000);
        byte[] part2 = java.util.Arrays.copyOfRange(layer2, 40_000, 60_000);
        byte[] part3 = java.util.Arrays.copyOfRange(layer2, 60_000, layer2.length);
        assertThat(calls.send("PATCH", location, part1, "Content-Range", "0-39999").statusCode()).isEqualTo(202);
        assertThat(calls.send("PATCH", location, part2, "Content-Range", "40000-59999").statusCode()).isEqualTo(202);
        HttpResponse<byte[]> status = calls.get(location);
        assertThat(status.statusCode()).isEqualTo(204);
        assertThat(status.headers().firstValue("Range")).hasValue("0-59999");
        HttpResponse<byte[]> last = calls.send("PUT", location + "?digest=" + RegistryCalls.sha256(layer2), part3,
                "Content-Range", "60000-" + (layer2.length - 1));
        assertThat(last.statusCode()).isEqualTo(201);

        // sha512 digests are verified and served too
        HttpResponse<byte[]> sha512 = calls.send("POST", "/v2/team/app/blobs/uploads/?digest="
                + RegistryCalls.sha512(layer3), layer3);
        assertThat(sha512.statusCode()).isEqualTo(201);
        assertThat(calls.get("/v2/team/app/blobs/" + RegistryCalls.sha512(layer3)).body()).isEqualTo(layer3);
        assertThat(calls.pushMonolithic("team/app", layer3).statusCode()).isEqualTo(201);

        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
                + RegistryCalls.sha256(config) + "\",\"size\":" + config.length + "},\"layers\":["
                + layer("" + RegistryCalls.sha256(layer1), layer1.length) + ","
                + layer(RegistryCalls.sha256(layer2), layer2.length) + ","
                + layer(RegistryCalls.sha256(layer3), layer3.length) + "]}";
        byte[] manifestBytes = manifest.getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> putManifest = calls.send("PUT", "/v2/team/app/manifests/v1", manifestBytes,
                "Content-Type", OCI_MANIFEST);
        assertThat(putManifest.statusCode()).isEqualTo(201);
        String manifestDigest = RegistryCalls.sha256(manifestBytes);
        assertThat(putManifest.headers().firstValue("Docker-Content-Digest")).hasValue(manifestDigest);
        assertThat(putManifest.headers().firstValue("Location")).hasValue("/v2/team/app/manifests/" + manifestDigest);

        // pull: by tag (several Accept lines, as skopeo sends them) and by digest, byte for byte
        HttpResponse<byte[]> byTag = calls.get("/v2/team/app/manifests/v1",
                "Accept", "application/vnd.docker.distribution.manifest.v2+json",
                "Accept", OCI_MANIFEST,
                "Accept", "application/vnd.oci.image.index.v1+json");
        assertThat(byTag.statusCode()).isEqualTo(200);
        assertThat(byTag.body()).isEqualTo(manifestBytes);
        assertThat(byTag.headers().firstValue("Content-Type")).hasValue(OCI_MANIFEST);
        assertThat(byTag.headers().firstValue("Docker-Content-Digest")).hasValue(manifestDigest);
        assertThat(byTag.headers().firstValue("Docker-Distribution-API-Version")).hasValue("registry/2.0");
        assertThat(calls.get("/v2/team/app/manifests/" + manifestDigest).body()).isEqualTo(manifestBytes);
        HttpResponse<byte[]> head = calls.send("HEAD", "/v2/team/app/manifests/v1", null);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Length")).hasValue(String.valueOf(manifestBytes.length));

        for (byte[] blob : new byte[][] {config, layer1, layer2, layer3}) {
            HttpResponse<byte[]> got = calls.get("/v2/team/app/blobs/" + RegistryCalls.sha256(blob),
                    "Accept-Encoding", "gzip");
            assertThat(got.statusCode()).isEqualTo(200);
            assertThat(RegistryCalls.sha256(got.body())).isEqualTo(RegistryCalls.sha256(blob));
            assertThat(got.headers().firstValue("Content-Encoding")).isEmpty();
            assertThat(got.headers().firstValue("ETag")).hasValue("\"" + RegistryCalls.sha256(blob) + "\"");
        }
        HttpResponse<byte[]> blobHead = calls.send("HEAD", "/v2/team/app/blobs/" + RegistryCalls.sha256(layer1), null);
        assertThat(blobHead.statusCode()).isEqualTo(200);
        assertThat(blobHead.headers().firstValue("Content-Length")).hasValue(String.valueOf(layer1.length));
        assertThat(blobHead.headers().firstValue("Docker-Content-Digest")).hasValue(RegistryCalls.sha256(layer1));

        HttpResponse<byte[]> range = calls.get("/v2/team/app/blobs/" + RegistryCalls.sha256(layer1),
                "Range", "bytes=100-199");
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.body()).isEqualTo(java.util.Arrays.copyOfRange(layer1, 100, 200));
        assertThat(range.headers().firstValue("Content-Range")).hasValue("bytes 100-199/" + layer1.length);

        assertThat(new String(calls.get("/v2/team/app/tags/list").body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"name\":\"team/app\",\"tags\":[\"v1\"]}");
        assertThat(new String(calls.get("/v2/_catalog").body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"repositories\":[\"team/app\"]}");
    }

    @Test
    void mount_linksABlobFromAnotherRepositoryOrOpensASession() {
        byte[] blob = random(10_000, 7);
        String digest = RegistryCalls.sha256(blob);
        calls.pushMonolithic("src/repo", blob);

        HttpResponse<byte[]> mounted = calls.send("POST", "/v2/dst/repo/blobs/uploads/?mount=" + digest + "&from=src/repo", null);
        assertThat(mounted.statusCode()).isEqualTo(201);
        assertThat(mounted.headers().firstValue("Location")).hasValue(registry.url() + "/v2/dst/repo/blobs/" + digest);
        assertThat(calls.get("/v2/dst/repo/blobs/" + digest).body()).isEqualTo(blob);

        HttpResponse<byte[]> notMounted = calls.send("POST", "/v2/other/repo/blobs/uploads/?mount=" + digest
                + "&from=nowhere/repo", null);
        assertThat(notMounted.statusCode()).isEqualTo(202);
        assertThat(notMounted.headers().firstValue("Docker-Upload-UUID")).isPresent();
        assertThat(calls.get("/v2/other/repo/blobs/" + digest).statusCode()).isEqualTo(404);
    }

    @Test
    void referrers_listManifestsWithASubject_filteredByArtifactType() {
        byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
        calls.pushMonolithic("team/app", config);
        String configDigest = RegistryCalls.sha256(config);
        byte[] image = ("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":{\"mediaType\":"
                + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest + "\",\"size\":2},"
                + "\"layers\":[]}").getBytes(StandardCharsets.UTF_8);
        String imageDigest = RegistryCalls.sha256(image);
        assertThat(calls.send("PUT", "/v2/team/app/manifests/v1", image, "Content-Type", OCI_MANIFEST).statusCode())
                .isEqualTo(201);
        byte[] sbom = ("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"artifactType\":"
                + "\"application/vnd.example.sbom\",\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\","
                + "\"digest\":\"" + configDigest + "\",\"size\":2},\"layers\":[],\"subject\":{\"mediaType\":\""
                + OCI_MANIFEST + "\",\"digest\":\"" + imageDigest + "\",\"size\":" + image.length + "},"
                + "\"annotations\":{\"org.example\":\"yes\"}}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> put = calls.send("PUT", "/v2/team/app/manifests/" + RegistryCalls.sha256(sbom), sbom,
                "Content-Type", OCI_MANIFEST);
        assertThat(put.statusCode()).isEqualTo(201);
        assertThat(put.headers().firstValue("OCI-Subject")).hasValue(imageDigest);

        HttpResponse<byte[]> all = calls.get("/v2/team/app/referrers/" + imageDigest);
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.headers().firstValue("Content-Type")).hasValue("application/vnd.oci.image.index.v1+json");
        String body = new String(all.body(), StandardCharsets.UTF_8);
        assertThat(body).contains(RegistryCalls.sha256(sbom)).contains("\"artifactType\":\"application/vnd.example.sbom\"")
                .contains("\"org.example\":\"yes\"");
        assertThat(all.headers().firstValue("OCI-Filters-Applied")).isEmpty();

        HttpResponse<byte[]> filtered = calls.get("/v2/team/app/referrers/" + imageDigest + "?artifactType=other/type");
        assertThat(filtered.headers().firstValue("OCI-Filters-Applied")).hasValue("artifactType");
        assertThat(new String(filtered.body(), StandardCharsets.UTF_8)).contains("\"manifests\":[]");

        HttpResponse<byte[]> none = calls.get("/v2/team/app/referrers/" + configDigest);
        assertThat(none.statusCode()).isEqualTo(200);
        assertThat(new String(none.body(), StandardCharsets.UTF_8)).contains("\"manifests\":[]");
    }

    private static String layer(String digest, int size) {
        return "{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"" + digest
                + "\",\"size\":" + size + "}";
    }
}
