package dev.regbench.reports.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The small JSON summary each Gatling simulation writes at the end of a run (Gatling's own
 * {@code simulation.log} is binary), read by the report, the gate and the claims ledger.
 * File: {@code gatling/<simulation>[-<variant>]-summary.json} or
 * {@code gatling/<folder>/summary.json}. Times in ms. Immutable; thread-safe.
 *
 * @param schemaVersion       {@value Results#SCHEMA_VERSION}
 * @param simulation          simple class name, {@code PullSimulation}
 * @param variant             optional variant within the simulation ({@code shared},
 *                            {@code per-user}, {@code no-keepalive}, {@code perHost=2}); null when none
 * @param target              registry under load ({@code embedded} or a URL)
 * @param startedAt           ISO-8601 instant
 * @param durationS           duration of the injection, seconds
 * @param users               virtual users injected (total)
 * @param maxConcurrentUsers  peak concurrent users, 0 when unknown
 * @param requests            requests sent
 * @param failures            requests that failed (checks or transport)
 * @param rps                 mean requests per second
 * @param mean                mean response time
 * @param p50                 median response time
 * @param p95                 95th percentile
 * @param p99                 99th percentile
 * @param max                 maximum
 * @param connectionsAccepted connections the registry accepted (server side), null when unknown
 * @param reportDir           Gatling's HTML report folder, relative to the summary file; null when none
 * @param requestsByName      optional per-request-name breakdown
 * @param extra               further named figures ({@code knee_users}, {@code retries})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GatlingSummary(int schemaVersion, String simulation, String variant, String target, String startedAt,
                             double durationS, long users, long maxConcurrentUsers, long requests, long failures,
                             double rps, double mean, double p50, double p95, double p99, double max,
                             Long connectionsAccepted, String reportDir, List<Request> requestsByName,
                             Map<String, Double> extra) {
    public GatlingSummary {
        requestsByName = requestsByName == null ? List.of() : List.copyOf(requestsByName);
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }

    /** {@code PullSimulation} or {@code ConnectionReuseSimulation/shared}. */
    public String name() {
        return variant == null || variant.isEmpty() ? simulation : simulation + "/" + variant;
    }

    /** failures / requests, 0 when no requests. */
    public double failureRate() {
        return requests == 0 ? 0 : (double) failures / requests;
    }

    /** 1 - connectionsAccepted / requests, NaN when connections are unknown or no requests. */
    public double connectionReuse() {
        return connectionsAccepted == null || requests == 0 ? Double.NaN
                : 1 - (double) connectionsAccepted / requests;
    }

    /**
     * One request name's figures.
     *
     * @param name     Gatling request name ({@code pull manifest})
     * @param requests count
     * @param failures failed count
     * @param p50      median ms
     * @param p95      95th percentile ms
     * @param p99      99th percentile ms
     * @param max      max ms
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Request(String name, long requests, long failures, double p50, double p95, double p99, double max) {
    }
}
