package dev.regbench.simulations;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import dev.regbench.engine.shard.Shard;
import dev.regbench.simulations.Target.ServerCounters;
import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ScenarioBuilder;
import java.time.Duration;
import java.util.Optional;

/**
 * Users pull random images of a dataset, the way a fleet of nodes does: manifest, then config,
 * then each layer. Open model: the arrival rate ramps up, then holds.
 *
 * <p>Properties ({@code quick} / {@code full} defaults): {@code regbench.pull.usersPerSec} (20 / 50),
 * {@code regbench.pull.rampS} (5 / 30), {@code regbench.pull.durationS} (15 / 120),
 * {@code regbench.pull.maxRepositories} (50 / 50); dataset {@code many-small} unless
 * {@code -Dregbench.dataset}. Against {@code -Dregbench.target} it pulls what the registry's catalog lists.
 *
 * <p>Several injectors: {@code -Dregbench.shard=I/N} (0-based) makes this injector pull only its
 * share of the catalogue (round-robin over the sorted images) at {@code usersPerSec / N}, so N
 * injectors together put the load of one on the target; each writes its latency histogram as
 * {@code gatling/PullSimulation.hlog} beside its summary, and {@code regbench merge} joins them.
 */
public class PullSimulation extends RegistrySimulation {

    /** At most this share of requests may fail (percent). */
    static final double MAX_FAILED_PERCENT = 1.0;
    /**
     * 95th percentile latency limit over all requests, ms: generous, because on a 2-core machine
     * the embedded registry shares the CPU with Gatling (and with whatever else runs).
     * {@code -Dregbench.pull.p95LimitMs} overrides it (the interop IT lifts it: tests assert no timing).
     */
    static final int P95_LIMIT_MS = Integer.getInteger("regbench.pull.p95LimitMs", 2_000);
    /** 99th percentile latency limit, ms; {@code -Dregbench.pull.p99LimitMs} overrides it. */
    static final int P99_LIMIT_MS = Integer.getInteger("regbench.pull.p99LimitMs", 5_000);

    static final Assertion FEW_FAILURES = global().failedRequests().percent().lte(MAX_FAILED_PERCENT);
    static final Assertion P95_UNDER_LIMIT = global().responseTime().percentile(95.0).lt(P95_LIMIT_MS);
    static final Assertion P99_UNDER_LIMIT = global().responseTime().percentile(99.0).lt(P99_LIMIT_MS);

    private final SimProperties props = SimProperties.of("pull");
    private final Shard shard = SimProperties.shard();
    private final int usersPerSec = props.integer("usersPerSec", 20, 50);
    /** This injector's arrival rate: its share of {@code usersPerSec}. */
    private final double rate = usersPerSec / (double) shard.count();
    private final Duration ramp = props.seconds("rampS", 5, 30);
    private final Duration steady = props.seconds("durationS", 15, 120);
    private final RequestRecorder recorder = new RequestRecorder(name());
    private ImageCatalog catalog;

    public PullSimulation() {
        super("many-small", "none");
        try {
            catalog = ImageCatalog.discover(target.url(), props.integer("maxRepositories", 50, 50)).shard(shard);
        } catch (RuntimeException e) {
            throw closeOnFailure(e);
        }
        RegistryChains chains = new RegistryChains(recorder);
        ScenarioBuilder pull = scenario("pull images").feed(catalog.randomFeeder()).exec(chains.pullImage());
        setUp(pull.injectOpen(
                        rampUsersPerSec(Math.min(1.0, rate)).to(rate).during(ramp),
                        constantUsersPerSec(rate).during(steady)))
                .protocols(protocol())
                .assertions(FEW_FAILURES, P95_UNDER_LIMIT, P99_UNDER_LIMIT)
                .maxDuration(ramp.plus(steady).plusMinutes(2));
    }

    @Override
    protected Summary summarize(Optional<ServerCounters> during) {
        long[] pulls = recorder.operations().getOrDefault("pull", new long[2]);
        return Summary.of(name(), target.description(), props.scale(), Figures.of(recorder, during), pulls[0])
                .with("images", catalog.describe())
                .with("usersPerSec", usersPerSec)
                .with("pullsStarted", pulls[0])
                .with("pullsSucceeded", pulls[1])
                .with("byRequest", recorder.byRequest())
                .with("byStatus", recorder.byStatus())
                .with("shard", shard.toString())
                .with("injectorUsersPerSec", rate)
                .with("hlog", recorder.writeHlog(Summary.path(SimProperties.outputRoot(), name())
                        .resolveSibling(name() + ".hlog")).getFileName().toString());
    }
}
