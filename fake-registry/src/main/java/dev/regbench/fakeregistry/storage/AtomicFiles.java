package dev.regbench.fakeregistry.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Crash-safe small-file writes: content goes to a temp file or folder beside the target, is
 * forced to disk, and is renamed into place in one atomic step; the parent folder is forced
 * after the rename so the new name survives a power cut too. A reader therefore sees either
 * the old state or the whole new one, never a torn file. Temp names start with {@link #TEMP_PREFIX}
 * so a reopened storage can recognise (and remove) writes a crash interrupted. Stateless and
 * thread-safe (temp names are unique per process).
 */
final class AtomicFiles {
    /** Every temp file and folder name starts with this. */
    static final String TEMP_PREFIX = ".tmp-";
    private static final AtomicLong COUNTER = new AtomicLong();

    private AtomicFiles() {
    }

    /** Writes {@code file} atomically (replacing it). */
    static void write(Path file, byte[] content) throws IOException {
        Path dir = Files.createDirectories(file.getParent());
        Path tmp = dir.resolve(tempName(file));
        try {
            writeForced(tmp, content);
            move(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
        forceDirectory(dir);
    }

    /**
     * Creates folder {@code dir} holding exactly {@code files} (name to content) atomically: the
     * folder appears with all its files or not at all. An existing {@code dir} is replaced.
     */
    static void writeFolder(Path dir, Map<String, byte[]> files) throws IOException {
        Path parent = Files.createDirectories(dir.getParent());
        Path tmp = Files.createDirectory(parent.resolve(tempName(dir)));
        try {
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                writeForced(tmp.resolve(e.getKey()), e.getValue());
            }
            forceDirectory(tmp);
            if (Files.isDirectory(dir)) {
                deleteFolder(dir);
            }
            move(tmp, dir);
        } finally {
            if (Files.exists(tmp)) {
                deleteFolder(tmp);
            }
        }
        forceDirectory(parent);
    }

    /** Deletes a folder and the plain files directly in it. */
    static void deleteFolder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f);
            }
        }
        Files.deleteIfExists(dir);
    }

    static boolean isTemp(Path path) {
        return path.getFileName().toString().startsWith(TEMP_PREFIX);
    }

    private static String tempName(Path target) {
        return TEMP_PREFIX + target.getFileName() + "-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
    }

    private static void writeForced(Path file, byte[] content) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer src = ByteBuffer.wrap(content);
            while (src.hasRemaining()) {
                ch.write(src);
            }
            ch.force(true);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** fsync of a folder, so a rename in it is durable; a no-op where the platform cannot open folders. */
    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // not supported on this platform (e.g. Windows): the rename is still atomic
        }
    }
}
