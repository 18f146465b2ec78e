package dev.regbench.fakeregistry.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regbench.fakeregistry.FakeRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The server counts what it actually spoke: requests (HTTP/2: streams) and connections per
 * protocol, so a run can show h2c really ran and one that asked for it but got HTTP/1.1 can fail.
 */
class ProtocolCountsTest {

    @ParameterizedTest(name = "server h2c {0}, client asks h2 {1}")
    @CsvSource({
            "false, false, 0",   // plain HTTP/1.1
            "false, true, 0",    // the client asks for h2 but the server does not offer it: HTTP/1.1
            "true, false, 0",    // the server offers h2c, the client does not ask
            "true, true, 1"})    // h2c: Undertow answers even the upgrading request as stream 1
    void stats_countRequestsAndConnectionsByProtocol(boolean serverH2, boolean clientH2, int h2Connections) throws Exception {
        try (FakeRegistry registry = FakeRegistry.builder().http2(serverH2).start()) {
            String digest = registry.storage().putBlob("team/app", ByteBuffer.wrap(new byte[1000]));
            registry.resetStats();
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                    .version(clientH2 ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1).build();
            for (int i = 0; i < 4; i++) {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create(registry.url() + "/v2/team/app/blobs/"
                        + digest)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
                assertThat(r.statusCode()).isEqualTo(200);
            }
            StatsSnapshot s = registry.stats();
            assertThat(s.h1Requests() + s.h2Requests()).isEqualTo(4);
            assertThat(s.connectionsByProtocol().getOrDefault(ServerStats.H2, 0L)).isEqualTo(h2Connections);
            if (h2Connections == 0) {
                assertThat(s.h2Requests()).isZero();
                assertThat(s.connectionsByProtocol()).containsEntry(ServerStats.H1, 1L);
            } else {
                assertThat(s.h2Requests()).isEqualTo(4);
                assertThat(s.h1Requests()).isZero();
                assertThat(s.connectionsByProtocol()).doesNotContainKey(ServerStats.H1);
            }
        }
    }
}
