package dev.regbench.engine.pool;

import dev.regbench.engine.config.SelftestRegressions;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * A hand-written tiered byte-buffer pool, the subject of claims C8 and C21.
 *
 * <p>Each tier holds buffers of exactly one size in a fixed array of {@code maxPerTier} slots.
 * {@link #acquire} picks the smallest tier that fits and takes any non-empty slot with one CAS
 * (slot → null); {@link #release} puts the buffer into any empty slot of the tier of exactly its
 * length with one CAS (null → buffer). Each thread starts its scan at a slot derived from its
 * id, so a thread that acquires and releases in turn hits the same slot every time (one CAS
 * each way) and threads rarely contend for a slot. There is no node to allocate and no lock:
 * steady state allocates nothing. Everything is bounded: a tier never holds more than
 * {@code maxPerTier} buffers; a release into a full tier, or of an array whose length is no tier
 * size, is dropped (counted) and left to the garbage collector. Requests above the largest tier
 * are allocated at their exact size and counted as misses.
 *
 * <p>Trade-off: with an empty tier an acquire scans all slots before allocating, and with a full
 * tier a release scans all slots before dropping; both are the slow path anyway (an allocation
 * or a drop), and {@code maxPerTier} is small (tens).
 *
 * <p>Thread-safe and lock-free. The fast path is two CASes per acquire/release pair plus one
 * {@link LongAdder} increment (hits); misses and drops are counted on their slow paths, and
 * releases are derived (see {@link #stats()}).
 */
public final class TieredBufferPool implements BufferPool {

    private final int[] sizes;
    private final AtomicReferenceArray<byte[]>[] tiers;
    private final int slotsPerTier;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    /** Buffers put into slots by {@link #prewarmed}, not by a release. */
    private long prewarmedCount;

    /**
     * @param tierSizes  distinct positive buffer sizes, any order
     * @param maxPerTier buffers kept per tier at most ({@code 0} keeps nothing: always misses)
     */
    @SuppressWarnings("unchecked")
    public TieredBufferPool(int[] tierSizes, int maxPerTier) {
        if (tierSizes.length == 0) {
            throw new IllegalArgumentException("at least one tier size is required");
        }
        if (maxPerTier < 0) {
            throw new IllegalArgumentException("maxPerTier must not be negative, was " + maxPerTier);
        }
        this.sizes = tierSizes.clone();
        Arrays.sort(sizes);
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] <= 0 || (i > 0 && sizes[i] == sizes[i - 1])) {
                throw new IllegalArgumentException("tier sizes must be positive and distinct: "
                        + Arrays.toString(tierSizes));
            }
        }
        this.slotsPerTier = maxPerTier;
        this.tiers = new AtomicReferenceArray[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            tiers[i] = new AtomicReferenceArray<>(maxPerTier);
        }
    }

    /** Tiers of the given sizes with {@code maxPerTier} buffers each, the first {@code prewarm} allocated now. */
    public static TieredBufferPool prewarmed(int[] tierSizes, int maxPerTier, int prewarm) {
        TieredBufferPool pool = new TieredBufferPool(tierSizes, maxPerTier);
        for (int t = 0; t < pool.sizes.length; t++) {
            for (int i = 0; i < Math.min(prewarm, maxPerTier); i++) {
                pool.tiers[t].set(i, new byte[pool.sizes[t]]);
                pool.prewarmedCount++;
            }
        }
        return pool;
    }

    @Override
    public byte[] acquire(int minSize) {
        if (minSize < 0) {
            throw new IllegalArgumentException("minSize must not be negative, was " + minSize);
        }
        if (SelftestRegressions.EXTRA_BUFFER_BYTES) {
            SelftestRegressions.waste(64);
        }
        int t = tierFor(minSize);
        if (t < 0) {
            misses.increment();
            return new byte[minSize];
        }
        AtomicReferenceArray<byte[]> slots = tiers[t];
        int n = slotsPerTier;
        int start = startSlot(n);
        for (int i = 0; i < n; i++) {
            int s = start + i;
            if (s >= n) {
                s -= n;
            }
            byte[] b = slots.get(s);
            if (b != null && slots.compareAndSet(s, b, null)) {
                hits.increment();
                return b;
            }
        }
        misses.increment();
        return new byte[sizes[t]];
    }

    @Override
    public void release(byte[] buffer) {
        Objects.requireNonNull(buffer, "buffer");
        int t = Arrays.binarySearch(sizes, buffer.length);
        if (t < 0) {
            dropped.increment(); // not a tier size: e.g. an oversize request's exact array
            return;
        }
        AtomicReferenceArray<byte[]> slots = tiers[t];
        int n = slotsPerTier;
        int start = startSlot(n);
        for (int i = 0; i < n; i++) {
            int s = start + i;
            if (s >= n) {
                s -= n;
            }
            if (slots.get(s) == null && slots.compareAndSet(s, null, buffer)) {
                return;
            }
        }
        dropped.increment(); // tier full
    }

    /**
     * The counters. Releases are not counted on the fast path (one atomic fewer per release):
     * every buffer a release kept is either still idle in a slot or was taken by a hit since, so
     * {@code releases = hits + idle - prewarmed + dropped}. Exact when no call is in flight; while
     * calls run, a snapshot may be off by the calls in flight.
     */
    @Override
    public PoolStats stats() {
        long d = dropped.sum();
        long h = hits.sum();
        long idle = 0;
        for (int t = 0; t < sizes.length; t++) {
            idle += idle(sizes[t]);
        }
        return new PoolStats(h, misses.sum(), Math.max(0, h + idle - prewarmedCount) + d, d);
    }

    /** Buffers currently kept in the tier of exactly {@code size} bytes (0 for a foreign size). */
    public int idle(int size) {
        int t = Arrays.binarySearch(sizes, size);
        if (t < 0) {
            return 0;
        }
        int count = 0;
        for (int i = 0; i < slotsPerTier; i++) {
            if (tiers[t].get(i) != null) {
                count++;
            }
        }
        return count;
    }

    /** The tier sizes, ascending. */
    public int[] tierSizes() {
        return sizes.clone();
    }

    private int tierFor(int minSize) {
        int[] s = sizes;
        for (int i = 0; i < s.length; i++) {
            if (s[i] >= minSize) {
                return i;
            }
        }
        return -1;
    }

    private static int startSlot(int n) {
        // Fibonacci hashing of the thread id spreads threads over the slots; the multiply-shift
        // maps the top 32 hash bits onto [0, n) without a division.
        long h = Thread.currentThread().getId() * 0x9E3779B97F4A7C15L;
        return (int) (((h >>> 32) * n) >>> 32);
    }

    @Override
    public String toString() {
        return "TieredBufferPool" + Arrays.toString(sizes) + "x" + slotsPerTier;
    }
}
