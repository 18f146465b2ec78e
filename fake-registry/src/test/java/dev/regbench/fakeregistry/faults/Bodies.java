package dev.regbench.fakeregistry.faults;

import io.undertow.server.handlers.BlockingHandler;
import io.undertow.server.HttpHandler;
import io.undertow.util.Headers;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/** Test backends that answer every request with the same body, written non-blocking or blocking. */
final class Bodies {
    private Bodies() {
    }

    static byte[] pattern(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 31 + (i >>> 8));
        }
        return b;
    }

    /** One {@code Sender.send} on the IO thread. */
    static HttpHandler nonBlocking(byte[] body) {
        return exchange -> {
            exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, body.length);
            exchange.getResponseSender().send(ByteBuffer.wrap(body));
        };
    }

    /** A worker thread writing 8 KiB pieces to the output stream. */
    static HttpHandler blocking(byte[] body) {
        return new BlockingHandler(exchange -> {
            exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, body.length);
            try (OutputStream out = exchange.getOutputStream()) {
                for (int off = 0; off < body.length; off += 8192) {
                    out.write(body, off, Math.min(8192, body.length - off));
                }
            }
        });
    }
}
