package dev.regbench.engine.transport;

import java.io.IOException;
import java.net.Socket;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.core5.http.io.HttpConnectionFactory;

/**
 * Counts every connection HttpClient 5's pool creates, then delegates to the stock factory.
 * Thread-safe (the counters are).
 */
final class CountingConnectionFactory implements HttpConnectionFactory<ManagedHttpClientConnection> {
    private final HttpConnectionFactory<ManagedHttpClientConnection> delegate = ManagedHttpClientConnectionFactory.INSTANCE;
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
