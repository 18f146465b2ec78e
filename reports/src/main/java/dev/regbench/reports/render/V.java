package dev.regbench.reports.render;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tiny helpers to build the view model handed to the Mustache templates: ordered maps of
 * display strings. Stateless; thread-safe.
 */
final class V {
    private V() {
    }

    /** An ordered map from alternating keys and values (null values are left out). */
    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] != null) {
                m.put((String) kv[i], kv[i + 1]);
            }
        }
        return m;
    }

    /** A key/value row for definition tables. */
    static Map<String, Object> kv(String key, Object value) {
        return map("key", key, "value", value == null ? "—" : String.valueOf(value));
    }

    /** A table row of cells. */
    static Map<String, Object> row(List<String> cells) {
        return map("cells", cells);
    }
}
