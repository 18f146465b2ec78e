package dev.regbench.simulations;

import dev.regbench.engine.shard.Shard;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Load sizes, durations and the target of a simulation, read from system properties
 * ({@code -Dregbench.<simulation>.<key>=…} on the Maven command line reaches Gatling's forked JVM).
 *
 * <p>Each setting has two defaults: a quick one (the {@code -Pbench} pass, the default) and a
 * full one, chosen by {@code regbench.scale} ({@code quick} | {@code full}). An explicit property
 * always wins. A bad value is an {@link IllegalArgumentException} naming the property.
 *
 * <p>Common properties: {@code regbench.target} (URL of a real registry; empty = embedded fake
 * registry), {@code regbench.dataset}, {@code regbench.network}, {@code regbench.faults} (for the
 * embedded registry), {@code regbench.out} (results root, default {@code target/regbench}).
 *
 * <p>Immutable and thread-safe.
 */
final class SimProperties {

    /** The prefix of every property of one simulation, e.g. {@code regbench.pull.}. */
    private final String prefix;
    private final boolean full;

    private SimProperties(String prefix, boolean full) {
        this.prefix = prefix;
        this.full = full;
    }

    /** Properties of the simulation whose keys start with {@code regbench.<simulation>.}. */
    static SimProperties of(String simulation) {
        String scale = System.getProperty("regbench.scale", "quick").trim().toLowerCase(Locale.ROOT);
        if (!scale.equals("quick") && !scale.equals("full")) {
            throw new IllegalArgumentException("regbench.scale must be 'quick' or 'full', was '" + scale + "'");
        }
        return new SimProperties("regbench." + simulation + ".", scale.equals("full"));
    }

    /** {@code quick} or {@code full}. */
    String scale() {
        return full ? "full" : "quick";
    }

    /** The simulation's integer {@code key}: the property, else the quick or full default. */
    int integer(String key, int quick, int fullDefault) {
        String name = prefix + key;
        String raw = System.getProperty(name);
        if (raw == null || raw.isBlank()) {
            return full ? fullDefault : quick;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value < 0) {
                throw new IllegalArgumentException("-D" + name + " must be >= 0, was " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + name + " must be an integer, was '" + raw + "'", e);
        }
    }

    /** The simulation's duration {@code key} in whole seconds. */
    Duration seconds(String key, int quick, int fullDefault) {
        return Duration.ofSeconds(integer(key, quick, fullDefault));
    }

    /** The simulation's comma-separated list of positive integers {@code key}. */
    List<Integer> integers(String key, String quick, String fullDefault) {
        String name = prefix + key;
        String raw = System.getProperty(name);
        String text = raw == null || raw.isBlank() ? (full ? fullDefault : quick) : raw;
        List<Integer> values = new ArrayList<>();
        for (String part : text.split(",")) {
            try {
                int v = Integer.parseInt(part.trim());
                if (v <= 0) {
                    throw new NumberFormatException("not positive");
                }
                values.add(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("-D" + name + " must be a comma-separated list of positive integers, was '"
                        + text + "'", e);
            }
        }
        return List.copyOf(values);
    }

    /** The simulation's string {@code key}, else the default. */
    String string(String key, String defaultValue) {
        String raw = System.getProperty(prefix + key);
        return raw == null || raw.isBlank() ? defaultValue : raw.trim();
    }

    /** A global property ({@code regbench.<key>}) shared by all simulations, else the default. */
    static String global(String key, String defaultValue) {
        String raw = System.getProperty("regbench." + key);
        return raw == null || raw.isBlank() ? defaultValue : raw.trim();
    }

    /**
     * This injector's shard of the load, {@code -Dregbench.shard=I/N} (0-based; default {@code 0/1},
     * all of it); a malformed or out-of-range value is an error naming the property and the value.
     */
    static Shard shard() {
        String raw = global("shard", "0/1");
        try {
            return Shard.parse(raw);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("-Dregbench.shard: " + e.getMessage(), e);
        }
    }

    /**
     * The results root: {@code regbench.out}, else {@code <maven.multiModuleProjectDirectory>/target/regbench},
     * else {@code target/regbench} under the working directory.
     */
    static Path outputRoot() {
        String out = System.getProperty("regbench.out");
        if (out != null && !out.isBlank() && !out.contains("${")) {
            return Path.of(out);
        }
        String root = System.getProperty("maven.multiModuleProjectDirectory");
        if (root != null && !root.isBlank()) {
            return Path.of(root, "target", "regbench");
        }
        return Path.of("target", "regbench");
    }
}
