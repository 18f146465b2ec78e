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
     * against the range of the current run's), with slack no wider than the A/A runs of
     * {@code regbench gate --selftest} needed to raise no false alarm (configs/gate/README.md has
     * the measurement): in 10 A/A gate runs on this machine every current interval overlapped the
     * baseline's except {@code requests_total}, whose low end lay at most 1 request past (a
     * concurrent engine fetches a token or HEADs a blob twice when two tasks race). So: 1 request
     * of slack there, none elsewhere. The intervals carry the run-to-run noise themselves.
     * {@code peak_inflight_per_host} must not fall (a replicator gone sequential peaks at 2 or 3
     * where the optimized config peaks at 7 to 9).
     */
    public static List<GateRule> defaults() {
        return List.of(
                GateRule.independent("requests_total", Direction.LOWER_IS_BETTER, 0.0, 1),
                GateRule.independent("blob_bytes_copied", Direction.LOWER_IS_BETTER, 0.0, 0),
                GateRule.independent("connections_opened", Direction.LOWER_IS_BETTER, 0.0, 0),
                GateRule.independent("connection_reuse", Direction.HIGHER_IS_BETTER, 0.0, 0),
                GateRule.independent("peak_inflight_per_host", Direction.HIGHER_IS_BETTER, 0.0, 0),
                GateRule.independent("retries", Direction.LOWER_IS_BETTER, 0.0, 0),
                GateRule.independent("failed_requests", Direction.LOWER_IS_BETTER, 0.0, 0),
                GateRule.independent("alloc_bytes_per_mib", Direction.LOWER_IS_BETTER, 0.0, 0),
                GateRule.independent("ok_runs_fraction", Direction.HIGHER_IS_BETTER, 0.0, 0),
                GateRule.ratio("throughput_mib_s", Direction.HIGHER_IS_BETTER, "baseline", "optimized", 0.0));
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
