package dev.regbench.reports.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * A tuning config that took part in a run. Immutable; thread-safe.
 *
 * @param name   the name results refer to ({@code baseline}, {@code optimized},
 *               {@code tagConcurrency=4} in a sweep)
 * @param file   the YAML file it came from (relative path), or null when generated
 * @param values the effective settings worth showing, flattened ({@code replication.tagConcurrency: 5});
 *               empty when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConfigEntry(String name, String file, Map<String, Object> values) {
    public ConfigEntry {
        values = values == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
    }
}
