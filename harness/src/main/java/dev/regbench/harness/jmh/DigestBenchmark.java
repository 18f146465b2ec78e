package dev.regbench.harness.jmh;

import dev.regbench.engine.config.Size;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
 * Question: how fast can one core SHA-256 a blob streamed through 64 KiB buffers — the ceiling
 * on a digest-verified copy per thread (blob size / score = MiB/s)?
 *
 * <p>Expected: a few hundred MiB/s per core with the JDK's SHA-256 intrinsics (more with SHA-NI
 * hardware), far below memory bandwidth ({@code copyOnly}, the baseline, moves the same bytes
 * without hashing), so a verified copy on loopback is CPU-bound by hashing, and
 * {@code blobConcurrency} helps on loopback only up to the number of cores.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Thread)
public class DigestBenchmark {

    private static final int CHUNK = 64 * 1024;

    @Param({"8MiB"})
    public String blobSize;

    private byte[] source;
    private byte[] buffer;
    private MessageDigest sha256;
    private long blob;

    @Setup
    public void setUp() throws NoSuchAlgorithmException {
        blob = Size.parse(blobSize).bytes();
        source = new byte[1 << 20];
        for (int i = 0; i < source.length; i++) {
            source[i] = (byte) (i * 131 + 17);
        }
        buffer = new byte[CHUNK];
        sha256 = MessageDigest.getInstance("SHA-256");
    }

    /** Baseline: the same chunked copy without hashing. */
    @Benchmark
    public int copyOnly() {
        int x = 0;
        for (long done = 0; done < blob; done += CHUNK) {
            System.arraycopy(source, (int) (done % source.length), buffer, 0, CHUNK);
            x ^= buffer[CHUNK - 1];
        }
        return x;
    }

    /** Copy each chunk into the buffer and hash it, as a verifying copy does. */
    @Benchmark
    public byte[] sha256() {
        sha256.reset();
        for (long done = 0; done < blob; done += CHUNK) {
            System.arraycopy(source, (int) (done % source.length), buffer, 0, CHUNK);
            sha256.update(buffer, 0, CHUNK);
        }
        return sha256.digest();
    }
}
