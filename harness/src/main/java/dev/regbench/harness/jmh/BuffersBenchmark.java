package dev.regbench.harness.jmh;

import dev.regbench.engine.pool.TieredBufferPool;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.concurrent.ArrayBlockingQueue;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Question (claims C8, C21): what does getting and giving back a copy buffer cost, in time and in
 * bytes allocated, with the engine's {@link TieredBufferPool} against a fresh {@code new byte[]},
 * a {@code ThreadLocal} buffer, an {@link ArrayBlockingQueue}-based pool (the obvious
 * alternative design) and Netty's {@link PooledByteBufAllocator} (the well-kept library)?
 *
 * <p>Expected: the pool and the ThreadLocal allocate 0 B/op in steady state (C8's "−40%"
 * becomes −100%); {@code new byte[]} allocates the size plus a 16-byte header and pays for
 * zeroing it, so it grows with the size (~µs at 64 KiB) while the pool stays flat at tens of ns
 * (C21 claims 80 ns; our goal is ≤ 20 ns). The queue pool costs more than ours (a lock per
 * offer/poll). Netty's pooled allocator (heap buffers, thread-local caches) pays for generality:
 * a ByteBuf object, reference counting and arena bookkeeping per buffer; measured here (quick
 * set, Netty 4.2.14): 150-350 ns and ~108 B/op, against ~20 ns and 0 B/op for ours.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Thread)
public class BuffersBenchmark {

    @Param({"8192", "32768", "65536"})
    public int size;

    private TieredBufferPool pool;
    private ArrayBlockingQueue<byte[]> queue;
    private ThreadLocal<byte[]> local;
    private PooledByteBufAllocator netty;

    @Setup
    public void setUp() {
        pool = TieredBufferPool.prewarmed(new int[] {8192, 32768, 65536, 1 << 20}, 64, 4);
        queue = new ArrayBlockingQueue<>(64);
        for (int i = 0; i < 4; i++) {
            queue.offer(new byte[size]);
        }
        int n = size;
        local = ThreadLocal.withInitial(() -> new byte[n]);
        netty = PooledByteBufAllocator.DEFAULT;
    }

    /** Baseline: what the BEFORE code does, a new zeroed array per use. */
    @Benchmark
    public void newByteArray(Blackhole bh) {
        byte[] b = new byte[size];
        bh.consume(b);
    }

    /** The engine's pool: acquire then release, 100% hits. */
    @Benchmark
    public void pooledGetPut(Blackhole bh) {
        byte[] b = pool.acquire(size);
        bh.consume(b);
        pool.release(b);
    }

    /** One buffer per thread: no sharing, no counters, but one buffer per thread forever. */
    @Benchmark
    public void threadLocal(Blackhole bh) {
        byte[] b = local.get();
        if (b.length < size) {
            b = new byte[size];
            local.set(b);
        }
        bh.consume(b);
    }

    /** A pool on a bounded blocking queue: a lock per poll and per offer. */
    @Benchmark
    public void queuePoolGetPut(Blackhole bh) {
        byte[] b = queue.poll();
        if (b == null) {
            b = new byte[size];
        }
        bh.consume(b);
        queue.offer(b);
    }

    /** Netty's pooled allocator: a heap buffer of the size, then release (reference count to 0). */
    @Benchmark
    public void nettyPooled(Blackhole bh) {
        ByteBuf b = netty.heapBuffer(size, size);
        bh.consume(b);
        b.release();
    }
}
