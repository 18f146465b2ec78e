package dev.regbench.harness.jmh;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Question (claim C12, "async batched log aggregation (batch 50, 16 ms) doubles log
 * throughput"): how many log lines per millisecond can one producer hand off when each line is
 * written and flushed synchronously, against {@link BatchingLogAggregator} (batch 50, 16 ms)?
 *
 * <p>Two sinks: {@code devnull} (a file: one {@code write} syscall per flush, the cost batching
 * amortises) and {@code memory} (a null stream: writes cost nothing). Throughput mode, so higher is
 * better. The batched score is bounded by its writer thread once the queue is full (back-pressure),
 * so it is an end-to-end rate, not just the enqueue. Expected: with a syscall per line, batching
 * wins by several times (C12 confirmed); with a free sink, the queue hand-off costs more than the
 * write it saves and batching loses (C12 depends on what a write costs).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Thread)
public class LogsBenchmark {

    @Param({"devnull", "memory"})
    public String sink;

    private OutputStream syncSink;
    private BatchingLogAggregator aggregator;
    private String line;
    private long n;

    @Setup
    public void setUp() throws IOException {
        syncSink = open(sink);
        aggregator = new BatchingLogAggregator(open(sink), 50, Duration.ofMillis(16), 1000);
        line = "[job-42] step 3/7: pulled layer sha256:6c3c624b58dbbcd3c0dd82b4c53f04194d1247c6eebdaab7c610cf7d66709b3b";
    }

    @TearDown
    public void tearDown() throws Exception {
        aggregator.close();
        syncSink.close();
    }

    private static OutputStream open(String kind) throws IOException {
        Path devNull = Path.of("/dev/null");
        if (kind.equals("devnull") && Files.isWritable(devNull)) {
            return new FileOutputStream(devNull.toFile());
        }
        return OutputStream.nullOutputStream();
    }

    /** Baseline: format, write and flush each line on the caller's thread. */
    @Benchmark
    public void synchronous() throws IOException {
        byte[] bytes = (line + " #" + (n++) + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (this) {
            syncSink.write(bytes);
            syncSink.flush();
        }
    }

    /** Hand the line to the batching aggregator. */
    @Benchmark
    public void batched() throws InterruptedException {
        aggregator.log(line + " #" + (n++));
    }
}
