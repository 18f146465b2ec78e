package dev.regbench.service;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One job's log, kept once in memory however many clients read it: an append-only run of
 * fixed-size segments addressed by absolute byte offset. Readers keep only their offset and get
 * read-only views of at most {@code chunk} bytes ({@link #slice}); nothing is copied per reader.
 * When more than {@code maxBytes} are held the oldest segment is dropped and readers behind it
 * skip ahead ({@link #startOffset}).
 *
 * <p>Followers register a one-shot callback with {@link #awaitData}; it runs (on the appending
 * thread, so it must only hand off) when bytes are appended or the log is closed.
 *
 * <p>Thread-safe: one lock guards the segments; bytes once appended are never changed, so a
 * view handed out stays valid after the lock is released.
 */
final class JobLog {

    private static final int SEGMENT_BYTES = 64 * 1024;

    private final long maxBytes;
    private final int segmentBytes;
    private final ArrayDeque<byte[]> segments = new ArrayDeque<>();
    private final List<Runnable> waiters = new ArrayList<>();
    /** Absolute offset of the first byte of the first segment. */
    private long start;
    /** Absolute offset just after the last byte appended. */
    private long end;
    private boolean closed;

    JobLog(long maxBytes) {
        this.maxBytes = maxBytes;
        this.segmentBytes = (int) Math.min(SEGMENT_BYTES, maxBytes);
    }

    /** Appends {@code line} and a newline; ignored once closed. */
    void appendLine(String line) {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        List<Runnable> wake;
        synchronized (this) {
            if (closed) {
                return;
            }
            int off = 0;
            while (off < bytes.length) {
                int fill = (int) (end - start) - (segments.size() - 1) * segmentBytes;
                if (segments.isEmpty() || fill == segmentBytes) {
                    segments.addLast(new byte[segmentBytes]);
                    fill = 0;
                }
                int n = Math.min(segmentBytes - fill, bytes.length - off);
                System.arraycopy(bytes, off, segments.peekLast(), fill, n);
                off += n;
                end += n;
            }
            while (end - start > maxBytes && segments.size() > 1) {
                segments.removeFirst();
                start += segmentBytes;
            }
            wake = takeWaiters();
        }
        wake.forEach(Runnable::run);
    }

    /** Marks the log complete: followers reach the end and stop. */
    void close() {
        List<Runnable> wake;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            wake = takeWaiters();
        }
        wake.forEach(Runnable::run);
    }

    /** Offset of the oldest byte still held. */
    synchronized long startOffset() {
        return start;
    }

    /** Offset just after the newest byte. */
    synchronized long endOffset() {
        return end;
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /** Bytes held now (what the log costs in memory, give or take one segment). */
    synchronized long retainedBytes() {
        return (long) segments.size() * segmentBytes;
    }

    /**
     * A read-only view of up to {@code max} bytes from {@code offset} (which must be at least
     * {@link #startOffset()}), never crossing a segment; an empty buffer when there is nothing yet.
     */
    synchronized ByteBuffer slice(long offset, int max) {
        if (offset < start) {
            throw new IllegalArgumentException("offset " + offset + " was dropped; log starts at " + start);
        }
        if (offset >= end) {
            return ByteBuffer.allocate(0);
        }
        long rel = offset - start;
        int index = (int) (rel / segmentBytes);
        int pos = (int) (rel % segmentBytes);
        int available = (int) Math.min(segmentBytes - pos, end - offset);
        byte[] segment = index == 0 ? segments.peekFirst() : segmentAt(index);
        return ByteBuffer.wrap(segment, pos, Math.min(max, available)).slice().asReadOnlyBuffer();
    }

    private byte[] segmentAt(int index) {
        int i = 0;
        for (byte[] s : segments) {
            if (i++ == index) {
                return s;
            }
        }
        throw new IllegalStateException("segment " + index + " missing");
    }

    /**
     * Registers {@code callback} to run once when data beyond {@code offset} arrives or the log
     * closes, unless that is already so.
     *
     * @return false when there is already something to read (or the log is closed): the caller
     *         proceeds at once and the callback is not kept
     */
    synchronized boolean awaitData(long offset, Runnable callback) {
        if (offset < end || closed) {
            return false;
        }
        waiters.add(callback);
        return true;
    }

    private List<Runnable> takeWaiters() {
        if (waiters.isEmpty()) {
            return List.of();
        }
        List<Runnable> wake = new ArrayList<>(waiters);
        waiters.clear();
        return wake;
    }
}
