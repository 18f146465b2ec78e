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
 * machine is (counts the servers keep, bytes allocated per MiB); never at an absolute time.
 */
public final class GateRules {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * Runs per interval the default slacks were measured with: the gate scenario's repetitions
     * (configs/scenarios/gate.yaml) and the self-test's (configs/gate/regressions.yaml). A baseline
     * with fewer is bad input ({@link GateRule#minRuns()}).
     */
    public static final int CALIBRATED_RUNS = 6;

    private GateRules() {
    }

    /**
     * The defaults, each compared interval against interval (the range of the baseline's
     * {@value #CALIBRATED_RUNS} runs against the range of the current run's). Slacks from the A/A
     * runs of {@code regbench gate --selftest} (configs/gate/README.md has the measurement: 11
     * clean runs of the gate scenario, each judged against every other, 110 pairings):
     * <ul>
     *   <li>a figure that was the same in every repetition of every clean run keeps no slack:
     *       {@code blob_bytes_copied}, {@code retries}, {@code failed_requests},
     *       {@code ok_runs_fraction} (and the baseline config's requests and connections);</li>
     *   <li>a figure that varied gets the least slack that passed every pairing, rounded up to its
     *       resolution, and at least one step of it: 1 request, 1 connection, 1 request in flight,
     *       0.005 of connection reuse (1 connection in ~210 requests); the pairings needed none
     *       for these, as the 6-run intervals carry the noise;</li>
     *   <li>{@code alloc_bytes_per_mib} varies with machine load and JIT timing: its pairings needed
     *       0.92% of the median, so 1%.</li>
     * </ul>
     * {@code peak_inflight_per_host} must not fall (a replicator gone sequential peaks at 2 to 4
     * where the optimized config peaks at 6 to 9). No same-run throughput ratio: on this 2-core
     * machine the optimized/baseline ratio of single repetitions ran from 1.9 to 11.4 in the A/A
     * runs (n=66, 11 clean runs), so an interval rule on it could only catch an optimized config
     * as slow as the baseline one, which the parallelism and connection rules catch by counting; a
     * rules file can still name one ({@code kind: SAME_RUN_RATIO}) for a quiet machine.
     */
    public static List<GateRule> defaults() {
        return List.of(
                GateRule.independent("requests_total", Direction.LOWER_IS_BETTER, 0.0, 1),
                GateRule.independent("blob_bytes_copied", Direction.LOWER_IS_BETTER, 0.0, 0),
                GateRule.independent("connections_opened", Direction.LOWER_IS_BETTER, 0.0, 1),
                GateRule.independent("connection_reuse", Direction.HIGHER_IS_BETTER, 0.0, 0.005),
                GateRule.independent("peak_inflight_per_host", Direction.HIGHER_IS_BETTER, 0.0, 1),
                GateRule.independent("retries", Direction.LOWER_IS_BETTER, 0.0, 0),
                GateRule.independent("failed_requests", Direction.LOWER_IS_BETTER, 0.0, 0),
                GateRule.independent("alloc_bytes_per_mib", Direction.LOWER_IS_BETTER, 0.01, 0),
                GateRule.independent("ok_runs_fraction", Direction.HIGHER_IS_BETTER, 0.0, 0))
                .stream().map(r -> r.withMinRuns(CALIBRATED_RUNS)).toList();
    }

    /** Rules from a YAML file: {@code rules: [ {metric: …, kind: …, …}, … ]}. */
    public static List<GateRule> load(Path file) {
        try {
            return YAML.readValue(file.toFile(), RuleFile.class).rules();
        } catch (UnrecognizedPropertyException e) {
            throw new IllegalArgumentException(file + ": unknown key '" + e.getPropertyName()
                    + "' in a gate rule (known: metric, kind, direction, config, a, b, tolerance, slack, minRuns)");
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
