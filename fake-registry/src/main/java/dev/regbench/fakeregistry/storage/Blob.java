package dev.regbench.fakeregistry.storage;

import java.nio.ByteBuffer;

/**
 * A stored blob. {@link #content()} is a read-only buffer over the bytes (a direct buffer in
 * memory, a read-only mapping of the file on disk) so that handlers can write
 * {@code content().duplicate()} (or a slice for a range) to the socket without copying through
 * the heap. Implementations are immutable and thread-safe.
 */
public interface Blob {

    /** The digest it is stored under ({@code sha256:...} or {@code sha512:...}). */
    String digest();

    /** Size in bytes. */
    long size();

    /** Read-only view of the bytes, position 0. Never modify the returned buffer's position: duplicate it. */
    ByteBuffer content();

    /** Quoted digest for the {@code ETag} header. */
    default String etag() {
        return "\"" + digest() + "\"";
    }
}
