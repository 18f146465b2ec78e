package dev.regbench.engine.config;

import static dev.regbench.engine.config.Durations.requireNonNegative;

import java.time.Duration;

/**
 * Whole-operation deadlines (claim C13); {@code 0} means no deadline. Immutable. Defaults
 * ({@link #DEFAULT}), after seed 001's per-operation timeouts:
 * <ul>
 *   <li>{@code manifest: 30s} — manifests are kilobytes; 30 s means the registry is stuck.</li>
 *   <li>{@code blob: 5m} — seed 001's pull timeout: one blob download, start to end (a 1 GiB
 *       layer at 4 MiB/s fits).</li>
 *   <li>{@code upload: 10m} — seed 001's push timeout: one blob upload, all chunks.</li>
 *   <li>{@code run: 0} — a whole replication has no deadline; cancel it instead.</li>
 * </ul>
 */
public record TimeoutsConfig(
        @ConfigDuration Duration manifest,
        @ConfigDuration Duration blob,
        @ConfigDuration Duration upload,
        @ConfigDuration Duration run) {

    public static final TimeoutsConfig DEFAULT = new TimeoutsConfig(
            Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ZERO);

    public TimeoutsConfig {
        requireNonNegative(manifest, "timeouts.manifest");
        requireNonNegative(blob, "timeouts.blob");
        requireNonNegative(upload, "timeouts.upload");
        requireNonNegative(run, "timeouts.run");
    }
}
