package dev.regbench.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.regbench.engine.registry.Digests;
import dev.regbench.fakeregistry.FakeRegistry;
import dev.regbench.harness.gate.Gate;
import dev.regbench.harness.gate.GateRules;
import dev.regbench.harness.scenario.ScenarioLoader;
import dev.regbench.reports.model.GateReport;
import dev.regbench.reports.model.Results;
import dev.regbench.reports.model.RunResult;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The post-run digest check hashes what the destination serves: a destination that serves altered
 * manifests under a self-consistent {@code Docker-Content-Digest} (and answers {@code HEAD} with the
 * true digest, so a header-trusting check would pass) fails the run, and the gate fails on it.
 */
class DigestCheckTest {

    @TempDir
    Path dir;

    private Path scenario(String name, String destination) throws IOException {
        Files.writeString(dir.resolve("a.yaml"), "name: a\nreplication: {tagConcurrency: 2, blobConcurrency: 2}\n");
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, "dataset: tiny\nnetwork: loopback\nconfigs: [a.yaml]\nwarmup: 0\nrepetitions: 2\n"
                + "destination: " + destination + "\n");
        return file;
    }

    @Test
    void tamperingDestination_failsTheRunAndTheGate() throws Exception {
        Results honest = new ScenarioRunner(RunListener.SILENT, dir)
                .run(ScenarioLoader.load(scenario("honest", "embedded")), dir.resolve("honest"));
        assertThat(honest.runs()).isNotEmpty().allMatch(RunResult::ok);
        try (FakeRegistry dst = FakeRegistry.builder().start();
             ManifestTamperingProxy proxy = new ManifestTamperingProxy(dst.url())) {
            Results tampered = new ScenarioRunner(RunListener.SILENT, dir)
                    .run(ScenarioLoader.load(scenario("tampered", "http://" + proxy.host())), dir.resolve("tampered"));
            assertThat(tampered.runs()).isNotEmpty().noneMatch(RunResult::ok);
            assertThat(tampered.runs().get(0).error()).contains("wrong destination digests")
                    .contains("serves a manifest hashing to");
            assertThat(proxy.tampered()).as("manifest GETs altered").isPositive();
            // the default rule on verified runs (the others need two configs to pair, or timing)
            GateReport gate = Gate.evaluate(honest, "honest", tampered, "tampered", GateRules.defaults().stream()
                    .filter(rule -> rule.metric().equals(Gate.OK_RUNS))
                    .map(rule -> rule.withMinRuns(dev.regbench.harness.gate.GateRule.MIN_RUNS)).toList()); // 2 runs each
            assertThat(gate.passed()).isFalse();
            assertThat(gate.rows()).filteredOn(r -> !r.passed()).extracting(GateReport.Row::metric)
                    .contains("a " + Gate.OK_RUNS);
        }
    }

    /**
     * A proxy on 127.0.0.1 that forwards everything (registry URLs in {@code Location} pointed back at
     * itself) and, on manifest GETs, appends a newline to the body and names the altered bytes'
     * digest in {@code Docker-Content-Digest}; {@code HEAD} still answers the true digest.
     */
    private static final class ManifestTamperingProxy implements AutoCloseable {
        private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade",
                "transfer-encoding");
        private final HttpServer server;
        private final ExecutorService executor = Executors.newFixedThreadPool(4);
        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        private final String target;
        private final java.util.concurrent.atomic.AtomicInteger tampered = new java.util.concurrent.atomic.AtomicInteger();

        ManifestTamperingProxy(String target) throws IOException {
            this.target = target;
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", this::handle);
            server.setExecutor(executor);
            server.start();
        }

        String host() {
            return "127.0.0.1:" + server.getAddress().getPort();
        }

        int tampered() {
            return tampered.get();
        }

        private void handle(HttpExchange ex) throws IOException {
            try (ex) {
                String method = ex.getRequestMethod();
                byte[] in;
                try (InputStream body = ex.getRequestBody()) {
                    in = body.readAllBytes();
                }
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target + ex.getRequestURI()))
                        .timeout(Duration.ofSeconds(30))
                        .method(method, List.of("PUT", "POST", "PATCH").contains(method)
                                ? HttpRequest.BodyPublishers.ofByteArray(in) : HttpRequest.BodyPublishers.noBody());
                ex.getRequestHeaders().forEach((k, v) -> {
                    if (!RESTRICTED.contains(k.toLowerCase(Locale.ROOT))) {
                        v.forEach(value -> b.header(k, value));
                    }
                });
                HttpResponse<byte[]> r;
                try {
                    r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
                byte[] body = r.body();
                boolean tamper = method.equals("GET") && ex.getRequestURI().getPath().contains("/manifests/")
                        && r.statusCode() == 200;
                if (tamper) {
                    body = Arrays.copyOf(body, body.length + 1);
                    body[body.length - 1] = '\n';
                    tampered.incrementAndGet();
                }
                r.headers().map().forEach((k, v) -> {
                    if (!RESTRICTED.contains(k.toLowerCase(Locale.ROOT))) {
                        v.forEach(value -> ex.getResponseHeaders().add(k, value.replace(target, "http://" + host())));
                    }
                });
                if (tamper) {
                    ex.getResponseHeaders().set("Docker-Content-Digest", Digests.of(body));
                }
                if (method.equals("HEAD")) {
                    r.headers().firstValue("Content-Length").ifPresent(l -> ex.getResponseHeaders().set("Content-Length", l));
                    ex.sendResponseHeaders(r.statusCode(), -1);
                } else {
                    ex.sendResponseHeaders(r.statusCode(), body.length == 0 ? -1 : body.length);
                    if (body.length > 0) {
                        ex.getResponseBody().write(body);
                    }
                }
            }
        }

        @Override
        public void close() {
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
