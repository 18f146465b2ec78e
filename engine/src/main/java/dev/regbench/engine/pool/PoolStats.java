package dev.regbench.engine.pool;

/**
 * Counters of a {@link BufferPool} at one moment. Immutable.
 *
 * @param hits     acquires served from the pool
 * @param misses   acquires that allocated a new array (pool empty, or size above every tier)
 * @param releases buffers handed back
 * @param dropped  released buffers the pool did not keep (foreign size, or the tier was full)
 */
public record PoolStats(long hits, long misses, long releases, long dropped) {

    /** Hits / acquires, 0 when nothing was acquired. */
    public double hitRate() {
        long acquires = hits + misses;
        return acquires == 0 ? 0.0 : (double) hits / acquires;
    }
}
