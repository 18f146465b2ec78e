package dev.regbench.simulations;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import dev.regbench.simulations.Target.ServerCounters;
import io.gatling.javaapi.core.Assertion;
import java.time.Duration;
import java.util.Optional;

/**
 * A few seconds of load for {@link SimulationAssertionsTest}: {@link #USERS} users each ping an
 * embedded, empty fake registry {@link #PINGS_PER_USER} times, under one assertion given by the
 * subclass. Not part of any bench run (the Maven plugin's includes name the real simulations).
 *
 * <p>One instance per Gatling run.
 */
abstract class AssertionProbeSimulation extends RegistrySimulation {

    static final int USERS = 5;
    static final int PINGS_PER_USER = 2;

    private final RequestRecorder recorder = new RequestRecorder(name());

    protected AssertionProbeSimulation(Assertion assertion) {
        super("none", "none");
        RegistryChains chains = new RegistryChains(recorder);
        setUp(scenario("ping").exec(chains.ping()).exec(chains.ping()).injectOpen(atOnceUsers(USERS)))
                .protocols(protocol())
                .assertions(assertion)
                .maxDuration(Duration.ofSeconds(30));
    }

    @Override
    protected Summary summarize(Optional<ServerCounters> during) {
        return Summary.of(name(), target.description(), "probe", Figures.of(recorder, during), USERS);
    }
}
