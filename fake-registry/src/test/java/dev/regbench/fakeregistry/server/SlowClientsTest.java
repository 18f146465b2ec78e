package dev.regbench.fakeregistry.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regbench.fakeregistry.FakeRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * 50 clients that announce an upload body of 100,000 bytes and then trickle a byte every 300 ms
 * against a registry with 8 worker threads, a 3 s body read timeout and at most 2 slow bodies:
 * another client's uploads still succeed, and the server closes every slow socket (at most
 * 3 s + the bytes' allowance after it arrived, or at once when two slow bodies are already
 * being read), counting each in {@code slowClientsClosed}. Bounded: each slow socket gives up
 * after 30 s.
 */
class SlowClientsTest {
    private static final int SLOW = 50;
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    /** What happened to one slow socket. */
    private record Outcome(boolean closedByServer, String firstLine, long openMillis, int bytesSent) {
    }

    @Test
    void fiftyTricklingUploads_areClosed_whileAnotherClientsUploadsSucceed() throws Exception {
        try (FakeRegistry registry = FakeRegistry.builder().workerThreads(8).ioThreads(2)
                .bodyReadTimeout(TIMEOUT).maxSlowBodies(2).start()) {
            ExecutorService pool = Executors.newFixedThreadPool(SLOW);
            List<Future<Outcome>> slow = new ArrayList<>();
            try {
                for (int i = 0; i < SLOW; i++) {
                    int n = i;
                    slow.add(pool.submit(() -> trickle(registry.port(), n)));
                }
                Thread.sleep(500); // let the slow clients take their places first

                HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                int created = 0;
                for (int i = 0; i < 5; i++) {
                    byte[] blob = new byte[64 * 1024];
                    blob[0] = (byte) i;
                    HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create(registry.url()
                                    + "/v2/good/app/blobs/uploads/?digest=" + sha256(blob)))
                            .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/octet-stream")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(blob)).build(), HttpResponse.BodyHandlers.discarding());
                    if (r.statusCode() == 201) {
                        created++;
                    }
                }
                assertThat(created).as("uploads by the well-behaved client").isEqualTo(5);

                List<Outcome> outcomes = new ArrayList<>();
                for (Future<Outcome> f : slow) {
                    outcomes.add(f.get(60, TimeUnit.SECONDS));
                }
                long closed = outcomes.stream().filter(Outcome::closedByServer).count();
                long maxOpen = outcomes.stream().mapToLong(Outcome::openMillis).max().orElse(0);
                long maxBytes = outcomes.stream().mapToInt(Outcome::bytesSent).max().orElse(0);
                System.out.printf("slow clients: %d of %d closed by the server (%d answered 400 first), "
                                + "longest open %d ms, most body bytes sent %d; slowClientsClosed=%d; good uploads %d/5%n",
                        closed, SLOW, outcomes.stream().filter(o -> o.firstLine().startsWith("HTTP/1.1 400")).count(),
                        maxOpen, maxBytes, registry.settledStats().slowClientsClosed(), created);
                assertThat(closed).isEqualTo(SLOW);
                assertThat(registry.settledStats().slowClientsClosed()).isEqualTo(SLOW);
                assertThat(registry.storage().counts().uploads()).isZero();
            } finally {
                pool.shutdownNow();
                assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            }
        }
    }

    /** Announces 100,000 bytes, sends 10, then one every 300 ms until the server closes (or 30 s pass). */
    private static Outcome trickle(int port, int n) throws IOException {
        long start = System.nanoTime();
        int sent = 0;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(300);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            String head = "POST /v2/slow/app" + n + "/blobs/uploads/?digest=sha256:" + "0".repeat(64)
                    + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\nContent-Length: 100000\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(new byte[10]);
            out.flush();
            sent = 10;
            StringBuilder answer = new StringBuilder();
            while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30)) {
                try {
                    int b = in.read();
                    if (b < 0) {
                        return new Outcome(true, firstLine(answer), millisSince(start), sent);
                    }
                    answer.append((char) b);
                } catch (SocketTimeoutException e) {
                    try {
                        out.write(0);
                        out.flush();
                        sent++;
                    } catch (IOException closed) {
                        return new Outcome(true, firstLine(answer), millisSince(start), sent);
                    }
                } catch (IOException reset) {
                    return new Outcome(true, firstLine(answer), millisSince(start), sent);
                }
            }
            return new Outcome(false, firstLine(answer), millisSince(start), sent);
        }
    }

    private static String firstLine(StringBuilder answer) {
        int eol = answer.indexOf("\r\n");
        return eol < 0 ? answer.toString() : answer.substring(0, eol);
    }

    private static long millisSince(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private static String sha256(byte[] content) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
