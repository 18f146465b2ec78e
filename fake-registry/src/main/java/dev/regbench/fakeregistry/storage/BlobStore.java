package dev.regbench.fakeregistry.storage;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Content-addressed blob bytes, shared by all repositories (links live in {@link IndexedStorage}).
 * Implementations are thread-safe; storing the same digest twice keeps the first copy.
 */
interface BlobStore extends Closeable {

    /** The blob stored under {@code digest}, or null. */
    Blob get(String digest);

    /** Stores already-verified {@code content} under {@code digest}. */
    Blob put(Digest digest, ByteBuffer content) throws IOException;

    /** A new, empty staging area for upload {@code id}. */
    Staging stage(String id) throws IOException;

    /** Turns verified staged bytes into the blob {@code digest}; the staging is consumed. */
    Blob commit(Staging staging, Digest digest) throws IOException;

    /** Number of distinct blobs. */
    int count();
}
