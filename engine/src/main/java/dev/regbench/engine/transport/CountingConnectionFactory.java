package dev.regbench.engine.transport;

import java.io.IOException;
import java.net.Socket;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.io.HttpConnectionFactory;

/**
 * Counts every connection HttpClient 5's pool creates, then delegates to the stock factory with
 * smaller session buffers. Thread-safe (the counters are).
 */
final class CountingConnectionFactory implements HttpConnectionFactory<ManagedHttpClientConnection> {
    /**
     * Bytes of each of a connection's three session buffers (input, its line buffer, output).
     * HttpCore's default, 32 KiB, made them 96 KiB per connection: 18% of all the engine allocated
     * copying the `wan` scenario (1.77 of 9.6 MB a run, async-profiler allocation samples every
     * 1 KiB). They hold request and status/header lines only: a body read or write larger than
     * HttpCore's minimum chunk (512 bytes) bypasses them when they are empty, and the engine moves
     * bodies through its copy buffer ({@code buffers.copyBufferSize}, 64 KiB in optimized.yaml).
     */
    static final int SESSION_BUFFER_BYTES = 8 * 1024;

    private final HttpConnectionFactory<ManagedHttpClientConnection> delegate = ManagedHttpClientConnectionFactory.builder()
            .http1Config(Http1Config.custom().setBufferSize(SESSION_BUFFER_BYTES).build())
            .build();
    private final TransportCounters counters;

    CountingConnectionFactory(TransportCounters counters) {
        this.counters = counters;
    }

    @Override
    public ManagedHttpClientConnection createConnection(Socket socket) throws IOException {
        counters.connectionOpened();
        return delegate.createConnection(socket);
    }

    @Override
    public ManagedHttpClientConnection createConnection(SSLSocket sslSocket, Socket socket) throws IOException {
        counters.connectionOpened();
        return delegate.createConnection(sslSocket, socket);
    }
}
