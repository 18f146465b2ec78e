package dev.regbench.fakeregistry.server;

import io.undertow.UndertowOptions;
import io.undertow.connector.ByteBufferPool;
import io.undertow.protocols.ssl.UndertowXnioSsl;
import io.undertow.server.DefaultByteBufferPool;
import io.undertow.server.HttpHandler;
import io.undertow.server.protocol.http.AlpnOpenListener;
import io.undertow.server.protocol.http.HttpOpenListener;
import io.undertow.server.protocol.http2.Http2OpenListener;
import io.undertow.server.protocol.http2.Http2UpgradeHandler;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.Channel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import org.xnio.ChannelListener;
import org.xnio.IoUtils;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.StreamConnection;
import org.xnio.Xnio;
import org.xnio.XnioWorker;
import org.xnio.channels.AcceptingChannel;
import org.xnio.ssl.SslConnection;

/**
 * Undertow assembled by hand on an XNIO worker, as {@code Undertow.start()} does, so that the
 * accept listener is ours: it counts every connection the moment it is accepted (before any
 * request) and, on the plain listener, installs {@link TlsSniffingConduit}. Supports HTTP/1.1,
 * h2c (upgrade and prior knowledge) and HTTPS with h2 by ALPN. Binds 127.0.0.1 only.
 * {@link #close()} closes the listener and every connection and waits for the worker's
 * threads (named {@code <threadPrefix> I/O-n}, {@code <threadPrefix> task-n},
 * {@code <threadPrefix> Accept}) to end. Thread-safe.
 */
public final class RegistryServer implements Closeable {
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    /** Thread-name prefix of every registry worker; tests look for leftovers by it. */
    public static final String THREAD_PREFIX = "regbench-registry-";

    private final XnioWorker worker;
    private final String workerName;
    private final AcceptingChannel<? extends StreamConnection> server;
    private final ByteBufferPool buffers;
    private final int port;
    private boolean closed;

    /**
     * How to listen.
     *
     * @param port          0 for a free port
     * @param sslContext    null for plain HTTP
     * @param http2         h2 by ALPN with TLS, h2c without
     * @param ioThreads     IO threads (non-blocking work)
     * @param workerThreads threads for blocking work (uploads, manifest PUTs)
     */
    public record Settings(int port, SSLContext sslContext, boolean http2, int ioThreads, int workerThreads,
                           String bindAddress) {
        /** Settings that bind 127.0.0.1. */
        public Settings(int port, SSLContext sslContext, boolean http2, int ioThreads, int workerThreads) {
            this(port, sslContext, http2, ioThreads, workerThreads, LOOPBACK);
        }
    }

    /** The address every server binds unless told otherwise. */
    public static final String LOOPBACK = "127.0.0.1";

    private RegistryServer(XnioWorker worker, String workerName, AcceptingChannel<? extends StreamConnection> server,
                           ByteBufferPool buffers, int port) {
        this.worker = worker;
        this.workerName = workerName;
        this.server = server;
        this.buffers = buffers;
        this.port = port;
    }

