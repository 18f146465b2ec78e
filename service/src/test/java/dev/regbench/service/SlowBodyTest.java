package dev.regbench.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * 20 clients that announce a 1,000-byte job body and then trickle a byte every 300 ms, against a
 * service with a 2 s body read timeout and at most 2 slow bodies read at once: another client's
 * submissions and listings are still served, and the service closes every slow socket (a 408
 * first where it could answer), counting each in {@code regbench_slow_bodies_closed_total}. No
 * trickled job is stored. Bounded: each slow socket gives up after 30 s.
 */
class SlowBodyTest {

    private static final int SLOW = 20;
    private static final String TOKEN = AccessPolicy.randomToken();

    private record Outcome(boolean closedByServer, String firstLine) {
    }

    @Test
    void twentyTricklingBodies_areClosed_whileAnotherClientIsServed() throws Exception {
        try (ReplicationService service = ReplicationService.builder()
                .config(ServiceConfig.DEFAULT.withPort(0).withSlowBodies(Duration.ofSeconds(2), 2))
                .access(AccessPolicy.of(List.of(TOKEN)))
                .runner((spec, ctx) -> { })
                .start()) {
            ExecutorService pool = Executors.newFixedThreadPool(SLOW);
            try {
                List<Future<Outcome>> slow = new ArrayList<>();
                for (int i = 0; i < SLOW; i++) {
                    slow.add(pool.submit(() -> trickle(service.port())));
                }
                Thread.sleep(500); // the slow clients take their places first

                ServiceClient good = new ServiceClient(service.url(), TOKEN);
                List<String> ids = new ArrayList<>();
                int listed = 0;
                for (int i = 0; i < 5; i++) {
                    ids.add(good.submit("127.0.0.1:9/src/app", "127.0.0.1:9/dst/good" + i, ".*"));
                    if (good.get("/jobs/active").status() == 200) {
                        listed++;
                    }
                }
                assertThat(ids).as("submissions of the well-behaved client").hasSize(5);
                assertThat(listed).as("listings of the well-behaved client").isEqualTo(5);

                List<Outcome> outcomes = new ArrayList<>();
                for (Future<Outcome> f : slow) {
                    outcomes.add(f.get(60, TimeUnit.SECONDS));
                }
                assertThat(outcomes).as("slow sockets closed by the service").allMatch(Outcome::closedByServer);
                assertThat(outcomes).extracting(Outcome::firstLine)
                        .allSatisfy(line -> assertThat(line).isIn("", "HTTP/1.1 408 Request Time-out",
                                "HTTP/1.1 408 Request Timeout"));
                String metrics = good.get("/metrics").raw().body();
                assertThat(metrics).contains("regbench_slow_bodies_closed_total " + SLOW + "\n")
                        .contains("regbench_jobs_submitted_total 5\n");
            } finally {
                pool.shutdownNow();
                assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            }
        }
    }

    /** Announces 1,000 body bytes, sends 10, then one every 300 ms until the service closes (or 30 s pass). */
    private static Outcome trickle(int port) throws IOException {
        long start = System.nanoTime();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(300);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            String head = "POST /jobs HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer " + TOKEN
                    + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"source\":";
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            StringBuilder answer = new StringBuilder();
            while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30)) {
                try {
                    int b = in.read();
                    if (b < 0) {
                        return new Outcome(true, firstLine(answer));
                    }
                    answer.append((char) b);
                } catch (SocketTimeoutException e) {
                    try {
                        out.write(' ');
                        out.flush();
                    } catch (IOException closed) {
                        return new Outcome(true, firstLine(answer));
                    }
                } catch (IOException reset) {
                    return new Outcome(true, firstLine(answer));
                }
            }
            return new Outcome(false, firstLine(answer));
        }
    }

    private static String firstLine(StringBuilder answer) {
        int eol = answer.indexOf("\r\n");
        return eol < 0 ? answer.toString() : answer.substring(0, eol);
    }
}
