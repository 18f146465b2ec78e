package dev.regbench.fakeregistry.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regbench.fakeregistry.FakeRegistry;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each transport mode serves the registry API with the protocol asked for. */
class TlsAndHttp2Test {

    static Stream<Arguments> modes() {
        return Stream.of(
                Arguments.of("plain HTTP/1.1", false, false, HttpClient.Version.HTTP_1_1),
                Arguments.of("h2c (upgrade from HTTP/1.1)", false, true, HttpClient.Version.HTTP_2),
                Arguments.of("HTTPS HTTP/1.1", true, false, HttpClient.Version.HTTP_1_1),
                Arguments.of("HTTPS h2 by ALPN", true, true, HttpClient.Version.HTTP_2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void transportMode_servesManifestsAndBlobs(String description, boolean tls, boolean http2,
                                               HttpClient.Version expected) throws Exception {
        try (FakeRegistry registry = FakeRegistry.builder().tls(tls).http2(http2).start()) {
            byte[] blob = new byte[200_000];
            new java.util.Random(1).nextBytes(blob);
            String digest = registry.storage().putBlob("team/app", ByteBuffer.wrap(blob));
            assertThat(registry.url()).startsWith(tls ? "https://127.0.0.1:" : "http://127.0.0.1:");
            assertThat(registry.caCertificate().isPresent()).isEqualTo(tls);

            HttpClient.Builder builder = HttpClient.newBuilder().version(http2 ? HttpClient.Version.HTTP_2
                    : HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5));
            if (tls) {
                builder.sslContext(trusting(registry.caCertificate().orElseThrow()));
            }
            HttpClient client = builder.build();
            for (int i = 0; i < 3; i++) {
                HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(
                        URI.create(registry.url() + "/v2/team/app/blobs/" + digest)).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).isEqualTo(blob);
                if (i > 0) {
                    // h2c upgrades on the first request only; from then on the protocol is fixed
                    assertThat(response.version()).isEqualTo(expected);
                }
            }
            assertThat(registry.stats().requests("blobs")).isEqualTo(3);
            assertThat(registry.stats().connectionsAccepted()).isEqualTo(1);
        }
    }

    @org.junit.jupiter.api.Test
    void h2cPriorKnowledge_isAnsweredWithHttp2Settings() throws Exception {
        try (FakeRegistry registry = FakeRegistry.builder().http2(true).start();
             java.net.Socket socket = new java.net.Socket("127.0.0.1", registry.port())) {
            socket.setSoTimeout(10_000);
            java.io.OutputStream out = socket.getOutputStream();
            out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.write(new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0}); // empty SETTINGS frame
            out.flush();
            byte[] frameHeader = socket.getInputStream().readNBytes(9);
            assertThat(frameHeader).hasSize(9);
            assertThat(frameHeader[3]).as("first frame is SETTINGS").isEqualTo((byte) 4);
        }
    }

    private static SSLContext trusting(Path caPem) throws Exception {
        X509Certificate ca;
        try (InputStream in = Files.newInputStream(caPem)) {
            ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("regbench-ca", ca);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }
}
