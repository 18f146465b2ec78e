package dev.regbench.simulations;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

import dev.regbench.simulations.Target.ServerCounters;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.util.Optional;

/**
 * What every registry simulation shares: the {@link Target} (started while the simulation is
 * constructed, because Gatling reads {@code baseUrl} in the constructor), the base HTTP protocol,
 * the server's counters at {@code before()} and {@code after()}, and the summary written in
 * {@code after()} before the embedded registry is stopped.
 *
 * <p>One instance per Gatling run; Gatling calls {@code before()} and {@code after()} on one thread.
 */
abstract class RegistrySimulation extends Simulation {

    /** The registry under load. */
    protected final Target target;
    private Optional<ServerCounters> atStart = Optional.empty();

    /**
     * @param defaultDataset the embedded registry's dataset unless {@code -Dregbench.dataset} ({@code none}: empty)
     * @param defaultFaults its fault profile unless {@code -Dregbench.faults}
     */
    protected RegistrySimulation(String defaultDataset, String defaultFaults) {
        this.target = Target.fromSystemProperties(defaultDataset, defaultFaults);
        System.out.println("regbench " + getClass().getSimpleName() + " target: " + target.description());
    }

    /**
     * The protocol every scenario starts from: the target's URL, no warm-up request to gatling.io,
     * no HTTP cache (a user fetching the same blob twice must send two requests), one connection
     * pool per virtual user (Gatling's default).
     */
    protected HttpProtocolBuilder protocol() {
        return http.baseUrl(target.url())
                .disableWarmUp()
                .disableCaching()
                .userAgentHeader("regbench-gatling/3.15");
    }

    /**
     * A warm-up population to run before phases that are compared with each other, so that the
     * first phase does not pay for JIT compilation and class loading alone: users pull random
     * images for {@code duration}, each on its own connection (Gatling's default, so no pooled
     * connection is left over for a later {@code shareConnections()} phase). Its requests are
     * recorded apart and reported nowhere.
     */
    protected PopulationBuilder warmUp(ImageCatalog catalog, int usersPerSec, Duration duration) {
        RegistryChains chains = new RegistryChains(new RequestRecorder("warm-up"));
        return scenario("warm-up")
                .feed(catalog.randomFeeder())
                .exec(chains.pullImage())
                .injectOpen(constantUsersPerSec(usersPerSec).during(duration))
                .protocols(protocol());
    }

    @Override
    public void before() {
        atStart = target.serverCounters();
    }

    @Override
    public void after() {
        try {
            Optional<ServerCounters> during = target.serverCounters().flatMap(end -> atStart.map(end::minus));
            afterLoad();
            summarize(during).write();
        } finally {
            target.close();
        }
    }

    /** Called in {@code after()} once the server's counters are read, before the summary is written. */
    protected void afterLoad() {
    }

    /**
     * The run's summary.
     *
     * @param during the server's counters over the whole load, empty when the server has none
     */
    protected abstract Summary summarize(Optional<ServerCounters> during);

    /** The simulation's simple class name, the summary's file name. */
    protected String name() {
        return getClass().getSimpleName();
    }

    /** Closes the target when the subclass constructor fails after it was started. */
    protected final RuntimeException closeOnFailure(RuntimeException e) {
        target.close();
        return e;
    }
}
