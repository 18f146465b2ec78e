package dev.regbench.fakeregistry.faults;

import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import java.net.InetSocketAddress;

/** A plain Undertow server on 127.0.0.1 and a free port around a handler, for decorator tests. */
final class TestServer implements AutoCloseable {
    private final Undertow undertow;
    final int port;

    TestServer(HttpHandler handler) {
        undertow = Undertow.builder().addHttpListener(0, "127.0.0.1").setIoThreads(1).setWorkerThreads(2)
                .setHandler(handler).build();
        undertow.start();
        port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        undertow.stop();
    }
}
