package dev.regbench.harness.run;

import dev.regbench.engine.config.TuningConfig;
import java.nio.file.Path;

/**
 * One tuning config under one network profile: the unit the runner repeats and the results name
 * ({@code optimized}, or {@code optimized@wan} when a scenario has several networks).
 */
record Variant(String name, TuningConfig config, Path configFile, String network) {
}
