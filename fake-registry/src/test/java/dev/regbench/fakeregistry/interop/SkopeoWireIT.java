package dev.regbench.fakeregistry.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.regbench.fakeregistry.FakeRegistry;
import dev.regbench.fakeregistry.peers.DistributionRegistry;
import dev.regbench.fakeregistry.peers.Skopeo;
import dev.regbench.fakeregistry.peers.Skopeo.CopyOptions;
import dev.regbench.fakeregistry.peers.Tools.Tool;
import dev.regbench.fakeregistry.stats.StatsSnapshot;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What skopeo 1.9 does on the wire (issue 2, "What real clients do"), replayed byte for byte
 * against the fake registry and, as the reference, against the CNCF distribution registry:
 * a TLS probe on the plain port, {@code Connection: close} on every request, several
 * {@code Accept} lines, a {@code PATCH} without {@code Content-Range}, {@code Accept-Encoding: gzip}.
 * The same requests must get the same answers from both.
 */
class SkopeoWireIT {

    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static final List<String> SKOPEO_ACCEPT = List.of(
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.oci.image.index.v1+json",
            OCI_MANIFEST,
            "application/vnd.docker.distribution.manifest.v1+prettyjws",
            "application/vnd.docker.distribution.manifest.v1+json");

    /** A running registry under test: where it listens and how to stop it. */
    record Target(String name, String host, int port, AutoCloseable closer) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            closer.close();
        }
    }

    static Stream<Arguments> targets() {
        Supplier<Target> fake = () -> {
            try {
                FakeRegistry r = FakeRegistry.builder().start();
                return new Target("fake registry", "127.0.0.1", r.port(), r);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot start the fake registry", e);
            }
        };
        Supplier<Target> distribution = () -> {
            Interop.requireTools(Tool.DISTRIBUTION);
            DistributionRegistry r = DistributionRegistry.start();
            return new Target("distribution (reference)", "127.0.0.1", r.port(), r);
        };
        return Stream.of(Arguments.of("fake registry", fake), Arguments.of("distribution (reference)", distribution));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void tlsHandshakeOnPlainPort_isRefusedAtOnce_andServerStaysUp(String name, Supplier<Target> start) throws Exception {
        try (Target t = start.get()) {
            IOException failure = null;
            try (Socket plain = new Socket()) {
                plain.connect(new InetSocketAddress(t.host(), t.port()), 5000);
                plain.setSoTimeout(RawHttp.READ_TIMEOUT_MS);
                SSLSocket tls = (SSLSocket) trustAll().getSocketFactory().createSocket(plain, t.host(), t.port(), true);
                tls.startHandshake();
            } catch (IOException e) {
                failure = e;
            }

            assertThat(failure).as(name + ": a TLS handshake on the plain HTTP port must fail").isNotNull();
            assertThat(failure).as(name + ": the handshake must be refused (answer or close), not left hanging "
                    + RawHttp.READ_TIMEOUT_MS + " ms").isNotInstanceOf(SocketTimeoutException.class);
            RawHttp.Response ping = RawHttp.exchange(t.host(), t.port(), "GET", "/v2/", RawHttp.headers(), null);
            assertThat(ping.status()).as(name + ": GET /v2/ after the TLS probe").isEqualTo(200);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void skopeoStylePush_thenPull_getsSkopeosExpectedAnswers(String name, Supplier<Target> start) throws Exception {
        try (Target t = start.get()) {
            byte[] layer = new byte[256 * 1024];
            new Random(7).nextBytes(layer);
            String layerDigest = pushBlobLikeSkopeo(t, "wire/app", layer);
            byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
                    .getBytes(StandardCharsets.UTF_8);
            String configDigest = pushBlobLikeSkopeo(t, "wire/app", config);
            byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":{\"mediaType\":"
                    + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest + "\",\"size\":" + config.length
                    + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"" + layerDigest
                    + "\",\"size\":" + layer.length + "}]}").getBytes(StandardCharsets.UTF_8);
            String manifestDigest = Skopeo.sha256(manifest);

            RawHttp.Response put = exchange(t, "PUT", "/v2/wire/app/manifests/v1",
                    RawHttp.headers("Content-Type", OCI_MANIFEST), manifest);
            assertThat(put.status()).as(name + ": PUT manifest " + put.bodyText()).isEqualTo(201);
            assertThat(put.header("Docker-Content-Digest")).as(name + ": PUT manifest digest").hasValue(manifestDigest);

            List<String[]> accepts = new ArrayList<>();
            SKOPEO_ACCEPT.forEach(a -> accepts.add(new String[] {"Accept", a}));
            for (String ref : List.of("v1", manifestDigest)) {
                RawHttp.Response get = exchange(t, "GET", "/v2/wire/app/manifests/" + ref, accepts, null);
                assertThat(get.status()).as(name + ": GET manifest " + ref + " with one Accept line per type").isEqualTo(200);
                assertThat(get.header("Content-Type")).as(name + ": manifest Content-Type").hasValue(OCI_MANIFEST);
                assertThat(get.body()).as(name + ": manifest bytes served exactly as pushed").isEqualTo(manifest);
                assertThat(get.header("Docker-Content-Digest")).hasValue(manifestDigest);
            }

            RawHttp.Response head = exchange(t, "HEAD", "/v2/wire/app/blobs/" + layerDigest, RawHttp.headers(), null);
            assertThat(head.status()).as(name + ": HEAD blob").isEqualTo(200);
            assertThat(head.header("Content-Length")).as(name + ": HEAD Content-Length").hasValue(String.valueOf(layer.length));
            assertThat(head.header("Docker-Content-Digest")).as(name + ": HEAD Docker-Content-Digest").hasValue(layerDigest);
            assertThat(head.header("ETag")).as(name + ": HEAD ETag").isPresent();

            RawHttp.Response blob = exchange(t, "GET", "/v2/wire/app/blobs/" + layerDigest,
                    RawHttp.headers("Accept-Encoding", "gzip"), null);
            assertThat(blob.status()).as(name + ": GET blob with Accept-Encoding: gzip").isEqualTo(200);
            assertThat(blob.header("Content-Encoding").orElse("identity")).as(name + ": blob served as stored").isEqualTo("identity");
            assertThat(Skopeo.sha256(blob.body())).as(name + ": blob bytes").isEqualTo(layerDigest);

            RawHttp.Response missing = exchange(t, "HEAD", "/v2/wire/app/blobs/" + Skopeo.sha256(new byte[] {1}), RawHttp.headers(), null);
            assertThat(missing.status()).as(name + ": HEAD of an unknown blob means 'upload it'").isEqualTo(404);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void mount_201WhenMounted_202UploadSessionWhenNot(String name, Supplier<Target> start) throws Exception {
        try (Target t = start.get()) {
            byte[] content = new byte[4096];
            new Random(9).nextBytes(content);
            String digest = pushBlobLikeSkopeo(t, "mount/src", content);

            RawHttp.Response mounted = exchange(t, "POST", "/v2/mount/dst/blobs/uploads/?mount=" + digest + "&from=mount/src",
                    RawHttp.headers(), new byte[0]);
            assertThat(mounted.status()).as(name + ": mount of a blob the source repo has " + mounted.bodyText()).isEqualTo(201);
            assertThat(mounted.header("Docker-Content-Digest")).as(name + ": mount digest").hasValue(digest);
            assertThat(mounted.header("Location")).as(name + ": mount Location").isPresent();
            RawHttp.Response head = exchange(t, "HEAD", "/v2/mount/dst/blobs/" + digest, RawHttp.headers(), null);
            assertThat(head.status()).as(name + ": HEAD of the mounted blob").isEqualTo(200);

            String unknown = Skopeo.sha256("not pushed anywhere".getBytes(StandardCharsets.UTF_8));
            RawHttp.Response notMounted = exchange(t, "POST", "/v2/mount/dst/blobs/uploads/?mount=" + unknown + "&from=mount/src",
                    RawHttp.headers(), new byte[0]);
            assertThat(notMounted.status()).as(name + ": mount of an unknown blob falls back to an upload session "
                    + notMounted.bodyText()).isEqualTo(202);
            assertThat(notMounted.header("Location")).as(name + ": upload Location").isPresent();
            assertThat(notMounted.header("Docker-Upload-UUID")).as(name + ": upload UUID").isPresent();
        }
    }

    /** POST (empty) → 202; one PATCH with the whole blob and no Content-Range → 202; PUT location&digest= → 201. */
    private static String pushBlobLikeSkopeo(Target t, String repo, byte[] content) throws IOException {
        String digest = Skopeo.sha256(content);
        RawHttp.Response post = exchange(t, "POST", "/v2/" + repo + "/blobs/uploads/", RawHttp.headers(), new byte[0]);
        assertThat(post.status()).as(t.name() + ": POST upload " + post.bodyText()).isEqualTo(202);
        assertThat(post.header("Docker-Upload-UUID")).as(t.name() + ": POST Docker-Upload-UUID").isPresent();
        assertThat(post.header("Range")).as(t.name() + ": POST Range").hasValue("0-0");
        String location = post.header("Location").orElseThrow(() -> new AssertionError(t.name() + ": POST without Location"));
        assertThat(URI.create(location).isAbsolute()).as(t.name() + ": POST Location '" + location + "' is absolute").isTrue();

        RawHttp.Response patch = exchange(t, "PATCH", target(location),
                RawHttp.headers("Content-Type", "application/octet-stream"), content);
        assertThat(patch.status()).as(t.name() + ": PATCH without Content-Range " + patch.bodyText()).isEqualTo(202);
        assertThat(patch.header("Range")).as(t.name() + ": PATCH Range").hasValue("0-" + (content.length - 1));
        String next = patch.header("Location").orElseThrow(() -> new AssertionError(t.name() + ": PATCH without Location"));

        String sep = next.contains("?") ? "&" : "?";
        RawHttp.Response put = exchange(t, "PUT", target(next) + sep + "digest=" + digest,
                RawHttp.headers("Content-Type", "application/octet-stream"), new byte[0]);
        assertThat(put.status()).as(t.name() + ": PUT upload " + put.bodyText()).isEqualTo(201);
        assertThat(put.header("Docker-Content-Digest")).as(t.name() + ": PUT upload digest").hasValue(digest);
        return digest;
    }

    private static RawHttp.Response exchange(Target t, String method, String target, List<String[]> headers, byte[] body)
            throws IOException {
        RawHttp.Response r = RawHttp.exchange(t.host(), t.port(), method, target, headers, body);
        assertThat(r.closedByServer()).as(t.name() + ": " + method + " " + target + " with Connection: close must end with the server closing")
                .isTrue();
        return r;
    }

    /** The path and query of an absolute or relative Location. */
    private static String target(String location) {
        URI u = URI.create(location);
        return u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    }

    @Test
    void skopeoPush_newConnectionPerRequest_allCountedAndClosed(@TempDir Path tmp) throws Exception {
        Interop.requireTools(Tool.SKOPEO);
        OciLayoutFixture layout = new OciLayoutFixture(tmp.resolve("layout"));
        layout.addImage("v1", 5, 2, 16 * 1024);
        try (FakeRegistry fake = FakeRegistry.builder().start()) {
            Skopeo.locate().copy(layout.ref("v1"), Skopeo.dockerRef(fake.host(), "conn/app", "v1"),
                    CopyOptions.DEFAULT.withPreserveDigests(true)).orThrow();

            await().atMost(Duration.ofSeconds(10)).until(() -> fake.stats().connectionsOpen() == 0);
            StatsSnapshot stats = fake.stats();
            assertThat(stats.requestsTotal()).as("requests of one skopeo push").isGreaterThanOrEqualTo(6);
            assertThat(stats.connectionsAccepted()).as("skopeo sends Connection: close: one connection per request at least")
                    .isGreaterThanOrEqualTo(stats.requestsTotal());
        }
    }

    private static SSLContext trustAll() throws Exception {
        TrustManager[] all = {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }};
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, all, new SecureRandom());
        return ctx;
    }
}
