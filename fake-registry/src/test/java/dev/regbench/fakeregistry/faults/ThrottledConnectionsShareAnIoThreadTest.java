package dev.regbench.fakeregistry.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regbench.fakeregistry.FakeRegistry;
import dev.regbench.fakeregistry.dataset.Dataset;
import dev.regbench.fakeregistry.dataset.DatasetSpec;
import dev.regbench.fakeregistry.dataset.SizeRange;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A bandwidth-capped response must not hold its IO thread: with one IO thread, a second
 * connection's request is answered while a throttled blob is still being sent on the first.
 * (Before the fix, Undertow's async sender looped on the few bytes the bucket refilled between
 * calls and kept the thread for the whole response, so every other connection on that thread
 * waited, and the emulated per-connection cap became a per-IO-thread cap.)
 */
class ThrottledConnectionsShareAnIoThreadTest {
    private static final int BLOB = 256 * 1024;

    @Test
    void secondConnection_isAnsweredWhileAThrottledBlobIsStillInFlight() throws Exception {
        DatasetSpec spec = new DatasetSpec("big", 1, 1, 1, 1, SizeRange.parse("256KiB"), null, 0, 0,
                List.of("linux/amd64"));
        // 500 KB/s per connection: the 256 KiB blob needs about half a second after its burst
        NetworkProfile slow = new NetworkProfile("slow", Duration.ZERO, Duration.ZERO, 500_000, 0, 1);
        try (FakeRegistry reg = FakeRegistry.builder().dataset(Dataset.of(spec)).network(slow).ioThreads(1).start()) {
            String manifest = new String(RawHttp.get(reg.port(), "/v2/big/app0/manifests/v1", 5000,
                    "Accept: application/vnd.oci.image.manifest.v1+json").body(), StandardCharsets.UTF_8);
            String layer = new ObjectMapper().readTree(manifest).at("/layers/0/digest").asText();

            AtomicLong received = new AtomicLong();
            CountDownLatch started = new CountDownLatch(1);
            try (Socket a = new Socket("127.0.0.1", reg.port())) {
                a.setSoTimeout(10_000);
                OutputStream out = a.getOutputStream();
                out.write(("GET /v2/big/app0/blobs/" + layer + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = a.getInputStream();
                CompletableFuture<Void> download = CompletableFuture.runAsync(() -> {
                    byte[] buf = new byte[8192];
                    try {
                        for (int n; (n = in.read(buf)) >= 0; ) {
                            received.addAndGet(n);
                            started.countDown();
                        }
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                assertThat(started.await(10, TimeUnit.SECONDS)).as("the blob response started").isTrue();

                RawHttp.Response other = RawHttp.get(reg.port(), "/v2/", 5000);
                long receivedWhenAnswered = received.get();

                assertThat(other.status()).isEqualTo(200);
                assertThat(receivedWhenAnswered).as("blob bytes received when the other connection was answered")
                        .isLessThan(BLOB);
                download.get(10, TimeUnit.SECONDS);
                assertThat(received.get()).isGreaterThan(BLOB);
            }
        }
    }
}
