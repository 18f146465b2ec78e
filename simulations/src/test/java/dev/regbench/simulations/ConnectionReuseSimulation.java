package dev.regbench.simulations;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import dev.regbench.simulations.Target.ServerCounters;
import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The same pull load three times, one after another, with three connection policies, and the
 * connections the registry accepted in each (claims C2, C14, C15 seen from the server):
 * <ol>
 *   <li>{@code per-user}: Gatling's default, one keep-alive pool per virtual user; a user (one
 *       image pull) opens its own connection and reuses it for its few requests;</li>
 *   <li>{@code shared}: {@code shareConnections()}, one pool for all users, like a long-lived
 *       client process with a pooled transport;</li>
 *   <li>{@code no-keepalive}: {@code Connection: close} on every request, a new connection per
 *       request (the seeds' BEFORE state).</li>
 * </ol>
 * Open model: users arrive at {@code usersPerSec} for {@code phaseS} seconds per phase; each
 * pulls one random image (manifest, config, layers). A warm-up on a shared pool runs first and
 * is not reported, so the first phase does not pay for JIT compilation alone.
 *
 * <p>Properties ({@code quick} / {@code full}): {@code regbench.reuse.usersPerSec} (30 / 50),
 * {@code regbench.reuse.phaseS} (10 / 60), {@code regbench.reuse.warmUpS} (6 / 10),
 * {@code regbench.reuse.order} ({@code per-user,shared,no-keepalive}; any order or subset).
 */
public class ConnectionReuseSimulation extends RegistrySimulation {

    /** At most this share of requests may fail in any phase (percent). */
    static final double MAX_FAILED_PERCENT = 1.0;

    static final Assertion FEW_FAILURES = global().failedRequests().percent().lte(MAX_FAILED_PERCENT);

    private final SimProperties props = SimProperties.of("reuse");
    private final int usersPerSec = props.integer("usersPerSec", 30, 50);
    private final Duration phaseDuration = props.seconds("phaseS", 10, 60);
    private final Duration warmUpDuration = props.seconds("warmUpS", 6, 10);
    private final RequestRecorder recorder = new RequestRecorder(name());
    private final List<Phase> phases = new ArrayList<>();
    private ImageCatalog catalog;

    public ConnectionReuseSimulation() {
        super("many-small", "none");
        try {
            catalog = ImageCatalog.discover(target.url(), 50);
        } catch (RuntimeException e) {
            throw closeOnFailure(e);
        }
        Map<String, UnaryOperator<HttpProtocolBuilder>> policies = Map.of(
                "per-user", p -> p,
                "shared", HttpProtocolBuilder::shareConnections,
                "no-keepalive", p -> p.connectionHeader("close"));
        List<String> order = List.of(props.string("order", "per-user,shared,no-keepalive").split(","));
        PopulationBuilder chain = null;
        for (int i = order.size() - 1; i >= 0; i--) {
            String phaseName = order.get(i).trim();
            UnaryOperator<HttpProtocolBuilder> policy = policies.get(phaseName);
            if (policy == null) {
                throw closeOnFailure(new IllegalArgumentException("-Dregbench.reuse.order: unknown phase '" + phaseName
                        + "'; expected some of " + policies.keySet()));
            }
            PopulationBuilder population = population(phaseName, policy);
            chain = chain == null ? population : population.andThen(chain);
        }
        setUp(warmUp(catalog, usersPerSec, warmUpDuration).andThen(chain))
                .assertions(FEW_FAILURES)
                .maxDuration(phaseDuration.multipliedBy(3).plus(warmUpDuration).plusMinutes(2));
    }

    private PopulationBuilder population(String phaseName, UnaryOperator<HttpProtocolBuilder> policy) {
        Phase phase = new Phase(phaseName, recorder, target);
        phases.add(0, phase); // built last to first
        RegistryChains chains = new RegistryChains(phase.recorder());
        return scenario(phaseName)
                .exec(phase.markStart())
                .feed(catalog.randomFeeder())
                .exec(chains.pullImage())
                .injectOpen(constantUsersPerSec(usersPerSec).during(phaseDuration))
                .protocols(policy.apply(protocol()));
    }

    @Override
    protected Summary summarize(Optional<ServerCounters> during) {
        Optional<ServerCounters> end = target.serverCounters();
        List<Figures> perPhase = new ArrayList<>();
        for (int i = 0; i < phases.size(); i++) {
            Optional<ServerCounters> phaseEnd = i + 1 < phases.size() ? phases.get(i + 1).atStart() : end;
            perPhase.add(phases.get(i).figures(phaseEnd));
        }
        // the run's server counts start with the first phase, after the warm-up
        Optional<ServerCounters> measured = end.flatMap(e -> phases.get(0).atStart().map(e::minus));
        long[] pulls = recorder.operations().getOrDefault("pull", new long[2]);
        return Summary.of(name(), target.description(), props.scale(), Figures.of(recorder, measured), pulls[0])
                .with("usersPerSec", usersPerSec)
                .with("phaseS", phaseDuration.toSeconds())
                .with("warmUpS", warmUpDuration.toSeconds())
                .with("images", catalog.describe())
                .with("phases", perPhase)
                .with("byStatus", recorder.byStatus());
    }
}
