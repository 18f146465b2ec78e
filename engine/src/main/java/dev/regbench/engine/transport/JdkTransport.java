package dev.regbench.engine.transport;

import dev.regbench.engine.config.TransportConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JDK {@link HttpClient} as a second transport kind: HTTP/2 when {@code http2} is on (h2 over
 * TLS by ALPN, h2c upgrade in clear), HTTP/1.1 otherwise.
 *
 * <p>Known limits of this kind, by design of the JDK client (Java 17): pool sizes, idle timeout,
 * TTL, socket buffers and {@code keepAlive: false} cannot be set per client (only by JVM-wide
 * system properties, which this class does not touch); connections opened are not observable
 * (use the server's count); the timeout covers the wait for the response head only, not stalls
 * in the body; host-name verification stays on even with {@code insecure}. Its worker threads
 * come from a small executor this class owns and shuts down on {@link #close()}; the JDK's
 * selector thread ends when the client is garbage-collected.
 *
 * <p>Thread-safe.
 */
final class JdkTransport implements HttpTransport {
    /** Headers the JDK client refuses to let callers set. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "host", "expect", "upgrade");

    private final TransportCounters counters = new TransportCounters(false);
    private final ExecutorService executor;
    private final HttpClient client;
    private final Duration responseTimeout;

    JdkTransport(TransportConfig config, TlsOptions tls) throws IOException {
        AtomicInteger n = new AtomicInteger();
        int threads = Math.max(2, Math.min(config.maxTotal(), 16));
        this.executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "regbench-jdk-http-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        ((ThreadPoolExecutor) executor).allowCoreThreadTimeOut(true);
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(config.http2() ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .sslContext(tls.sslContext());
        if (config.connectTimeout() != null && !config.connectTimeout().isZero()) {
            builder.connectTimeout(config.connectTimeout());
        }
        this.client = builder.build();
        this.responseTimeout = config.responseTimeout();
    }

    @Override
    public TransportResponse execute(TransportRequest request) throws IOException {
        HttpRequest.Builder http = HttpRequest.newBuilder(request.uri());
        request.headers().forEach((name, value) -> {
            if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                http.header(name, value);
            }
        });
        RequestBody body = request.body();
        HttpRequest.BodyPublisher publisher;
        if (body == null) {
            publisher = HttpRequest.BodyPublishers.noBody();
        } else {
            HttpRequest.BodyPublisher stream = HttpRequest.BodyPublishers.ofInputStream(() -> {
                try {
                    return body.open();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            publisher = body.length() >= 0 ? HttpRequest.BodyPublishers.fromPublisher(stream, body.length()) : stream;
            if (body.contentType() != null && request.header("Content-Type") == null) {
                http.header("Content-Type", body.contentType());
            }
        }
        http.method(request.method(), publisher);
        Duration timeout = request.timeout() != null ? request.timeout() : responseTimeout;
        if (request.deadline() != null && !request.deadline().isZero()
                && (timeout == null || request.deadline().compareTo(timeout) < 0)) {
            timeout = request.deadline();   // JDK kind: the deadline bounds the wait for the head only
        }
        if (timeout != null && !timeout.isZero()) {
            http.timeout(timeout);
        }
        counters.leased();
        try {
            HttpResponse<InputStream> response = client.send(http.build(), HttpResponse.BodyHandlers.ofInputStream());
            return new JdkResponse(response);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted: " + request);
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public TransportCounters counters() {
        return counters;
    }

    @Override
    public String kind() {
        return "jdk";
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    /** One JDK response; closing the stream releases the exchange. */
    private record JdkResponse(HttpResponse<InputStream> response) implements TransportResponse {
        @Override
        public int status() {
            return response.statusCode();
        }

        @Override
        public Optional<String> header(String name) {
            return response.headers().firstValue(name);
        }

        @Override
        public List<String> headers(String name) {
            return response.headers().allValues(name);
        }

        @Override
        public InputStream body() {
            return response.body();
        }

        @Override
        public void close() throws IOException {
            InputStream in = response.body();
            // Drain small leftovers so the connection can be reused, then close. A body already
            // read and closed by its reader (Jackson closes what it parses) throws "closed" here.
            try {
                in.skip(64 * 1024);
            } catch (IOException alreadyClosed) {
                // nothing left to drain
            }
            in.close();
        }
    }
}