    /**
     * Starts listening on {@code settings.bindAddress()} (127.0.0.1 unless a deployment asks otherwise).
     *
     * @param onAccept called with each accepted connection, on the thread that accepted it
     */
    public static RegistryServer start(Settings settings, HttpHandler root, Consumer<Channel> onAccept)
            throws IOException {
        Xnio xnio = Xnio.getInstance(RegistryServer.class.getClassLoader());
        String workerName = THREAD_PREFIX + INSTANCES.incrementAndGet();
        XnioWorker worker = xnio.createWorker(OptionMap.builder()
                .set(Options.WORKER_NAME, workerName)
                .set(Options.WORKER_IO_THREADS, settings.ioThreads())
                .set(Options.WORKER_TASK_CORE_THREADS, settings.workerThreads())
                .set(Options.WORKER_TASK_MAX_THREADS, settings.workerThreads())
                .set(Options.CONNECTION_HIGH_WATER, 1_000_000)
                .set(Options.CONNECTION_LOW_WATER, 1_000_000)
                .set(Options.TCP_NODELAY, true)
                .set(Options.CORK, true)
                .getMap());
        ByteBufferPool buffers = new DefaultByteBufferPool(true, 16 * 1024, -1, 4);
        try {
            OptionMap socketOptions = OptionMap.builder()
                    .set(Options.WORKER_IO_THREADS, worker.getIoThreadCount())
                    .set(Options.TCP_NODELAY, true)
                    .set(Options.REUSE_ADDRESSES, true)
                    .set(Options.BALANCING_TOKENS, 1)
                    .set(Options.BALANCING_CONNECTIONS, 2)
                    .set(Options.BACKLOG, 1000)
                    .getMap();
            OptionMap undertowOptions = OptionMap.builder()
                    .set(UndertowOptions.BUFFER_PIPELINED_DATA, true)
                    .set(UndertowOptions.NO_REQUEST_TIMEOUT, 60_000)
                    .set(UndertowOptions.RECORD_REQUEST_START_TIME, true)
                    .set(UndertowOptions.ENABLE_HTTP2, settings.http2())
                    // Undertow caps request bodies at 2 MiB by default; the upload handlers
                    // enforce the registry's own (configurable) limits instead.
                    .set(UndertowOptions.MAX_ENTITY_SIZE, -1L)
                    .getMap();
            InetSocketAddress address = new InetSocketAddress(settings.bindAddress(), settings.port());
            AcceptingChannel<? extends StreamConnection> server;
            HttpOpenListener http = new HttpOpenListener(buffers, undertowOptions);
            if (settings.sslContext() == null) {
                http.setRootHandler(settings.http2() ? new Http2UpgradeHandler(root) : root);
                server = worker.createStreamConnectionServer(address, accepting(http, onAccept, true), socketOptions);
            } else {
                http.setRootHandler(root);
                ChannelListener<StreamConnection> open = http;
                if (settings.http2()) {
                    AlpnOpenListener alpn = new AlpnOpenListener(buffers, undertowOptions, http);
                    Http2OpenListener h2 = new Http2OpenListener(buffers, undertowOptions);
                    h2.setRootHandler(root);
                    alpn.addProtocol(Http2OpenListener.HTTP2, h2, 10);
                    open = alpn;
                }
                UndertowXnioSsl ssl = new UndertowXnioSsl(xnio, OptionMap.create(Options.USE_DIRECT_BUFFERS, true),
                        settings.sslContext());
                server = ssl.createSslConnectionServer(worker, address, accepting(open, onAccept, false), socketOptions);
            }
            server.resumeAccepts();
            int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            return new RegistryServer(worker, workerName, server, buffers, port);
        } catch (IOException | RuntimeException e) {
            shutdown(worker, workerName);
            buffers.close();
            throw e;
        }
    }

    private static <C extends StreamConnection> ChannelListener<AcceptingChannel<C>> accepting(
            ChannelListener<? super C> open, Consumer<Channel> onAccept, boolean sniffTls) {
        return channel -> {
            C connection;
            try {
                while ((connection = channel.accept()) != null) {
                    onAccept.accept(connection);
                    if (sniffTls && !(connection instanceof SslConnection)) {
                        connection.getSourceChannel().setConduit(
                                new TlsSniffingConduit(connection.getSourceChannel().getConduit(), connection));
                    }
                    open.handleEvent(connection);
                }
            } catch (IOException e) {
                // a failed accept concerns only that connection; the listener stays up
            }
        };
    }

    /** The bound port. */
    public int port() {
        return port;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        IoUtils.safeClose(server);
        shutdown(worker, workerName);
        buffers.close();
    }

    /**
     * Shuts the worker down and waits until its threads have really ended: XNIO reports
     * termination a moment before its last IO thread returns from {@code run()}, and HTTP/2
     * channels closed during shutdown finish on Undertow's static {@code undertow-shutdown-n}
     * thread, which ends 10 ms after its last task.
     */
    private static void shutdown(XnioWorker worker, String workerName) {
        worker.shutdown();
        try {
            if (!worker.awaitTermination(5, TimeUnit.SECONDS)) {
                worker.shutdownNow();
                worker.awaitTermination(5, TimeUnit.SECONDS);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                if (thread.getName().startsWith(workerName + " ") || thread.getName().startsWith("undertow-shutdown-")) {
                    thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                }
            }
        } catch (InterruptedException e) {
            worker.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
