package dev.regbench.reports.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Opens up what a simulation summary holds besides its headline figures, so the report and
 * the claims ledger can name it: every numeric field, however deep, becomes an extra figure
 * under its dotted path ({@code cacheOn.p95Ms}, {@code shared.minClientMiBs},
 * {@code watchCostServiceIoCpuPctOfMachine}); each phase in {@code details.phases} (objects
 * with a {@code name}) and each top-level object carrying percentiles ({@code p95} or
 * {@code p95Ms}) becomes a variant of its own ({@code ConnectionReuseSimulation/shared},
 * {@code JobPollingSimulation/cacheOn}). Arrays other than the phases are not read.
 *
 * <p>Stateless; thread-safe.
 */
final class GatlingVariants {
    private static final List<String> HEADLINE = List.of("details", "extra", "requestsByName");

    private GatlingVariants() {
    }

    /** The summary with its extras filled in, followed by its variants (none for a variant file). */
    static List<GatlingSummary> expand(GatlingSummary s, JsonNode raw) {
        List<GatlingSummary> all = new ArrayList<>();
        Map<String, Double> extra = new LinkedHashMap<>();
        flatten("", raw, extra);
        extra.putAll(s.extra());
        all.add(new GatlingSummary(s.schemaVersion(), s.simulation(), s.variant(), s.target(), s.startedAt(),
                s.durationS(), s.users(), s.maxConcurrentUsers(), s.requests(), s.failures(), s.rps(), s.mean(),
                s.p50(), s.p95(), s.p99(), s.max(), s.connectionsAccepted(), s.reportDir(), s.requestsByName(), extra));
        if (s.variant() != null && !s.variant().isEmpty()) {
            return all;
        }
        for (JsonNode phase : raw.path("details").path("phases")) {
            if (phase.isObject() && phase.path("name").isTextual()) {
                all.add(variant(s, phase.get("name").asText(), phase));
            }
        }
        Iterator<Map.Entry<String, JsonNode>> fields = raw.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            JsonNode v = f.getValue();
            if (!HEADLINE.contains(f.getKey()) && v.isObject() && (v.has("p95") || v.has("p95Ms"))) {
                all.add(variant(s, f.getKey(), v));
            }
        }
        return all;
    }

    private static GatlingSummary variant(GatlingSummary parent, String name, JsonNode n) {
        Map<String, Double> extra = new LinkedHashMap<>();
        flatten("", n, extra);
        JsonNode accepted = n.get("connectionsAccepted");
        return new GatlingSummary(parent.schemaVersion(), parent.simulation(), name, parent.target(),
                parent.startedAt(), num(n, "seconds", num(n, "durationS", 0)), 0, 0, (long) num(n, "requests", 0),
                (long) num(n, "failures", 0), num(n, "rps", 0), ms(n, "mean"), ms(n, "p50"), ms(n, "p95"), ms(n, "p99"),
                ms(n, "max"), accepted != null && accepted.isNumber() ? accepted.asLong() : null, null, List.of(), extra);
    }

    /** {@code p95} or {@code p95Ms}, whichever the writer used; NaN when neither. */
    private static double ms(JsonNode n, String figure) {
        return num(n, figure, num(n, figure + "Ms", Double.NaN));
    }

    private static double num(JsonNode n, String field, double otherwise) {
        JsonNode v = n.get(field);
        return v != null && v.isNumber() ? v.asDouble() : otherwise;
    }

    private static void flatten(String prefix, JsonNode n, Map<String, Double> out) {
        if (n.isNumber()) {
            out.put(prefix, n.asDouble());
        } else if (n.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = n.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                flatten(prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey(), f.getValue(), out);
            }
        }
    }
}
