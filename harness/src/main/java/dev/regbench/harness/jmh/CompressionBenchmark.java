package dev.regbench.harness.jmh;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Question (claim C3, "streaming gzip/zlib compression gives 70%+ bandwidth efficiency"): how
 * many bytes does gzip take off a 4 MiB layer body streamed through
 * {@link GZIPOutputStream} (levels 1 and 6), and at what CPU cost, for (a) a real layer blob as
 * registries store it — already gzip'd ({@code input=gzipLayer}, from a fake-registry dataset)
 * — and (b) compressible bytes ({@code input=text}, JSON-lines-like text)?
 *
 * <p>One invocation streams the 4 MiB body in 64 KiB writes into a counting sink (the "wire").
 * {@code identity} is the baseline (sent as it is, the BEFORE state: wire bytes = body bytes);
 * {@code gzip} compresses on the way. The score is throughput in MiB/s of input (ops/s with one
 * op = 1 MiB, {@code @OperationsPerInvocation(4)}; so {@code gc.alloc.rate.norm} is bytes per
 * MiB). Two auxiliary counters ({@code @AuxCounters}, events) carry the bytes:
 * {@code wireBytes}, what the last invocation put on the wire, and {@code bodyBytes}, what it
 * read; each is SET per invocation, not added up, so both stay per-invocation figures however
 * many invocations an iteration holds (JMH sums event counters over iterations, so the JSON
 * shows them multiplied by the iteration count: compare them only with each other, e.g.
 * {@code gzip.wireBytes / identity.wireBytes} — the claims ledger does exactly that).
 *
 * <p>Expected: an already-gzip'd layer does not shrink (wire/body ≥ 0.99: deflate output, like
 * the random data in the fake's stored blocks, has no redundancy left; gzip adds its framing)
 * while costing tens of MiB/s of CPU at level 6 — C3 refuted for registry layers, which are
 * compressed once at build time. Text shrinks to ~20-35% (level 6) — 65-80% saved: C3 holds
 * only for uncompressed content (manifests, configs, logs), which is a small share of registry
 * bytes. Level 1 is several times faster than 6 for a few points less saving.
 *
 * <p>States: input per benchmark (read-only), counters and sink per thread; JMH runs one thread.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
// 7 iterations of the one fork: the least n whose ratio of two medians is a 95% interval (claims ledger)
@Measurement(iterations = 7, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
@OperationsPerInvocation(CompressionBenchmark.BODY_MIB)
public class CompressionBenchmark {

    /** Body size in MiB: one JMH operation is one MiB of input. */
    static final int BODY_MIB = 4;

    /** Write size into the stream, as a 64 KiB copy buffer hands it over. */
    static final int CHUNK = 64 * 1024;

    /** Baseline: the body goes on the wire as it is. */
    @Benchmark
    public long identity(CompressionInput in, WireCounters wire) throws IOException {
        wire.sink.reset();
        stream(in.body, wire.sink);
        return wire.record(in.body.length);
    }

    /** The body gzip'd on the way, at {@code level}. */
    @Benchmark
    public long gzip(CompressionInput in, GzipLevel gz, WireCounters wire) throws IOException {
        wire.sink.reset();
        try (GZIPOutputStream out = gz.open(wire.sink)) {
            stream(in.body, out);
        }
        return wire.record(in.body.length);
    }

    private static void stream(byte[] body, OutputStream out) throws IOException {
        for (int off = 0; off < body.length; off += CHUNK) {
            out.write(body, off, Math.min(CHUNK, body.length - off));
        }
    }

    /** The gzip level; used by {@code gzip} only. */
    @State(Scope.Thread)
    public static class GzipLevel {
        @Param({"1", "6"})
        public int level;

        /** A gzip stream at {@link #level} with a 64 KiB deflate buffer; closing it ends its deflater. */
        GZIPOutputStream open(OutputStream sink) throws IOException {
            return new LeveledGzip(sink, level);
        }
    }

    /** {@link GZIPOutputStream} with a chosen level (Go's {@code gzip.NewWriterLevel}). */
    static final class LeveledGzip extends GZIPOutputStream {
        LeveledGzip(OutputStream out, int level) throws IOException {
            super(out, CHUNK);
            def.setLevel(level);
        }
    }

    /**
     * Bytes of the last invocation (see the class comment for why they are set, not added).
     * JMH reads the public fields as secondary metrics.
     */
    @AuxCounters(AuxCounters.Type.EVENTS)
    @State(Scope.Thread)
    public static class WireCounters {
        /** Bytes the last invocation put on the wire. */
        public long wireBytes;
        /** Bytes of body the last invocation read. */
        public long bodyBytes;

        final CountingSink sink = new CountingSink();

        long record(long body) {
            wireBytes = sink.count;
            bodyBytes = body;
            return sink.count;
        }
    }
}
