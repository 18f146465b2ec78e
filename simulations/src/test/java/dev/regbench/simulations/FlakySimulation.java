package dev.regbench.simulations;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import dev.regbench.simulations.Target.ServerCounters;
import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.PopulationBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code flaky} fault profile (2% 503, 1% 429 with Retry-After, 0.5% connection reset
 * mid-body) under the same pull load twice: first with no retry ({@code tryMax(1)}: a failed
 * request fails the pull), then with {@code tryMax(attempts)} and a fixed pause before each
 * retry. Shows the failure rate users see (failed pulls) against the failure rate of requests
 * (claim C5's question, asked of the DSL's retry rather than the engine's).
 *
 * <p>A warm-up (faults on, not reported) runs first. Properties ({@code quick} / {@code full}):
 * {@code regbench.flaky.usersPerSec} (30 / 50), {@code regbench.flaky.phaseS} (12 / 60),
 * {@code regbench.flaky.warmUpS} (6 / 10), {@code regbench.flaky.attempts} (4 / 4),
 * {@code regbench.flaky.retryPauseMs} (50 / 50). Faults {@code flaky} unless {@code -Dregbench.faults}.
 */
public class FlakySimulation extends RegistrySimulation {

    /**
     * At most this share of request attempts may fail (percent): the flaky profile injects about
     * 3.5% per request, so far more means the registry or the client broke, not the faults.
     */
    static final double MAX_FAILED_PERCENT = 10.0;

    static final Assertion FAULTS_STAY_FAULTS = global().failedRequests().percent().lte(MAX_FAILED_PERCENT);

    private final SimProperties props = SimProperties.of("flaky");
    private final int usersPerSec = props.integer("usersPerSec", 30, 50);
    private final Duration phaseDuration = props.seconds("phaseS", 12, 60);
    private final Duration warmUpDuration = props.seconds("warmUpS", 6, 10);
    private final int attempts = props.integer("attempts", 4, 4);
    private final Duration retryPause = Duration.ofMillis(props.integer("retryPauseMs", 50, 50));
    private final RequestRecorder recorder = new RequestRecorder(name());
    private final List<Phase> phases = new ArrayList<>();
    private ImageCatalog catalog;

    public FlakySimulation() {
        super("many-small", "flaky");
        try {
            // the catalog is read before the load, with retries of our own: it may be faulted too
            catalog = discoverWithRetries();
        } catch (RuntimeException e) {
            throw closeOnFailure(e);
        }
        PopulationBuilder noRetry = population("no-retry", new RegistryChains(phase("no-retry").recorder()));
        PopulationBuilder retry = population("retry",
                new RegistryChains(phase("retry").recorder(), attempts, retryPause));
        setUp(warmUp(catalog, usersPerSec, warmUpDuration).andThen(noRetry.andThen(retry)))
                .assertions(FAULTS_STAY_FAULTS)
                .maxDuration(phaseDuration.multipliedBy(2).plus(warmUpDuration).plusMinutes(2));
    }

    private ImageCatalog discoverWithRetries() {
        RuntimeException last = null;
        for (int i = 0; i < 10; i++) {
            try {
                return ImageCatalog.discover(target.url(), 50);
            } catch (RuntimeException e) {
                last = e;
            }
        }
        throw last;
    }

    private Phase phase(String phaseName) {
        Phase phase = new Phase(phaseName, recorder, target);
        phases.add(phase);
        return phase;
    }

    private PopulationBuilder population(String phaseName, RegistryChains chains) {
        Phase phase = phases.get(phases.size() - 1);
        return scenario(phaseName)
                .exec(phase.markStart())
                .feed(catalog.randomFeeder())
                .exec(chains.pullImage())
                .injectOpen(constantUsersPerSec(usersPerSec).during(phaseDuration))
                .protocols(protocol());
    }

    @Override
    protected Summary summarize(Optional<ServerCounters> during) {
        Optional<ServerCounters> end = target.serverCounters();
        List<Map<String, Object>> perPhase = new ArrayList<>();
        for (int i = 0; i < phases.size(); i++) {
            Phase phase = phases.get(i);
            Figures f = phase.figures(i + 1 < phases.size() ? phases.get(i + 1).atStart() : end);
            long[] pulls = phase.recorder().operations().getOrDefault("pull", new long[2]);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("figures", f);
            row.put("requestFailureRate", Figures.round(f.failureRate()));
            row.put("pullsStarted", pulls[0]);
            row.put("pullsFailed", pulls[0] - pulls[1]);
            row.put("pullFailureRate", pulls[0] == 0 ? 0.0 : Figures.round((double) (pulls[0] - pulls[1]) / pulls[0]));
            row.put("byStatus", phase.recorder().byStatus());
            perPhase.add(row);
        }
        Optional<ServerCounters> measured = end.flatMap(e -> phases.get(0).atStart().map(e::minus));
        long[] pulls = recorder.operations().getOrDefault("pull", new long[2]);
        Summary summary = Summary.of(name(), target.description(), props.scale(), Figures.of(recorder, measured), pulls[0])
                .with("attempts", attempts)
                .with("retryPauseMs", retryPause.toMillis())
                .with("phases", perPhase);
        return target.faultsInjected().map(f -> summary.with("faultsInjectedWholeRunWithWarmUp", f)).orElse(summary);
    }
}
