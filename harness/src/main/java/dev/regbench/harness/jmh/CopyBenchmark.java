package dev.regbench.harness.jmh;

import dev.regbench.engine.config.Size;
import dev.regbench.engine.pool.TieredBufferPool;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Question (claim C4, "50 MB buffer chunks cut memory and GC"): copying one blob stream to
 * another, how do time and bytes allocated depend on the copy buffer's size, when the buffer is
 * allocated per copy (as the seed does) and when it comes from a pool?
 *
 * <p>The blob is 8 MiB (the {@code standard} dataset's base layer), produced and consumed in
 * memory, so only the copy loop is measured; the source hands over as much as each read asks
 * for (the best case for big buffers: a socket hands over far less per read). Expected: time is
 * flat from 64 KiB up (memory bandwidth bound; 4 KiB pays more loop and call overhead), and
 * bytes/op equal the buffer size for {@code copy}: a 50 MiB buffer allocates 50 MiB to copy an
 * 8 MiB blob, ~800× the 64 KiB buffer — C4 refuted. {@code copyPooled} allocates nothing.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xmx512m"})
@State(Scope.Thread)
public class CopyBenchmark {

    @Param({"4KiB", "64KiB", "1MiB", "50MiB"})
    public String bufferSize;

    @Param({"8MiB"})
    public String blobSize;

    private int buffer;
    private long blob;
    private byte[] pattern;
    private TieredBufferPool pool;
    private PatternStream source;
    private CountingSink sink;

    @Setup
    public void setUp() {
        buffer = Size.parse(bufferSize).intBytes();
        blob = Size.parse(blobSize).bytes();
        pattern = new byte[1 << 20];
        for (int i = 0; i < pattern.length; i++) {
            pattern[i] = (byte) (i * 31 + 7);
        }
        pool = TieredBufferPool.prewarmed(new int[] {buffer}, 2, 1);
        source = new PatternStream(pattern, blob);
        sink = new CountingSink(); // reused: its 256 KiB ring is not part of any copy's bytes/op
    }

    /** Baseline (the seed's way): a new buffer of {@code bufferSize} for every blob. */
    @Benchmark
    public long copy() throws IOException {
        byte[] buf = new byte[buffer];
        source.rewind(blob);
        return copy(source, sink, buf);
    }

    /** The engine's way: the buffer comes from the pool and goes back. */
    @Benchmark
    public long copyPooled() throws IOException {
        byte[] buf = pool.acquire(buffer);
        try {
            source.rewind(blob);
            return copy(source, sink, buf);
        } finally {
            pool.release(buf);
        }
    }

    static long copy(InputStream in, CountingSink out, byte[] buf) throws IOException {
        out.count = 0;
        int n;
        while ((n = in.read(buf, 0, buf.length)) > 0) {
            out.write(buf, 0, n);
        }
        return out.count + out.last;
    }

    /** A blob of {@code length} bytes repeating {@code pattern}, without holding it in memory. */
    static final class PatternStream extends InputStream {
        private final byte[] pattern;
        private long remaining;
        private int pos;

        PatternStream(byte[] pattern, long length) {
            this.pattern = pattern;
            this.remaining = length;
        }

        void rewind(long length) {
            remaining = length;
            pos = 0;
        }

        @Override
        public int read() {
            if (remaining == 0) {
                return -1;
            }
            remaining--;
            int b = pattern[pos] & 0xff;
            pos = (pos + 1) % pattern.length;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (remaining == 0) {
                return -1;
            }
            int want = (int) Math.min(len, remaining);
            int done = 0;
            while (done < want) {
                int n = Math.min(want - done, pattern.length - pos);
                System.arraycopy(pattern, pos, b, off + done, n);
                done += n;
                pos = (pos + n) % pattern.length;
            }
            remaining -= want;
            return want;
        }
    }
}
