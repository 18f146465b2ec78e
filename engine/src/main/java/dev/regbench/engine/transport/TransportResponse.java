package dev.regbench.engine.transport;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * A response whose body is read as a stream. Not thread-safe: one reader. {@link #close()}
 * returns the connection to the pool when the body was read to its end, and discards it
 * otherwise; closing twice is harmless.
 */
public interface TransportResponse extends Closeable {

    int status();

    /** The first value of header {@code name} (case-insensitive). */
    Optional<String> header(String name);

    /** Every value of header {@code name} (case-insensitive), in order. */
    List<String> headers(String name);

    /** The body stream; empty for HEAD and bodiless responses. */
    InputStream body() throws IOException;

    /** {@code Content-Length}, or {@code -1} when unknown. */
    default long contentLength() {
        return header("Content-Length").map(v -> {
            try {
                return Long.parseLong(v.trim());
            } catch (NumberFormatException e) {
                return -1L;
            }
        }).orElse(-1L);
    }

    /** Reads the whole body (for small bodies: manifests, JSON, error documents). */
    default byte[] bodyBytes(int maxBytes) throws IOException {
        try (InputStream in = body()) {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new IOException("response body larger than " + maxBytes + " bytes");
            }
            return bytes;
        }
    }

    @Override
    void close() throws IOException;
}
