package dev.regbench.engine.transport;

import dev.regbench.engine.config.TransportConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.IdleConnectionEvictor;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.AbstractHttpEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The Apache HttpClient 5 classic transport: a {@link PoolingHttpClientConnectionManager} with
 * total and per-host limits, idle eviction, time-to-live, connect/response timeouts and socket
 * buffers from {@link TransportConfig}. With {@code keepAlive: false} every request carries
 * {@code Connection: close} and no connection is ever reused (the BEFORE state of claim C2).
 *
 * <p>HTTP/1.1 only (the classic client); {@code http2} applies to the JDK kind.
 * Thread-safe; {@link #close()} closes every connection and the idle-evictor thread.
 */
final class ApacheTransport implements HttpTransport {
    /** Responses with at most this many unread bytes are drained on close so the connection is reused. */
    private static final long DRAIN_LIMIT = 64 * 1024;

    private final TransportCounters counters = new TransportCounters(true);
    private final PoolingHttpClientConnectionManager pool;
    private final CloseableHttpClient client;
    private final RequestConfig defaults;
    private final boolean keepAlive;
    private final Watchdog watchdog = new Watchdog("regbench-apache-deadline");
    private final IdleConnectionEvictor evictor;

    ApacheTransport(TransportConfig config, TlsOptions tls) throws IOException {
        this.keepAlive = config.keepAlive();
        TlsSocketStrategy tlsStrategy = tlsStrategy(tls);
        ConnectionConfig.Builder connection = ConnectionConfig.custom()
                .setConnectTimeout(timeout(config.connectTimeout()))
                .setSocketTimeout(timeout(config.responseTimeout()))
                .setValidateAfterInactivity(TimeValue.ofSeconds(2));
        if (positive(config.connectionTtl())) {
            connection.setTimeToLive(TimeValue.of(config.connectionTtl()));
        }
        SocketConfig.Builder socket = SocketConfig.custom().setTcpNoDelay(true);
        if (config.socketSendBuffer() != null && config.socketSendBuffer().bytes() > 0) {
            socket.setSndBufSize(config.socketSendBuffer().intBytes());
        }
        if (config.socketReceiveBuffer() != null && config.socketReceiveBuffer().bytes() > 0) {
            socket.setRcvBufSize(config.socketReceiveBuffer().intBytes());
        }
        this.pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setConnectionFactory(new CountingConnectionFactory(counters))
                .setTlsSocketStrategy(tlsStrategy)
                .setMaxConnTotal(config.maxTotal())
                .setMaxConnPerRoute(config.maxPerHost())
                .setDefaultConnectionConfig(connection.build())
                .setDefaultSocketConfig(socket.build())
                .build();
        this.defaults = RequestConfig.custom()
                .setResponseTimeout(timeout(config.responseTimeout()))
                // Waiting for a free pooled connection: long, since a busy pool is normal under load.
                .setConnectionRequestTimeout(Timeout.ofMinutes(5))
                .setRedirectsEnabled(false)
                .build();
        // The minimal client: the pool, the request executor and the four protocol interceptors
        // (Content-Length, Host, Connection, User-Agent), nothing else. The full client's exec chain
        // (retries, redirects, cookies, auth, content decompression, protocol exec) does work the
        // registry client does itself or must not have done, and its ProtocolExec parsed every
        // request's URI for an auth scope: 13% of a warm copy's heap allocation (async-profiler).
        this.client = HttpClients.createMinimal(pool);
        TimeValue idle = positive(config.idleTimeout()) ? TimeValue.of(config.idleTimeout()) : null;
        this.evictor = new IdleConnectionEvictor(pool, idle != null ? idle : TimeValue.ofSeconds(5), idle);
        this.evictor.start();
    }

    /**
     * The TLS strategy. With the JDK's default trust (no CA file, not insecure) it is made on the
     * first HTTPS connection: {@code SSLContext.getDefault()} costs a new JVM ~40 ms of CPU
     * (bench/peers profiles), wasted on plain-HTTP registries. An explicit CA file or
     * {@code --insecure} is loaded here, so a bad CA file is still reported before any request.
     */
    private static TlsSocketStrategy tlsStrategy(TlsOptions tls) throws IOException {
        if (tls.insecure()) {
            return new DefaultClientTlsStrategy(tls.sslContext(), NoopHostnameVerifier.INSTANCE);
        }
        if (!tls.equals(TlsOptions.DEFAULT)) {
            return new DefaultClientTlsStrategy(tls.sslContext());
        }
        return new LazyTls(tls);
    }

    /** Builds its {@link DefaultClientTlsStrategy} on the first upgrade. Thread-safe. */
    private static final class LazyTls implements TlsSocketStrategy {
        private final TlsOptions tls;
        private volatile TlsSocketStrategy delegate;

        LazyTls(TlsOptions tls) {
            this.tls = tls;
        }

        @Override
        public javax.net.ssl.SSLSocket upgrade(Socket socket, String target, int port, Object attachment,
                                               HttpContext context) throws IOException {
            TlsSocketStrategy d = delegate;
            if (d == null) {
                synchronized (this) {
                    d = delegate;
                    if (d == null) {
                        d = new DefaultClientTlsStrategy(tls.sslContext());
                        delegate = d;
                    }
                }
            }
            return d.upgrade(socket, target, port, attachment, context);
        }
    }

    @Override
    public TransportResponse execute(TransportRequest request) throws IOException {
        HttpUriRequestBase http = new HttpUriRequestBase(request.method(), request.uri());
        request.headers().forEach(http::setHeader);
        if (!keepAlive) {
            http.setHeader("Connection", "close");
        }
        http.setConfig(request.timeout() == null ? defaults
                : RequestConfig.copy(defaults).setResponseTimeout(timeout(request.timeout())).build());
        if (request.body() != null) {
            http.setEntity(new BodyEntity(request.body()));
        }
        counters.leased();
        Deadline deadline = Deadline.start(watchdog, request, http::cancel);
        try {
            HttpHost target = HttpHost.create(request.uri());
            ClassicHttpResponse response = client.executeOpen(target, http, HttpClientContext.create());
            return new ApacheResponse(response, deadline, http);
        } catch (IOException | RuntimeException e) {
            deadline.cancel();
            throw deadline.translate(e);
        }
    }

    @Override
    public TransportCounters counters() {
        return counters;
    }

    @Override
    public String kind() {
        return "apache";
    }

    @Override
    public void close() {
        evictor.shutdown();
        client.close(CloseMode.IMMEDIATE);
        pool.close(CloseMode.IMMEDIATE);
        watchdog.close();
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isZero() && !d.isNegative();
    }

    private static Timeout timeout(Duration d) {
        return positive(d) ? Timeout.of(d) : Timeout.DISABLED;
    }

    /** Streams a {@link RequestBody}; repeatable because the body re-opens its source. */
    private static final class BodyEntity extends AbstractHttpEntity {
        private final RequestBody body;

        BodyEntity(RequestBody body) {
            super(body.contentType() == null ? null : ContentType.parse(body.contentType()), null, body.length() < 0);
            this.body = body;
        }

        @Override
        public InputStream getContent() throws IOException {
            return body.open();
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            body.writeTo(out);
        }

        @Override
        public long getContentLength() {
            return body.length();
        }

        @Override
        public boolean isRepeatable() {
            return true;
        }

        @Override
        public boolean isStreaming() {
            return false;
        }

        @Override
        public void close() {
        }
    }

    /**
     * One response; releases its connection when the body was consumed (or is small enough to
     * drain), discards it otherwise — cancelling the exchange rather than letting HttpClient read the
     * rest of a large or stalled body on close.
     */
    private static final class ApacheResponse implements TransportResponse {
        private final ClassicHttpResponse response;
        private final Deadline deadline;
        private final HttpUriRequestBase request;
        private volatile boolean endReached;

        ApacheResponse(ClassicHttpResponse response, Deadline deadline, HttpUriRequestBase request) {
            this.response = response;
            this.deadline = deadline;
            this.request = request;
        }

        @Override
        public int status() {
            return response.getCode();
        }

        @Override
        public Optional<String> header(String name) {
            Header h = response.getFirstHeader(name);
            return h == null ? Optional.empty() : Optional.ofNullable(h.getValue());
        }

        @Override
        public List<String> headers(String name) {
            List<String> values = new ArrayList<>();
            for (Header h : response.getHeaders(name)) {
                values.add(h.getValue());
            }
            return values;
        }

        @Override
        public InputStream body() throws IOException {
            HttpEntity entity = response.getEntity();
            if (entity == null) {
                return InputStream.nullInputStream();
            }
            return new java.io.FilterInputStream(deadline.guard(entity.getContent())) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    endReached |= b < 0;
                    return b;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    endReached |= n < 0;
                    return n;
                }
            };
        }

        @Override
        public void close() throws IOException {
            deadline.cancel();
            HttpEntity entity = response.getEntity();
            boolean reusable = entity == null || !deadline.fired();
            if (entity != null && reusable) {
                long length = entity.getContentLength();
                if (length >= 0 && length <= DRAIN_LIMIT) {
                    try {
                        EntityUtils.consume(entity);   // keeps the connection reusable
                    } catch (IOException e) {
                        reusable = false;
                    }
                } else if (!endReached) {
                    // an unread rest of unknown or large size (an abandoned blob, a stalled body):
                    // closing would read it all to keep the connection; discard the connection instead
                    reusable = false;
                }
            }
            if (!reusable) {
                request.cancel();
                try {
                    response.close();
                } catch (IOException ignored) {
                    // the exchange was cancelled: its connection is discarded either way
                }
                return;
            }
            response.close();
        }
    }
}
