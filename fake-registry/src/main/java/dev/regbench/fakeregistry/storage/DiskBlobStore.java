package dev.regbench.fakeregistry.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Blobs as files under {@code <dir>/blobs/<algorithm>/<hex>}, uploads staged under
 * {@code <dir>/_uploads/<id>} and moved into place once verified. Serving maps the file
 * read-only (once per blob) so bytes go from the page cache to the socket without passing
 * through the Java heap. Blobs larger than 2 GiB cannot be served from a single mapping and
 * are refused at commit. Thread-safe.
 */
final class DiskBlobStore implements BlobStore {
    private static final int COPY_BUFFER = 64 * 1024;

    private final Path blobsDir;
    private final Path uploadsDir;
    private final ConcurrentHashMap<String, DiskBlob> blobs = new ConcurrentHashMap<>();

    DiskBlobStore(Path dir) throws IOException {
        this.blobsDir = Files.createDirectories(dir.resolve("blobs"));
        this.uploadsDir = Files.createDirectories(dir.resolve("_uploads"));
        try (Stream<Path> stale = Files.list(uploadsDir)) {
            stale.forEach(p -> p.toFile().delete());
        }
        for (String algorithm : new String[] {"sha256", "sha512"}) {
            Path algDir = blobsDir.resolve(algorithm);
            if (Files.isDirectory(algDir)) {
                try (Stream<Path> files = Files.list(algDir)) {
                    files.forEach(f -> {
                        String key = algorithm + ":" + f.getFileName();
                        try {
                            blobs.put(key, new DiskBlob(key, f, Files.size(f)));
                        } catch (IOException e) {
                            throw new UncheckedIOException("cannot read blob file " + f, e);
                        }
                    });
                }
            }
        }
    }

    /** A blob file, mapped on first use. */
    static final class DiskBlob implements Blob {
        private final String digest;
        private final Path file;
        private final long size;
        private volatile ByteBuffer mapped;

        DiskBlob(String digest, Path file, long size) {
            this.digest = digest;
            this.file = file;
            this.size = size;
        }

        @Override
        public String digest() {
            return digest;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public ByteBuffer content() {
            ByteBuffer m = mapped;
            if (m == null) {
                synchronized (this) {
                    m = mapped;
                    if (m == null) {
                        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                            MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
                            m = map.asReadOnlyBuffer();
                            mapped = m;
                        } catch (IOException e) {
                            throw new UncheckedIOException("cannot map blob file " + file, e);
                        }
                    }
                }
            }
            return m.duplicate();
        }
    }

    @Override
    public Blob get(String digest) {
        return blobs.get(digest);
    }

    @Override
    public Blob put(Digest digest, ByteBuffer content) throws IOException {
        DiskBlob existing = blobs.get(digest.toString());
        if (existing != null) {
            return existing;
        }
        Path tmp = Files.createTempFile(uploadsDir, "put-", ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ByteBuffer src = content.duplicate();
            while (src.hasRemaining()) {
                ch.write(src);
            }
        }
        return install(tmp, digest);
    }

    @Override
    public Staging stage(String id) throws IOException {
        return new DiskStaging(uploadsDir.resolve(id));
    }

    @Override
    public Blob commit(Staging staging, Digest digest) throws IOException {
        DiskStaging disk = (DiskStaging) staging;
        disk.closeChannel();
        if (disk.size() > Integer.MAX_VALUE) {
            disk.discard();
            throw new UploadTooLargeException(Integer.MAX_VALUE);
        }
        return install(disk.file, digest);
    }

    private Blob install(Path tmp, Digest digest) throws IOException {
        String key = digest.toString();
        Path target = blobsDir.resolve(digest.algorithm()).resolve(digest.hex());
        Files.createDirectories(target.getParent());
        synchronized (blobs) {
            DiskBlob existing = blobs.get(key);
            if (existing != null) {
                Files.deleteIfExists(tmp);
                return existing;
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            DiskBlob blob = new DiskBlob(key, target, Files.size(target));
            blobs.put(key, blob);
            return blob;
        }
    }

    @Override
    public int count() {
        return blobs.size();
    }

    @Override
    public void close() {
        blobs.clear();
    }

    /** Staged bytes in a file; a failed append truncates the file back. */
    static final class DiskStaging implements Staging {
        private final Path file;
        private FileChannel channel;
        private MessageDigest sha256 = Digest.newMessageDigest("sha256");
        private long size;

        DiskStaging(Path file) throws IOException {
            this.file = file;
            this.channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    StandardOpenOption.READ);
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public long append(InputStream in, long maxTotal, long expectedLength, long lengthHint) throws IOException {
            MessageDigest md = Digest.copyOf(sha256);
            byte[] buffer = new byte[COPY_BUFFER];
            long total = 0;
            boolean ok = false;
            try {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    total += n;
                    if (size + total > maxTotal) {
                        throw new UploadTooLargeException(maxTotal);
                    }
                    if (expectedLength >= 0 && total > expectedLength) {
                        throw new ChunkLengthMismatchException(expectedLength, total);
                    }
                    md.update(buffer, 0, n);
                    ByteBuffer src = ByteBuffer.wrap(buffer, 0, n);
                    long at = size + total - n;
                    while (src.hasRemaining()) {
                        at += channel.write(src, at);
                    }
                }
                if (expectedLength >= 0 && total != expectedLength) {
                    throw new ChunkLengthMismatchException(expectedLength, total);
                }
                ok = true;
            } finally {
                if (!ok) {
                    channel.truncate(size);
                }
            }
            sha256 = md;
            size += total;
            return total;
        }

        @Override
        public Digest digest(String algorithm) throws IOException {
            if (algorithm.equals("sha256")) {
                return Digest.of("sha256", Digest.copyOf(sha256));
            }
            MessageDigest md = Digest.newMessageDigest(algorithm);
            ByteBuffer buffer = ByteBuffer.allocate(COPY_BUFFER);
            long pos = 0;
            while (pos < size) {
                buffer.clear();
                int n = channel.read(buffer, pos);
                if (n < 0) {
                    break;
                }
                buffer.flip();
                md.update(buffer);
                pos += n;
            }
            return Digest.of(algorithm, md);
        }

        void closeChannel() throws IOException {
            if (channel != null) {
                channel.close();
                channel = null;
            }
        }

        @Override
        public void discard() {
            try {
                closeChannel();
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a leftover staging file is removed when the store is next opened
            }
        }
    }
}
