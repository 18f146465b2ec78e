package dev.regbench.harness.jmh;

import dev.regbench.engine.config.TransportConfig;
import dev.regbench.engine.registry.MediaTypes;
import dev.regbench.engine.transport.HttpTransport;
import dev.regbench.engine.transport.TlsOptions;
import dev.regbench.engine.transport.TransportRequest;
import dev.regbench.engine.transport.TransportResponse;
import dev.regbench.engine.transport.Transports;
import dev.regbench.fakeregistry.FakeRegistry;
import dev.regbench.fakeregistry.dataset.Dataset;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Question (claims C15 "a reused connection is ~10× faster than a new one (TLS handshake
 * ~100 ms)" and C23 "connection pooling cuts API latency 40-60%"): what does one manifest GET
 * cost through the engine's transport when the connection is reused ({@code pooled}, keep-alive
 * on, the engine's default) and when every request opens a new TCP connection — and, with
 * {@code protocol=tls}, does a full TLS handshake — ({@code newConnection}, keep-alive off:
 * {@code Connection: close}, nothing returned to the pool)?
 *
 * <p>One operation = {@code GET /v2/<repo>/manifests/v1} of a ~3 KiB OCI manifest (16 layers)
 * from an embedded {@link FakeRegistry} on 127.0.0.1 (plain HTTP/1.1, or HTTPS with a
 * certificate made at start and trusted through its CA file), body read to the end, response
 * closed. Transport: {@link Transports#create} with {@link TransportConfig#DEFAULT} (Apache
 * HttpClient 5), {@code keepAlive} true or false; one transport per kind for the whole trial.
 *
 * <p>Expected: on loopback a pooled GET costs some tens of µs of CPU on both sides; a new plain
 * connection adds a TCP handshake and a socket per request (~100-200 µs); a new TLS connection
 * adds a key exchange and a certificate signature (~1-2 ms of CPU on loopback, not the 100 ms
 * seed 002 assumed: that figure is WAN round trips, 2 RTTs at 50 ms, not handshake work). So the
 * ratio is large for TLS (C15's "~10×" may well hold on loopback for CPU reasons) while its
 * absolute saving is ~1-2 ms per request; over a WAN the saving is 1-2 RTTs per request and
 * the ratio depends on the RTT. The JDK client keeps a TLS session cache per transport, so new
 * connections after the first may resume the session (an abbreviated handshake), as a
 * long-running client would: the TLS figure is then a lower bound on a cold handshake.
 * Mode: average time per GET in µs.
 *
 * <p>State is shared by the benchmark thread only (one thread); transports are thread-safe.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
// 7 iterations of the one fork: the least n whose ratio of two medians is a 95% interval (claims ledger)
@Measurement(iterations = 7, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
@State(Scope.Benchmark)
public class TransportBenchmark {

    /** One repository, one tag whose manifest lists 16 small layers (~3 KiB of JSON). */
    static final String DATASET = """
            name: jmh-transport
            repos: 1
            tagsPerRepo: 1
            layersPerTag: 16
            layerSize: 1KiB
            """;

    static final String REPOSITORY = "jmh-transport/app0";

    @Param({"http", "tls"})
    public String protocol;

    private FakeRegistry registry;
    private HttpTransport pooledTransport;
    private HttpTransport newConnectionTransport;
    private TransportRequest get;

    @Setup
    public void setUp() throws IOException {
        boolean tls = switch (protocol) {
            case "http" -> false;
            case "tls" -> true;
            default -> throw new IllegalArgumentException("protocol: expected http or tls, got '" + protocol + "'");
        };
        registry = FakeRegistry.builder()
                .dataset(Dataset.parseYaml(DATASET, "TransportBenchmark.DATASET"))
                .tls(tls)
                .start();
        try {
            TlsOptions trust = registry.caCertificate().map(TlsOptions::trusting).orElse(TlsOptions.DEFAULT);
            TransportConfig keepAlive = TransportConfig.DEFAULT;
            TransportConfig close = new TransportConfig(keepAlive.kind(), keepAlive.maxTotal(), keepAlive.maxPerHost(),
                    keepAlive.idleTimeout(), keepAlive.connectionTtl(), keepAlive.connectTimeout(),
                    keepAlive.responseTimeout(), false, keepAlive.http2(), keepAlive.socketSendBuffer(),
                    keepAlive.socketReceiveBuffer());
            pooledTransport = Transports.create(keepAlive, trust);
            newConnectionTransport = Transports.create(close, trust);
            get = TransportRequest.of("GET", URI.create(registry.url() + "/v2/" + REPOSITORY + "/manifests/v1"))
                    .withHeader("Accept", MediaTypes.ACCEPT);
        } catch (IOException | RuntimeException e) {
            tearDown();
            throw e;
        }
    }

    /** The engine's way: the connection goes back to the pool and serves the next GET. */
    @Benchmark
    public byte[] pooled() throws IOException {
        return fetch(pooledTransport);
    }

    /** The BEFORE state: a new connection (and TLS handshake) for every GET. */
    @Benchmark
    public byte[] newConnection() throws IOException {
        return fetch(newConnectionTransport);
    }

    private byte[] fetch(HttpTransport transport) throws IOException {
        try (TransportResponse response = transport.execute(get)) {
            byte[] body = response.bodyBytes(64 * 1024);
            if (response.status() != 200) {
                throw new IOException(get + ": HTTP " + response.status() + " " + new String(body,
                        java.nio.charset.StandardCharsets.UTF_8));
            }
            return body;
        }
    }

    @TearDown
    public void tearDown() throws IOException {
        try {
            if (pooledTransport != null) {
                pooledTransport.close();
            }
            if (newConnectionTransport != null) {
                newConnectionTransport.close();
            }
        } finally {
            pooledTransport = null;
            newConnectionTransport = null;
            if (registry != null) {
                registry.close();
                registry = null;
            }
        }
    }

    /** The registry (for tests). */
    FakeRegistry registry() {
        return registry;
    }
}
