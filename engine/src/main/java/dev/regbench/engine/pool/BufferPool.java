package dev.regbench.engine.pool;

import dev.regbench.engine.config.BuffersConfig;
import dev.regbench.engine.config.Size;

/**
 * Where the engine gets its byte buffers for copying blobs. Implementations are thread-safe.
 *
 * <p>Contract: {@link #acquire} returns an array of at least {@code minSize} bytes (possibly
 * longer, with old contents); the caller owns it until it passes it to {@link #release}
 * exactly once and then stops touching it. Releasing a buffer twice, or using it after release,
 * hands the same array to two callers.
 */
public interface BufferPool {

    /** A buffer of at least {@code minSize} bytes ({@code minSize >= 0}). */
    byte[] acquire(int minSize);

    /** Gives a buffer back; the pool keeps it or drops it for the garbage collector. */
    void release(byte[] buffer);

    PoolStats stats();

    /** The pool a config asks for: tiered when {@code buffers.pooled}, else unpooled. */
    static BufferPool from(BuffersConfig config) {
        if (!config.pooled()) {
            return new UnpooledBufferPool();
        }
        int[] tiers = config.tiers().stream().mapToInt(Size::intBytes).toArray();
        return new TieredBufferPool(tiers, config.maxPerTier());
    }
}
