package dev.regbench.harness.export;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.regbench.harness.gate.GateRule;
import dev.regbench.harness.gate.GateRules;
import dev.regbench.reports.model.GateReport;
import dev.regbench.reports.model.MetricInfo;
import dev.regbench.reports.model.Metrics;
import dev.regbench.reports.model.Results;
import dev.regbench.reports.model.ResultsIo;
import dev.regbench.reports.model.SummaryRow;
import dev.regbench.reports.stats.Direction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Exports a run's medians in the JSON shape CI benchmark trackers read — github-action-benchmark's
 * {@code customSmallerIsBetter} and {@code customBiggerIsBetter} tools: an array of
 * {@code {name, unit, value, range, extra}}. Two files, because one file takes one direction:
 * {@code <base>-smaller.json} and {@code <base>-bigger.json}. Neutral metrics are left out unless
 * the gate holds them. {@code regbench history} reads these files back (GateHistory).
 * Stateless.
 */
public final class TrackerExport {

    /** One tracker entry; {@code range} is the 95% interval written {@code "± x"} as the action expects. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(String name, String unit, double value, String range, String extra) {
    }

    private TrackerExport() {
    }

    /** Writes both files next to {@code base} (its {@code .json} replaced by the suffixes). */
    public static void write(Results results, Path base) {
        String stem = base.getFileName().toString().replaceFirst("\\.json$", "");
        Path dir = base.toAbsolutePath().getParent();
        writeJson(entries(results, Direction.LOWER_IS_BETTER), dir.resolve(stem + "-smaller.json"));
        writeJson(entries(results, Direction.HIGHER_IS_BETTER), dir.resolve(stem + "-bigger.json"));
    }

    public static List<Entry> entries(Results results, Direction direction) {
        List<Entry> out = new ArrayList<>();
        String scenario = results.scenario() == null ? "scenario" : results.scenario().name();
        for (String config : results.configNames()) {
            for (MetricInfo info : Metrics.all()) {
                if (direction(info) != direction) {
                    continue;
                }
                results.summaryOf(config, info.name()).ifPresent(s -> out.add(entry(scenario, config, info, s)));
            }
        }
        return out;
    }

    /**
     * The metric's direction, or for a metric the report calls neutral that the gate holds (say
     * {@code blob_bytes_copied}, which mounting and skipping keep low), the gate rule's: so the
     * tracker files carry every gated figure and {@code regbench history} can follow them.
     */
    private static Direction direction(MetricInfo info) {
        if (info.direction() != Direction.NEUTRAL) {
            return info.direction();
        }
        return GateRules.defaults().stream().filter(r -> r.kind() == GateReport.Kind.MACHINE_INDEPENDENT)
                .filter(r -> r.metric().equals(info.name())).map(GateRule::direction).findFirst().orElse(Direction.NEUTRAL);
    }

    private static Entry entry(String scenario, String config, MetricInfo info, SummaryRow s) {
        double half = (s.ciHigh() - s.ciLow()) / 2;
        return new Entry(scenario + " " + config + " " + info.name(), info.unit().isEmpty() ? "count" : info.unit(),
                s.median(), Double.isNaN(half) ? null : String.format(Locale.ROOT, "± %.4g", half),
                String.format(Locale.ROOT, "n=%d min=%.4g max=%.4g; interval: %s%s", s.n(), s.min(), s.max(),
                        s.ci().label(), info.machineIndependent() ? "; machine-independent" : ""));
    }

    private static void writeJson(List<Entry> entries, Path file) {
        try {
            ResultsIo.mapper().writeValue(file.toFile(), entries);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + file, e);
        }
    }
}
