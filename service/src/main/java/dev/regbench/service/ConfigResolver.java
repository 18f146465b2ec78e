package dev.regbench.service;

import dev.regbench.engine.config.TuningConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Turns a config name from {@code POST /jobs} ({@code "config": "optimized"}) into a
 * {@link TuningConfig}. Implementations are thread-safe.
 */
@FunctionalInterface
public interface ConfigResolver {

    /**
     * @throws IllegalArgumentException naming the unknown config and the known ones
     */
    TuningConfig resolve(String name);

    /**
     * {@code default} and {@code optimized} are {@link TuningConfig#DEFAULT} (the engine's
     * optimized settings), plus the given named configs.
     */
    static ConfigResolver of(Map<String, TuningConfig> named) {
        Map<String, TuningConfig> all = new LinkedHashMap<>();
        all.put("default", TuningConfig.DEFAULT);
        all.put("optimized", TuningConfig.DEFAULT);
        all.putAll(named);
        return name -> {
            TuningConfig c = all.get(name);
            if (c == null) {
                throw new IllegalArgumentException("unknown config '" + name + "'; known: " + new TreeSet<>(all.keySet()));
            }
            return c;
        };
    }

    /** The built-in names only ({@link #of} with nothing added). */
    static ConfigResolver builtIn() {
        return of(Map.of());
    }

    /**
     * Reads {@code <dir>/<name>.yaml} (e.g. {@code configs/baseline.yaml}) at each submission,
     * falling back to {@link #builtIn()} when no such file exists.
     */
    static ConfigResolver directory(Path dir) {
        ConfigResolver builtIn = builtIn();
        return name -> {
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                throw new IllegalArgumentException("config name '" + name + "' may use letters, digits, '.', '_' and '-' only");
            }
            Path file = dir.resolve(name + ".yaml");
            if (Files.isRegularFile(file)) {
                return TuningConfig.load(file);
            }
            try {
                return builtIn.resolve(name);
            } catch (IllegalArgumentException e) {
                List<String> names = new java.util.ArrayList<>(List.of("default", "optimized"));
                try (var files = Files.list(dir)) {
                    files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".yaml"))
                            .map(f -> f.substring(0, f.length() - 5)).forEach(names::add);
                } catch (java.io.IOException | RuntimeException ignored) {
                    // an unreadable folder only shortens the list of names in the message
                }
                throw new IllegalArgumentException("unknown config '" + name + "' (no " + file + "); known: "
                        + new TreeSet<>(names));
            }
        };
    }
}
