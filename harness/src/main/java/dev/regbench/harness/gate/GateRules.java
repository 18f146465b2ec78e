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
     * The defaults, each compared interval against interval (the range of the baseline's runs
     * against the range of the current run's). Slacks are as narrow as the A/A runs of
     * {@code regbench gate --selftest} allowed with no false alarm (figures in
     * {@code configs/gate/README.md}): server-counted requests and connections are nearly exact
     * (a concurrent engine may race two HEADs of one blob), so a few requests of slack;
     * {@code peak_inflight_per_host} must not fall (a replicator gone sequential peaks at 1 or 2);
     * allocations per MiB move with JIT and GC timing; the optimized/baseline speed-up, paired per
     * repetition, may fall below the baseline's slowest pair by the measured A/A margin.
     */
    public static List<GateRule> defaults() {
        return List.of(
                GateRule.independent("requests_total", Direction.LOWER_IS_BETTER, 0.0, 4),
                GateRule.independent("connections_opened", Direction.LOWER_IS_BETTER, 0.0, 4),
                GateRule.independent("connection_reuse", Direction.HIGHER_IS_BETTER, 0.0, 0.02),
                GateRule.independent("peak_inflight_per_host", Direction.HIGHER_IS_BETTER, 0.25, 0),
                GateRule.independent("retries", Direction.LOWER_IS_BETTER, 0.0, 2),
                GateRule.independent("failed_requests", Direction.LOWER_IS_BETTER, 0.0, 0),
                GateRule.independent("alloc_bytes_per_mib", Direction.LOWER_IS_BETTER, 0.10, 0),
                GateRule.independent("ok_runs_fraction", Direction.HIGHER_IS_BETTER, 0.0, 0),
                GateRule.ratio("throughput_mib_s", Direction.HIGHER_IS_BETTER, "baseline", "optimized", 0.15));
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
