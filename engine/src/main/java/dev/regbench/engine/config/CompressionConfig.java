package dev.regbench.engine.config;

import static dev.regbench.engine.config.Checks.between;
import static dev.regbench.engine.config.Checks.present;

/**
 * Transfer compression (claim C3). Immutable. Defaults ({@link #DEFAULT}):
 * <ul>
 *   <li>{@code codec: NONE} — image layers are already gzip or zstd; compressing them again
 *       costs CPU and saves next to nothing. GZIP and ZSTD exist to measure exactly that.</li>
 *   <li>{@code level: 6} — gzip's own default, the usual speed/ratio balance (valid: 1–9 for
 *       gzip, 1–22 for zstd).</li>
 * </ul>
 */
public record CompressionConfig(Codec codec, int level) {

    /** Compression codec applied to blob bodies on the wire. */
    public enum Codec { NONE, GZIP, ZSTD }

    public static final CompressionConfig DEFAULT = new CompressionConfig(Codec.NONE, 6);

    public CompressionConfig {
        present(codec, "compression.codec");
        between(level, 1, codec == Codec.GZIP ? 9 : 22, "compression.level");
    }
}
