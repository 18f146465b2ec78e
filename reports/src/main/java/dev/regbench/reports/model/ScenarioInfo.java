package dev.regbench.reports.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * What scenario ran. Immutable; thread-safe.
 *
 * @param name        scenario name ({@code quick}, {@code wan}, …)
 * @param dataset     fake-registry dataset ({@code standard}, {@code many-small}, …)
 * @param network     network profile ({@code loopback}, {@code wan}, or a description)
 * @param faults      fault profile ({@code none}, {@code flaky}, …)
 * @param repetitions measured repetitions per config
 * @param warmup      warm-up runs per config (not in the results)
 * @param extra       any other scenario settings worth showing (time budget, target URLs, …);
 *                    empty when absent
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ScenarioInfo(String name, String dataset, String network, String faults, int repetitions,
                           int warmup, Map<String, Object> extra) {
    public ScenarioInfo {
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }
}
