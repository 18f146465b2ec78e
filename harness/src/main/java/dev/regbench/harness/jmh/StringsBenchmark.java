package dev.regbench.harness.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Question (claim C7, "pooled string builders cut string allocations 60%"): building the
 * engine's request path and log line, how many bytes does each way allocate and how long does
 * it take: {@code +} concatenation, a new {@code StringBuilder}, a pre-sized one, and a pooled
 * (per-thread, reused) builder as seed 001 proposes.
 *
 * <p>Expected: since JDK 9 {@code +} compiles to {@code StringConcatFactory}, which sizes the
 * result exactly and allocates only the result String, so it is the cheapest; a default
 * {@code StringBuilder} grows (copies) and then copies once more into the String; a pooled
 * builder saves the builder's own array but still allocates the result, so it can at best match
 * concatenation. C7's 60% is expected to be refuted against {@code +}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Thread)
public class StringsBenchmark {

    private static final ThreadLocal<StringBuilder> POOL = ThreadLocal.withInitial(() -> new StringBuilder(1024));

    private String repository;
    private String digest;
    private int attempt;

    @Setup
    public void setUp() {
        repository = "team/app";
        digest = "sha256:6c3c624b58dbbcd3c0dd82b4c53f04194d1247c6eebdaab7c610cf7d66709b3b";
        attempt = 2;
    }

    /** Baseline: {@code +} (invokedynamic string concatenation). */
    @Benchmark
    public String concat() {
        return "/v2/" + repository + "/blobs/" + digest + "?attempt=" + attempt;
    }

    @Benchmark
    public String stringBuilder() {
        return new StringBuilder().append("/v2/").append(repository).append("/blobs/").append(digest)
                .append("?attempt=").append(attempt).toString();
    }

    @Benchmark
    public String presizedBuilder() {
        return new StringBuilder(128).append("/v2/").append(repository).append("/blobs/").append(digest)
                .append("?attempt=").append(attempt).toString();
    }

    /** Seed 001's pooled builder: one reused builder per thread. */
    @Benchmark
    public String pooledBuilder() {
        StringBuilder sb = POOL.get();
        sb.setLength(0);
        return sb.append("/v2/").append(repository).append("/blobs/").append(digest)
                .append("?attempt=").append(attempt).toString();
    }
}
