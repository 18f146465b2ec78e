package dev.regbench.engine.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regbench.engine.config.TransportConfig;
import dev.regbench.fakeregistry.FakeRegistry;
import java.net.URI;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Both transport kinds against the fake registry over real sockets: reuse, keep-alive off, TLS with a CA file. */
class TransportTest {

    static TransportConfig config(TransportConfig.Kind kind, boolean keepAlive) {
        TransportConfig d = TransportConfig.DEFAULT;
        return new TransportConfig(kind, d.maxTotal(), d.maxPerHost(), d.idleTimeout(), d.connectionTtl(),
                d.connectTimeout(), d.responseTimeout(), keepAlive, false, d.socketSendBuffer(), d.socketReceiveBuffer());
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("apache, keep-alive: one connection for all", TransportConfig.Kind.APACHE, true, false, 1L),
                Arguments.of("apache, keep-alive off: one connection per request", TransportConfig.Kind.APACHE, false, false, 10L),
                Arguments.of("apache over TLS trusting the CA file", TransportConfig.Kind.APACHE, true, true, 1L),
                Arguments.of("jdk over TLS trusting the CA file", TransportConfig.Kind.JDK, true, true, 1L),
                Arguments.of("jdk, clear text", TransportConfig.Kind.JDK, true, false, 1L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sequentialRequests_openTheExpectedNumberOfConnections(String why, TransportConfig.Kind kind, boolean keepAlive,
                                                               boolean tls, long expectedConnections) throws Exception {
        try (FakeRegistry registry = FakeRegistry.builder().tls(tls).start()) {
            TlsOptions trust = tls ? TlsOptions.trusting(registry.caCertificate().orElseThrow()) : TlsOptions.DEFAULT;
            try (HttpTransport transport = Transports.create(config(kind, keepAlive), trust)) {
                for (int i = 0; i < 10; i++) {
                    try (TransportResponse r = transport.execute(TransportRequest.of("GET", URI.create(registry.url() + "/v2/")))) {
                        assertThat(r.status()).isEqualTo(200);
                        r.body().readAllBytes();
                    }
                }
                assertThat(transport.counters().leases()).isEqualTo(10);
                assertThat(registry.stats().connectionsAccepted()).isEqualTo(expectedConnections);
                if (transport.counters().connectionsObservable()) {
                    assertThat(transport.counters().connectionsOpened()).isEqualTo(expectedConnections);
                }
            }
        }
    }
}
