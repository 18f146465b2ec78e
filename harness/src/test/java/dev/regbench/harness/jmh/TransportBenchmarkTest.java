package dev.regbench.harness.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Calls {@link TransportBenchmark}'s methods a few times directly and checks, on the server,
 * how many connections each opened. Times nothing.
 */
class TransportBenchmarkTest {

    @ParameterizedTest(name = "protocol={0}")
    @ValueSource(strings = {"http", "tls"})
    void pooledReusesOneConnection_newConnectionOpensOnePerRequest(String protocol) throws Exception {
        TransportBenchmark bench = new TransportBenchmark();
        bench.protocol = protocol;
        bench.setUp();
        try {
            String manifestDigest = bench.registry().seeded().manifests().get(TransportBenchmark.REPOSITORY).get("v1");
            assertThat(bench.registry().url()).startsWith(protocol.equals("tls") ? "https://" : "http://");

            bench.registry().resetStats();
            for (int i = 0; i < 3; i++) {
                byte[] manifest = bench.pooled();
                assertThat(sha256(manifest)).as("pooled GET %d returns the manifest", i).isEqualTo(manifestDigest);
                assertThat(manifest.length).as("a few KiB of manifest").isBetween(2048, 8192);
            }
            assertThat(bench.registry().stats().connectionsAccepted()).as("pooled: connections for 3 GETs").isEqualTo(1);
            assertThat(bench.registry().stats().requestsTotal()).isEqualTo(3);

            bench.registry().resetStats();
            for (int i = 0; i < 3; i++) {
                assertThat(sha256(bench.newConnection())).as("newConnection GET %d", i).isEqualTo(manifestDigest);
            }
            assertThat(bench.registry().stats().connectionsAccepted()).as("newConnection: connections for 3 GETs")
                    .isEqualTo(3);
            assertThat(bench.registry().stats().requestsTotal()).isEqualTo(3);
        } finally {
            bench.tearDown();
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
        return "sha256:" + java.util.HexFormat.of().formatHex(md.digest(bytes));
    }
}
