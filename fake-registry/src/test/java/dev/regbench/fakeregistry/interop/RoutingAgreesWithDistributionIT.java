package dev.regbench.fakeregistry.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regbench.fakeregistry.FakeRegistry;
import dev.regbench.fakeregistry.peers.DistributionRegistry;
import dev.regbench.fakeregistry.peers.Tools.Tool;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fake registry resolves repository names holding the reserved path words
 * ({@code manifests}, {@code blobs}, {@code blobs/uploads}, {@code tags}, {@code referrers}) as CNCF
 * distribution 2.8 does: the same image pushed to both under such names, then each request of the
 * table answers the same status (and digest) from both. Unauthenticated; the token side is
 * {@code RouteTokenTableTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoutingAgreesWithDistributionIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static final List<String> NAMES = List.of("blobs/uploads", "tiny/app0/manifests/secret",
            "tiny/app0/blobs/uploads", "team/tags/list/x", "team/referrers/x", "a/manifests/b/blobs/c");
    private static final byte[] CONFIG = "{}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] LAYER = "layer bytes for the routing check".getBytes(StandardCharsets.UTF_8);
    private static final byte[] MANIFEST = ("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":{"
            + "\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + sha256(CONFIG) + "\",\"size\":"
            + CONFIG.length + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\""
            + sha256(LAYER) + "\",\"size\":" + LAYER.length + "}]}").getBytes(StandardCharsets.UTF_8);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private DistributionRegistry distribution;
    private FakeRegistry fake;

    @BeforeAll
    void start() throws Exception {
        Interop.requireTools(Tool.DISTRIBUTION);
        distribution = DistributionRegistry.start();
        fake = FakeRegistry.builder().start();
        for (String base : List.of(distribution.url(), fake.url())) {
            for (String name : NAMES) {
                assertThat(pushBlob(base, name, CONFIG)).as("config blob into %s at %s", name, base).isEqualTo(201);
                assertThat(pushBlob(base, name, LAYER)).as("layer blob into %s at %s", name, base).isEqualTo(201);
                assertThat(send(base, "PUT", "/v2/" + name + "/manifests/v1", MANIFEST, "Content-Type", OCI_MANIFEST)
                        .statusCode()).as("manifest into %s at %s", name, base).isEqualTo(201);
            }
        }
    }

    @AfterAll
    void stop() {
        if (fake != null) {
            fake.close();
        }
        if (distribution != null) {
            distribution.close();
        }
    }

    static Stream<Arguments> requests() {
        String layer = sha256(LAYER);
        String manifest = sha256(MANIFEST);
        List<Arguments> rows = new ArrayList<>();
        for (String n : NAMES) {
            rows.add(Arguments.of("GET", "/v2/" + n + "/manifests/v1"));
            rows.add(Arguments.of("HEAD", "/v2/" + n + "/manifests/" + manifest));
            rows.add(Arguments.of("GET", "/v2/" + n + "/blobs/" + layer));
            rows.add(Arguments.of("HEAD", "/v2/" + n + "/blobs/" + sha256(CONFIG)));
            rows.add(Arguments.of("GET", "/v2/" + n + "/tags/list"));
            rows.add(Arguments.of("GET", "/v2/" + n + "/manifests/nope"));
            rows.add(Arguments.of("GET", "/v2/" + n + "/manifests/a/b"));
            rows.add(Arguments.of("GET", "/v2/" + n + "/blobs/uploads/a/b"));
        }
        // the prefixes a confused parser would pick hold nothing
        rows.add(Arguments.of("GET", "/v2/tiny/app0/blobs/" + layer));
        rows.add(Arguments.of("GET", "/v2/tiny/app0/manifests/v1"));
        rows.add(Arguments.of("GET", "/v2/a/blobs/" + layer));
        rows.add(Arguments.of("GET", "/v2/a/manifests/b"));
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("requests")
    void fakeAnswersAsDistributionDoes(String method, String path) throws Exception {
        HttpResponse<byte[]> expected = send(distribution.url(), method, path, null, "Accept", OCI_MANIFEST);
        HttpResponse<byte[]> actual = send(fake.url(), method, path, null, "Accept", OCI_MANIFEST);

        assertThat(actual.statusCode()).as("%s %s (distribution: %s)", method, path,
                new String(expected.body(), StandardCharsets.UTF_8)).isEqualTo(expected.statusCode());
        if (expected.statusCode() == 200) {
            assertThat(actual.headers().firstValue("Docker-Content-Digest"))
                    .isEqualTo(expected.headers().firstValue("Docker-Content-Digest"));
            if (path.endsWith("/tags/list")) {
                assertThat(JSON.readTree(actual.body())).isEqualTo(JSON.readTree(expected.body()));
            }
        }
    }

    private int pushBlob(String base, String name, byte[] content) throws Exception {
        HttpResponse<byte[]> post = send(base, "POST", "/v2/" + name + "/blobs/uploads/", null);
        assertThat(post.statusCode()).as("POST upload %s at %s", name, base).isEqualTo(202);
        String location = post.headers().firstValue("Location").orElseThrow();
        URI uri = URI.create(base).resolve(location);
        String put = uri + (uri.getQuery() == null ? "?" : "&") + "digest=" + sha256(content);
        return client.send(HttpRequest.newBuilder(URI.create(put)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build(), HttpResponse.BodyHandlers.ofByteArray())
                .statusCode();
    }

    private HttpResponse<byte[]> send(String base, String method, String path, byte[] body, String... headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String sha256(byte[] content) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
