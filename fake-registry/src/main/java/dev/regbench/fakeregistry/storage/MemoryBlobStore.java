package dev.regbench.fakeregistry.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Blobs in memory as read-only buffers. Seeded blobs are direct buffers (heap buffers when direct
 * memory runs out), so that serving writes them to the socket without another copy. An uploaded
 * blob whose length was announced is kept in the one heap array its body was received into: a
 * destination's ingest then allocates and touches each byte's memory once (allocating, zeroing
 * and copying into a second, direct buffer at commit was most of a fresh destination's CPU).
 * Thread-safe.
 */
final class MemoryBlobStore implements BlobStore {
    /** Staging reads the body in chunks of this size: large enough for few chunks, small enough to waste little. */
    private static final int CHUNK = 256 * 1024;
    /**
     * The largest announced body received into one array sized up front. Larger ones are received
     * in {@link #CHUNK}s as they arrive, so a client announcing a huge body and sending little
     * makes the server allocate little.
     */
    private static final int MAX_SINGLE = 64 * 1024 * 1024;

    private final ConcurrentHashMap<String, MemoryBlob> blobs = new ConcurrentHashMap<>();

    record MemoryBlob(String digest, ByteBuffer buffer) implements Blob {
        @Override
        public long size() {
            return buffer.remaining();
        }

        @Override
        public ByteBuffer content() {
            return buffer.duplicate();
        }
    }

    @Override
    public Blob get(String digest) {
        return blobs.get(digest);
    }

    @Override
    public Blob put(Digest digest, ByteBuffer content) {
        String key = digest.toString();
        MemoryBlob existing = blobs.get(key);
        if (existing != null) {
            return existing;
        }
        ByteBuffer copy = allocate(content.remaining());
        copy.put(content.duplicate()).flip();
        return blobs.computeIfAbsent(key, k -> new MemoryBlob(k, copy.asReadOnlyBuffer()));
    }

    @Override
    public Staging stage(String id) {
        return new MemoryStaging();
    }

    @Override
    public Blob commit(Staging staging, Digest digest) {
        MemoryStaging memory = (MemoryStaging) staging;
        String key = digest.toString();
        MemoryBlob existing = blobs.get(key);
        if (existing == null) {
            long size = memory.size();
            if (size > Integer.MAX_VALUE) {
                throw new UploadTooLargeException(Integer.MAX_VALUE);
            }
            ByteBuffer whole = memory.whole();
            ByteBuffer buffer = whole != null ? whole : allocate((int) size);
            if (whole == null) {
                for (ByteBuffer chunk : memory.chunks) {
                    buffer.put(chunk.duplicate());
                }
                buffer.flip();
            }
            existing = blobs.computeIfAbsent(key, k -> new MemoryBlob(k, buffer.asReadOnlyBuffer()));
        }
        memory.discard();
        return existing;
    }

    @Override
    public int count() {
        return blobs.size();
    }

    @Override
    public void close() {
        blobs.clear();
    }

    private static ByteBuffer allocate(int size) {
        try {
            return ByteBuffer.allocateDirect(size);
        } catch (OutOfMemoryError directMemoryExhausted) {
            return ByteBuffer.allocate(size);
        }
    }

    /** Staged chunks on the heap plus the running sha256. */
    static final class MemoryStaging implements Staging {
        private final List<ByteBuffer> chunks = new ArrayList<>();
        private MessageDigest sha256 = Digest.newMessageDigest("sha256");
        private long size;

        @Override
        public long size() {
            return size;
        }

        @Override
        public long append(InputStream in, long maxTotal, long expectedLength, long lengthHint) throws IOException {
            List<ByteBuffer> received = new ArrayList<>();
            long total = 0;
            // The announced length, when plausible, sizes the first buffer: a monolithic upload is
            // received into one array that commit() keeps as the blob (no second allocation, no copy).
            int first = chunks.isEmpty() && lengthHint > 0 && lengthHint <= Math.min(maxTotal, MAX_SINGLE)
                    ? (int) lengthHint : CHUNK;
            byte[] chunk = new byte[first];
            int filled = 0;
            while (true) {
                if (chunk == null) {                   // the last buffer is full: is there more?
                    int b = in.read();
                    if (b < 0) {
                        break;
                    }
                    chunk = new byte[CHUNK];
                    chunk[0] = (byte) b;
                    filled = 1;
                    total++;
                    checkLimits(maxTotal, expectedLength, total);
                    continue;
                }
                int n = in.read(chunk, filled, chunk.length - filled);
                if (n < 0) {
                    break;
                }
                filled += n;
                total += n;
                checkLimits(maxTotal, expectedLength, total);
                if (filled == chunk.length) {
                    received.add(ByteBuffer.wrap(chunk));
                    chunk = null;
                    filled = 0;
                }
            }
            if (expectedLength >= 0 && total != expectedLength) {
                throw new ChunkLengthMismatchException(expectedLength, total);
            }
            if (filled > 0) {
                received.add(ByteBuffer.wrap(chunk, 0, filled));
            }
            for (ByteBuffer b : received) {
                sha256.update(b.duplicate());
            }
            chunks.addAll(received);
            size += total;
            return total;
        }

        private void checkLimits(long maxTotal, long expectedLength, long total) {
            if (size + total > maxTotal) {
                throw new UploadTooLargeException(maxTotal);
            }
            if (expectedLength >= 0 && total > expectedLength) {
                throw new ChunkLengthMismatchException(expectedLength, total);
            }
        }

        /** The staged bytes when they are exactly one whole array (a monolithic upload), else null. */
        private ByteBuffer whole() {
            if (chunks.size() != 1) {
                return null;
            }
            ByteBuffer only = chunks.get(0);
            return only.position() == 0 && only.arrayOffset() == 0 && only.remaining() == only.capacity() ? only : null;
        }

        @Override
        public Digest digest(String algorithm) throws IOException {
            if (algorithm.equals("sha256")) {
                return Digest.of("sha256", Digest.copyOf(sha256));
            }
            MessageDigest md = Digest.newMessageDigest(algorithm);
            for (ByteBuffer chunk : chunks) {
                md.update(chunk.duplicate());
            }
            return Digest.of(algorithm, md);
        }

        @Override
        public void discard() {
            chunks.clear();
            size = 0;
            sha256 = Digest.newMessageDigest("sha256");
        }
    }
}
