package dev.regbench.harness.gate;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.regbench.reports.stats.Direction;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The gate's rule sets: the defaults, and rules read from a YAML file (a list of {@link GateRule}
 * under {@code rules:}). Default rules look only at figures that do not depend on how fast this
 * machine is, and at one ratio measured within a run; never at an absolute time.
 */
public final class GateRules {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private GateRules() {
    }

    /**
     * The defaults. Counts made by the servers are exact for a given engine and dataset, but a
     * concurrent engine may race (two tags HEAD the same blob), so requests get 5% and a few
     * requests of slack; connections 10% plus 2 (and reuse 5 points: one extra connection in
     * forty requests moves it 2.5); allocations 25% (JIT and GC timing move them).
     * The optimized/baseline throughput ratio may lose at most half of itself: on a shared 2-core
     * machine it swings by tens of percent, and a lost optimization (say pooling off) costs more.
     */
    public static List<GateRule> defaults() {
        return List.of(
                GateRule.independent("requests_total", Direction.LOWER_IS_BETTER, 0.05, 4),
                GateRule.independent("connections_opened", Direction.LOWER_IS_BETTER, 0.10, 2),
                GateRule.independent("connection_reuse", Direction.HIGHER_IS_BETTER, 0.0, 0.05),
                GateRule.independent("retries", Direction.LOWER_IS_BETTER, 0.10, 2),
                GateRule.independent("failed_requests", Direction.LOWER_IS_BETTER, 0.0, 0),
                GateRule.independent("alloc_bytes_per_mib", Direction.LOWER_IS_BETTER, 0.25, 0),
                GateRule.independent("ok_runs_fraction", Direction.HIGHER_IS_BETTER, 0.0, 0),
                GateRule.ratio("throughput_mib_s", Direction.HIGHER_IS_BETTER, "baseline", "optimized", 0.5));
    }

    /** Rules from a YAML file: {@code rules: [ {metric: …, kind: …, …}, … ]}. */
    public static List<GateRule> load(Path file) {
        try {
            return YAML.readValue(file.toFile(), RuleFile.class).rules();
        } catch (UnrecognizedPropertyException e) {
            throw new IllegalArgumentException(file + ": unknown key '" + e.getPropertyName()
                    + "' in a gate rule (known: metric, kind, direction, config, a, b, tolerance, slack)");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    /** The shape of a rules file. */
    record RuleFile(List<GateRule> rules) {
        RuleFile {
            if (rules == null || rules.isEmpty()) {
                throw new IllegalArgumentException("a rules file needs a non-empty 'rules' list");
            }
        }
    }
}
