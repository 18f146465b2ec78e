package dev.regbench.harness.jmh;

import java.io.OutputStream;

/**
 * The "wire" of the JMH suites: counts what is written and copies it into a 256 KiB ring, as a
 * socket write copies into the kernel's send buffer (so writing costs a memory copy, not nothing).
 * {@link #last} folds in the last byte of every array write so the copy cannot be eliminated.
 * Shared by {@link CopyBenchmark} and {@link CompressionBenchmark}.
 *
 * <p>Not thread-safe: one sink per JMH thread state.
 */
final class CountingSink extends OutputStream {
    private final byte[] ring = new byte[256 * 1024];
    private int pos;
    /** Bytes written since the last {@link #reset}. */
    long count;
    /** XOR of the last byte of each array write (a data dependency for the benchmark's result). */
    int last;

    /** Starts counting from zero; the ring's content and {@link #last} are kept. */
    void reset() {
        count = 0;
    }

    @Override
    public void write(int b) {
        ring[pos] = (byte) b;
        pos = (pos + 1) % ring.length;
        count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        int done = 0;
        while (done < len) {
            int n = Math.min(len - done, ring.length - pos);
            System.arraycopy(b, off + done, ring, pos, n);
            done += n;
            pos = (pos + n) % ring.length;
        }
        count += len;
        last ^= ring[(pos + ring.length - 1) % ring.length];
    }
}
