package dev.regbench.fakeregistry.storage;

import java.io.IOException;
import java.io.InputStream;

/**
 * Bytes of an upload that is not yet a blob. Appends are all-or-nothing: a failed append
 * (truncated body, size limit) leaves the staged bytes as they were. Not thread-safe: the
 * owning {@link Upload} serialises access.
 */
interface Staging {

    /** Bytes staged so far. */
    long size();

    /**
     * Appends everything {@code in} yields.
     *
     * @param maxTotal the most bytes the staging may hold afterwards
     * @param expectedLength the exact length the chunk must have, or -1 when unknown
     * @param lengthHint the length the client announced ({@code Content-Length}), or -1: lets an
     *                   in-memory staging receive the body into one buffer of that size, which
     *                   then becomes the blob without another copy; never trusted as the length
     * @return bytes appended
     * @throws ChunkLengthMismatchException when the chunk is not {@code expectedLength} long (nothing appended)
     * @throws UploadTooLargeException when the staged size would exceed {@code maxTotal} (nothing appended)
     * @throws IOException when reading fails (nothing appended)
     */
    long append(InputStream in, long maxTotal, long expectedLength, long lengthHint) throws IOException;

    /** Digest of the staged bytes with {@code algorithm} ({@code sha256} is kept incrementally). */
    Digest digest(String algorithm) throws IOException;

    /** Frees what the staging holds. Idempotent. */
    void discard();
}
