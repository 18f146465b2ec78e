package dev.regbench.harness.jmh;

import dev.regbench.engine.pool.BoundedExecutors;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
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
 * Question (claim C10, "a worker pool gives 2.5x throughput"): how long does a fixed batch of
 * 32 tasks take sequentially, on a bounded pool of 8 threads ({@link BoundedExecutors}) and with a
 * new thread per task, when the tasks are I/O-bound (2 ms wait, a simulated registry request)
 * or CPU-bound (hashing 256 KiB)?
 *
 * <p>Expected: I/O-bound, the pool is ~8× faster than sequential (it overlaps waits; bounded by
 * its thread count, not by the 2.5× claimed) and thread-per-task ~32× but unbounded;
 * CPU-bound, nothing beats the number of cores (≤ 2× here). C10 depends on the work.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
// 7 iterations of the one fork: the least n whose ratio of two medians is a 95% interval (claims ledger)
@Measurement(iterations = 7, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class ConcurrencyBenchmark {

    private static final int TASKS = 32;

    @Param({"io", "cpu"})
    public String work;

    @Param({"8"})
    public int poolThreads;

    private ExecutorService pool;
    private byte[] data;

    @Setup
    public void setUp() {
        pool = BoundedExecutors.fixed("bench-pool", poolThreads, TASKS);
        data = new byte[256 * 1024];
    }

    @TearDown
    public void tearDown() {
        BoundedExecutors.shutdownAndAwait(pool, Duration.ofSeconds(10));
    }

    private long task() throws Exception {
        if (work.equals("io")) {
            Thread.sleep(2);
            return 2;
        }
        return sha(data);
    }

    private static long sha(byte[] data) throws NoSuchAlgorithmException {
        byte[] d = MessageDigest.getInstance("SHA-256").digest(data);
        return d[0];
    }

    /** Baseline: one task after the other. */
    @Benchmark
    public long sequential() throws Exception {
        long sum = 0;
        for (int i = 0; i < TASKS; i++) {
            sum += task();
        }
        return sum;
    }

    @Benchmark
    public long boundedPool() throws InterruptedException, ExecutionException {
        List<Callable<Long>> tasks = new ArrayList<>(TASKS);
        for (int i = 0; i < TASKS; i++) {
            tasks.add(this::task);
        }
        long sum = 0;
        for (Future<Long> f : pool.invokeAll(tasks)) {
            sum += f.get();
        }
        return sum;
    }

    @Benchmark
    public long threadPerTask() throws InterruptedException {
        long[] results = new long[TASKS];
        Thread[] threads = new Thread[TASKS];
        for (int i = 0; i < TASKS; i++) {
            int slot = i;
            threads[i] = new Thread(() -> {
                try {
                    results[slot] = task();
                } catch (Exception e) {
                    results[slot] = -1;
                }
            });
            threads[i].start();
        }
        long sum = 0;
        for (int i = 0; i < TASKS; i++) {
            threads[i].join();
            sum += results[i];
        }
        return sum;
    }
}
