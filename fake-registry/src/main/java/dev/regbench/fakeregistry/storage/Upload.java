package dev.regbench.fakeregistry.storage;

import java.io.IOException;
import java.io.InputStream;

/**
 * An upload session ({@code /v2/<name>/blobs/uploads/<id>}): staged bytes for one repository
 * that become a blob only when committed with a matching digest. Thread-safe: all operations
 * are serialised on the session.
 */
public final class Upload {
    private final String id;
    private final String repository;
    private final Staging staging;
    private boolean closed;
    private volatile long lastUsedNanos = System.nanoTime();

    Upload(String id, String repository, Staging staging) {
        this.id = id;
        this.repository = repository;
        this.staging = staging;
    }

    /** The session id used in the upload URL. */
    public String id() {
        return id;
    }

    /** The repository the blob will be linked into. */
    public String repository() {
        return repository;
    }

    /** Bytes received so far. */
    public synchronized long size() {
        return staging.size();
    }

    /**
     * Appends a chunk, all or nothing.
     *
     * @param maxTotal size limit of the whole upload
     * @param expectedLength exact length of this chunk (from Content-Range), or -1
     * @param lengthHint the announced length of this chunk ({@code Content-Length}), or -1
     * @return bytes appended
     * @throws ChunkLengthMismatchException when the chunk's length is not {@code expectedLength} (nothing appended)
     * @throws UploadTooLargeException when the limit would be passed (nothing appended)
     * @throws IOException when the body cannot be read completely (nothing appended)
     */
    public synchronized long append(InputStream in, long maxTotal, long expectedLength, long lengthHint)
            throws IOException {
        if (closed) {
            throw new IOException("upload " + id + " is closed");
        }
        lastUsedNanos = System.nanoTime();
        try {
            return staging.append(in, maxTotal, expectedLength, lengthHint);
        } finally {
            lastUsedNanos = System.nanoTime();
        }
    }

    /** {@link #append(InputStream, long, long, long)} without a length hint. */
    public long append(InputStream in, long maxTotal, long expectedLength) throws IOException {
        return append(in, maxTotal, expectedLength, -1);
    }

    /** {@link System#nanoTime()} of the last append (or of the start). */
    long lastUsedNanos() {
        return lastUsedNanos;
    }

    synchronized boolean isClosed() {
        return closed;
    }

    Staging staging() {
        return staging;
    }

    synchronized void close() {
        closed = true;
    }

    synchronized void discard() {
        closed = true;
        staging.discard();
    }
}
