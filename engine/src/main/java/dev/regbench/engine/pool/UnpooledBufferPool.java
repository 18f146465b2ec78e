package dev.regbench.engine.pool;

import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * The BEFORE of claims C8/C21: every acquire allocates a new array of exactly the size asked,
 * every release drops it. Counts like a pool that always misses. Thread-safe.
 */
public final class UnpooledBufferPool implements BufferPool {

    private final LongAdder acquires = new LongAdder();
    private final LongAdder releases = new LongAdder();

    @Override
    public byte[] acquire(int minSize) {
        if (minSize < 0) {
            throw new IllegalArgumentException("minSize must not be negative, was " + minSize);
        }
        acquires.increment();
        return new byte[minSize];
    }

    @Override
    public void release(byte[] buffer) {
        Objects.requireNonNull(buffer, "buffer");
        releases.increment();
    }

    @Override
    public PoolStats stats() {
        long r = releases.sum();
        return new PoolStats(0, acquires.sum(), r, r);
    }

    @Override
    public String toString() {
        return "UnpooledBufferPool";
    }
}
