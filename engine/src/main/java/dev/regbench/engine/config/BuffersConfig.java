package dev.regbench.engine.config;

import static dev.regbench.engine.config.Checks.atLeast;
import static dev.regbench.engine.config.Checks.present;
import static dev.regbench.engine.config.Checks.sizeAtLeast;

import java.util.ArrayList;
import java.util.List;

/**
 * Copy buffers: pooled or freshly allocated, and their sizes. Immutable. Defaults
 * ({@link #DEFAULT}):
 * <ul>
 *   <li>{@code pooled: true} — buffers come from a {@code TieredBufferPool} (claims C8, C21).</li>
 *   <li>{@code tiers: [8KiB, 32KiB, 64KiB, 1MiB]} — seed 001's 8 KiB (log) and 32 KiB (tar)
 *       buffers, the 64 KiB copy buffer, and 1 MiB for chunked uploads; a request is served by
 *       the smallest tier that fits.</li>
 *   <li>{@code maxPerTier: 64} — buffers kept per tier; above the number of concurrent copies
 *       (5 tags × 8 blobs), so steady state never allocates, while bounding the pool's memory to
 *       64 × (8+32+64+1024) KiB ≈ 70 MiB in the worst case.</li>
 *   <li>{@code copyBufferSize: 64KiB} — the buffer a blob streams through: seed 000's 64 KB
 *       socket buffers; larger buffers do not make a socket faster (claim C4).</li>
 * </ul>
 */
public record BuffersConfig(boolean pooled, List<Size> tiers, int maxPerTier, Size copyBufferSize) {

    public static final BuffersConfig DEFAULT = new BuffersConfig(
            true, List.of(Size.ofKiB(8), Size.ofKiB(32), Size.ofKiB(64), Size.ofMiB(1)), 64, Size.ofKiB(64));

    public BuffersConfig {
        present(tiers, "buffers.tiers");
        if (tiers.isEmpty()) {
            throw new IllegalArgumentException("buffers.tiers: at least one tier is required");
        }
        List<Size> sorted = new ArrayList<>();
        for (Size t : tiers) {
            sizeAtLeast(t, 1, "buffers.tiers");
            if (t.bytes() > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("buffers.tiers: a tier must be below 2GiB, was " + t);
            }
            if (sorted.contains(t)) {
                throw new IllegalArgumentException("buffers.tiers: duplicate tier " + t);
            }
            sorted.add(t);
        }
        sorted.sort(null);
        tiers = List.copyOf(sorted);
        atLeast(maxPerTier, 0, "buffers.maxPerTier");
        sizeAtLeast(copyBufferSize, 1, "buffers.copyBufferSize");
        if (copyBufferSize.bytes() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("buffers.copyBufferSize: must be below 2GiB, was " + copyBufferSize);
        }
    }
}
