package dev.regbench.engine.transport;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A request body that can be produced again from its source, so that a retried upload re-sends
 * the bytes from where they come from instead of buffering them whole.
 *
 * <p>Each {@link #open()} (or {@link #writeTo}) starts from the first byte.
 */
public interface RequestBody {

    /** A fresh stream of the whole body. */
    InputStream open() throws IOException;

    /** The length in bytes, or {@code -1} when unknown (sent chunked). */
    long length();

    /** The {@code Content-Type}, or null. */
    default String contentType() {
        return null;
    }

    /** Writes the whole body to {@code out}; implementations may use a pooled buffer. */
    default void writeTo(OutputStream out) throws IOException {
        try (InputStream in = open()) {
            in.transferTo(out);
        }
    }

    /** A body of fixed bytes (manifests, small chunks). */
    static RequestBody ofBytes(byte[] bytes, String contentType) {
        return new RequestBody() {
            @Override
            public InputStream open() {
                return new ByteArrayInputStream(bytes);
            }

            @Override
            public long length() {
                return bytes.length;
            }

            @Override
            public String contentType() {
                return contentType;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                out.write(bytes);
            }
        };
    }
}
