package dev.regbench.harness.sweep;

import dev.regbench.engine.config.TuningConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configs of a sweep: one base config with one or two keys set to each of their values
 * (the cartesian product for two keys), each written as a YAML file the runner can load and the
 * results can point to. {@code replication.tagConcurrency=1,2,4} gives configs named
 * {@code tagConcurrency=1}, {@code tagConcurrency=2}, {@code tagConcurrency=4}. Immutable.
 */
public record SweepPlan(List<Param> params, List<Point> points) {

    /** One swept key and its values, parsed from {@code key=v1,v2,…}. */
    public record Param(String key, List<String> values) {
        public static Param parse(String text) {
            int eq = text.indexOf('=');
            if (eq <= 0 || eq == text.length() - 1) {
                throw new IllegalArgumentException("--param '" + text + "' must look like replication.tagConcurrency=1,2,4");
            }
            List<String> values = List.of(text.substring(eq + 1).split(","));
            if (values.stream().anyMatch(String::isBlank)) {
                throw new IllegalArgumentException("--param '" + text + "' has an empty value");
            }
            return new Param(text.substring(0, eq).trim(), values.stream().map(String::trim).toList());
        }

        String shortKey() {
            return key.substring(key.lastIndexOf('.') + 1);
        }
    }

    /** One config of the sweep: the values it sets, by key, and its file. */
    public record Point(Map<String, String> values, String name, Path file) {
        /** The first key's value: the x of the curve. */
        public String x() {
            return values.values().iterator().next();
        }
    }

    /** Derives and writes the configs under {@code dir}; a bad key or value fails naming it. */
    public static SweepPlan create(TuningConfig base, List<Param> params, Path dir) throws IOException {
        if (params.isEmpty() || params.size() > 2) {
            throw new IllegalArgumentException("a sweep takes one or two --param keys, not " + params.size());
        }
        Files.createDirectories(dir);
        List<Map<String, String>> combos = new ArrayList<>();
        combos.add(new LinkedHashMap<>());
        for (Param p : params) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> c : combos) {
                for (String v : p.values()) {
                    Map<String, String> m = new LinkedHashMap<>(c);
                    m.put(p.key(), v);
                    next.add(m);
                }
            }
            combos = next;
        }
        List<Point> points = new ArrayList<>();
        for (Map<String, String> combo : combos) {
            TuningConfig config = base;
            StringBuilder name = new StringBuilder();
            for (Map.Entry<String, String> e : combo.entrySet()) {
                config = config.with(e.getKey(), e.getValue());
                if (name.length() > 0) {
                    name.append(',');
                }
                name.append(e.getKey().substring(e.getKey().lastIndexOf('.') + 1)).append('=').append(e.getValue());
            }
            TuningConfig named = new TuningConfig(name.toString(), config.transport(), config.replication(),
                    config.buffers(), config.retry(), config.circuitBreaker(), config.auth(),
                    config.timeouts());
            Path file = dir.resolve(name.toString().replace(',', '_') + ".yaml");
            Files.writeString(file, named.toYaml());
            points.add(new Point(combo, name.toString(), file));
        }
        return new SweepPlan(List.copyOf(params), List.copyOf(points));
    }

    public List<Path> files() {
        return points.stream().map(Point::file).toList();
    }
}
