package dev.regbench.fakeregistry.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 in the middle of a burst of manifest PUTs (8 threads, at most 300 PUTs), then a
 * restart on the same folder: every manifest acknowledged with 201 before the kill is served
 * with its digest. The registry runs in a child JVM ({@link RegistryChild}); the kill comes
 * when 100 PUTs have been acknowledged, so more are in flight.
 */
class KillDuringPutBurstTest {
    private static final int THREADS = 8;
    private static final int TOTAL = 300;
    private static final int KILL_AFTER = 100;
    private static final String INDEX = "application/vnd.oci.image.index.v1+json";

    @TempDir
    Path dir;

    private record Child(Process process, int port, List<String> recovery) {
    }

    private Child start() throws IOException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                RegistryChild.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> recovery = new ArrayList<>();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String line;
        while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
            if (line.startsWith("recovery: ")) {
                recovery.add(line);
            } else if (line.startsWith("port ")) {
                return new Child(p, Integer.parseInt(line.substring(5).trim()), recovery);
            }
        }
        p.destroyForcibly();
        throw new IllegalStateException("the registry child did not report its port");
    }

    private static byte[] index(int n) {
        return ("{\"schemaVersion\":2,\"mediaType\":\"" + INDEX + "\",\"manifests\":[],\"annotations\":{\"n\":\"" + n + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everyAcknowledgedManifest_isServedAfterKill9AndRestart() throws Exception {
        Child first = start();
        Map<String, String> acknowledged = new ConcurrentHashMap<>(); // tag -> digest
        AtomicInteger next = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            for (int t = 0; t < THREADS; t++) {
                pool.submit(() -> {
                    int n;
                    while ((n = next.getAndIncrement()) < TOTAL) {
                        HttpRequest put = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + first.port()
                                        + "/v2/crash/app/manifests/t" + n))
                                .timeout(Duration.ofSeconds(20)).header("Content-Type", INDEX)
                                .PUT(HttpRequest.BodyPublishers.ofByteArray(index(n))).build();
                        sent.incrementAndGet();
                        try {
                            HttpResponse<Void> r = client.send(put, HttpResponse.BodyHandlers.discarding());
                            if (r.statusCode() == 201) {
                                acknowledged.put("t" + n, r.headers().firstValue("Docker-Content-Digest").orElseThrow());
                                if (acknowledged.size() == KILL_AFTER) {
                                    first.process().destroyForcibly(); // SIGKILL on Unix
                                }
                            }
                        } catch (IOException e) {
                            return null; // the registry is gone: this thread stops
                        }
                    }
                    return null;
                });
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            pool.shutdownNow();
            first.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(acknowledged.size()).isGreaterThanOrEqualTo(KILL_AFTER).isLessThan(TOTAL);

        Child second = start();
        int served = 0;
        try {
            for (Map.Entry<String, String> e : acknowledged.entrySet()) {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + second.port()
                                + "/v2/crash/app/manifests/" + e.getKey())).header("Accept", INDEX).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                assertThat(r.statusCode()).as("tag %s after restart", e.getKey()).isEqualTo(200);
                assertThat(r.headers().firstValue("Docker-Content-Digest")).hasValue(e.getValue());
                served++;
            }
        } finally {
            second.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        System.out.printf("kill -9 during a PUT burst: %d PUTs sent, %d acknowledged (201) before the kill, "
                + "%d served with their digest after restart; restart reported %d skipped/removed entries %s%n",
                sent.get(), acknowledged.size(), served, second.recovery().size(), second.recovery());
        assertThat(served).isEqualTo(acknowledged.size());
    }
}
