package dev.regbench.simulations;

import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.rampConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import dev.regbench.simulations.Target.ServerCounters;
import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ClosedInjectionStep;
import io.gatling.javaapi.core.ScenarioBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A staircase of concurrent users, each pulling a manifest and its config blob (a small blob) in
 * a loop on its own keep-alive connection, up to 1000+ users at full scale. Reports each level's
 * throughput and p50/p95/p99/max, and the knee where throughput stops growing and latency climbs
 * (claim C14's setting: does going from 2 to 50 concurrent connections to one host multiply
 * throughput?).
 *
 * <p>Closed model: each level's users are added over {@code rampS} and held for {@code levelS};
 * users never leave before the end, so each level keeps the connections of the previous ones.
 * Each level's figures are taken from its hold time, minus its first second.
 *
 * <p>Properties ({@code quick} / {@code full}): {@code regbench.stress.levels} ({@code 2,10,50,200,500} /
 * {@code 2,10,20,50,100,200,500,1000,1500}), {@code regbench.stress.levelS} (6 / 20),
 * {@code regbench.stress.rampS} (1 / 3), {@code regbench.stress.maxLoopsPerUser} (1000000),
 * {@code regbench.stress.warmUpS} (6 / 10: 20 users/s pulling on a shared pool first, not reported).
 */
public class StressSimulation extends RegistrySimulation {

    /** At most this share of requests may fail (percent): an overloaded registry must stay correct. */
    static final double MAX_FAILED_PERCENT = 5.0;

    static final Assertion FEW_FAILURES = global().failedRequests().percent().lte(MAX_FAILED_PERCENT);

    private final SimProperties props = SimProperties.of("stress");
    private final List<Integer> levels = props.integers("levels", "2,10,50,200,500", "2,10,20,50,100,200,500,1000,1500");
    private final int levelS = props.integer("levelS", 6, 20);
    private final int rampS = props.integer("rampS", 1, 3);
    private final int maxLoops = props.integer("maxLoopsPerUser", 1_000_000, 1_000_000);
    private final Duration warmUpDuration = props.seconds("warmUpS", 6, 10);
    private final RequestRecorder recorder = new RequestRecorder(name());
    private final AtomicLong firstUserNanos = new AtomicLong();
    private volatile Optional<ServerCounters> atStaircaseStart = Optional.empty();
    private ImageCatalog catalog;

    public StressSimulation() {
        super("many-small", "none");
        try {
            catalog = ImageCatalog.discover(target.url(), 50);
        } catch (RuntimeException e) {
            throw closeOnFailure(e);
        }
        long totalNanos = Duration.ofSeconds(totalSeconds()).toNanos();
        RegistryChains chains = new RegistryChains(recorder);
        var feeder = catalog.randomFeeder();
        String loop = "regbench.loop";
        ScenarioBuilder stress = scenario("stress: manifest + config")
                .exec(s -> {
                    if (firstUserNanos.compareAndSet(0, System.nanoTime())) {
                        atStaircaseStart = target.serverCounters();
                    }
                    return s;
                })
                .asLongAs(s -> s.getInt(loop) < maxLoops && System.nanoTime() - firstUserNanos.get() < totalNanos, loop)
                .on(exec(s -> s.setAll(feeder.next()))
                        .exec(chains.operation("pull-manifest-config", chains.pullManifest().exec(chains.pullConfig()))));
        setUp(warmUp(catalog, 20, warmUpDuration).andThen(stress.injectClosed(steps()).protocols(protocol())))
                .assertions(FEW_FAILURES)
                .maxDuration(Duration.ofSeconds(totalSeconds() + 120).plus(warmUpDuration));
    }

    private ClosedInjectionStep[] steps() {
        List<ClosedInjectionStep> steps = new ArrayList<>();
        int previous = 0;
        for (int users : levels) {
            if (previous > 0) {
                steps.add(rampConcurrentUsers(previous).to(users).during(Duration.ofSeconds(rampS)));
            }
            steps.add(constantConcurrentUsers(users).during(Duration.ofSeconds(levelS)));
            previous = users;
        }
        return steps.toArray(ClosedInjectionStep[]::new);
    }

    private int totalSeconds() {
        return levels.size() * levelS + (levels.size() - 1) * rampS;
    }

    /** Each level's figures, from its hold time minus the first second. */
    List<Staircase.Level> levelFigures() {
        long offset = Math.max(0, (firstUserNanos.get() - recorder.originNanos()) / 1_000_000_000L);
        List<Staircase.Level> out = new ArrayList<>();
        for (int i = 0; i < levels.size(); i++) {
            long holdStart = offset + (long) i * (levelS + rampS);
            long from = holdStart + (levelS > 2 ? 1 : 0);
            long to = holdStart + levelS;
            var window = recorder.window(from, to);
            out.add(new Staircase.Level(levels.get(i), Figures.of(levels.get(i) + " users", window, window.getTotalCount(), recorder.failuresIn(from, to),
                    to - from, Optional.empty())));
        }
        return out;
    }

    @Override
    protected Summary summarize(Optional<ServerCounters> during) {
        List<Staircase.Level> perLevel = levelFigures();
        Map<String, Object> ratios = new LinkedHashMap<>();
        for (int to : new int[] {20, 50}) {
            Staircase.throughputRatio(perLevel, 2, to).ifPresent(r -> ratios.put("2->" + to, r));
        }
        // server counts from the first stair on, without the warm-up
        Optional<ServerCounters> measured = target.serverCounters().flatMap(e -> atStaircaseStart.map(e::minus));
        return Summary.of(name(), target.description(), props.scale(), Figures.of(recorder, measured),
                        levels.get(levels.size() - 1))
                .with("levelS", levelS)
                .with("levels", perLevel.stream().map(Staircase.Level::figures).toList())
                .with("knee", Staircase.knee(perLevel).orElse(null))
                .with("throughputRatioByUsers", ratios)
                .with("byRequest", recorder.byRequest())
                .with("byStatus", recorder.byStatus());
    }
}
