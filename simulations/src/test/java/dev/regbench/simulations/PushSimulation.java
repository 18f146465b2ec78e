package dev.regbench.simulations;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import dev.regbench.simulations.Target.ServerCounters;
import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ScenarioBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Users push new, unique images: the layer (monolithic {@code POST}+{@code PUT} for half the users,
 * chunked {@code PATCH}es for the other half), the config, the manifest, then a {@code HEAD} that
 * verifies the registry serves the manifest under the pushed digest.
 *
 * <p>Against {@code -Dregbench.target} the images go to a scratch repository
 * ({@code regbench-scratch/gatling-<epoch seconds>}) whose manifests are deleted in {@code after()}
 * (a registry with deletes disabled answers 405: they are left and counted).
 *
 * <p>Properties ({@code quick} / {@code full}): {@code regbench.push.usersPerSec} (6 / 10, split over
 * the two upload styles), {@code regbench.push.durationS} (15 / 60), {@code regbench.push.layerKiB}
 * (256 / 1024), {@code regbench.push.chunkKiB} (64 / 256).
 */
public class PushSimulation extends RegistrySimulation {

    /** At most this share of requests may fail (percent). */
    static final double MAX_FAILED_PERCENT = 1.0;
    /** 95th percentile latency limit, ms (generous, as in PullSimulation); {@code -Dregbench.push.p95LimitMs} overrides it. */
    static final int P95_LIMIT_MS = Integer.getInteger("regbench.push.p95LimitMs", 3_000);

    static final Assertion FEW_FAILURES = global().failedRequests().percent().lte(MAX_FAILED_PERCENT);
    static final Assertion P95_UNDER_LIMIT = global().responseTime().percentile(95.0).lt(P95_LIMIT_MS);

    private final SimProperties props = SimProperties.of("push");
    private final int usersPerSec = props.integer("usersPerSec", 6, 10);
    private final Duration duration = props.seconds("durationS", 15, 60);
    private final int layerBytes = props.integer("layerKiB", 256, 1024) * 1024;
    private final int chunkBytes = Math.max(1, props.integer("chunkKiB", 64, 256)) * 1024;
    private final String repository = target.isEmbedded() ? "scratch/gatling"
            : "regbench-scratch/gatling-" + System.currentTimeMillis() / 1000;
    private final RequestRecorder recorder = new RequestRecorder(name());
    private final Queue<String> pushed = new ConcurrentLinkedQueue<>();
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, Long> cleanup = new TreeMap<>();

    public PushSimulation() {
        super("none", "none");
        RegistryChains chains = new RegistryChains(recorder);
        double half = usersPerSec / 2.0;
        setUp(push("push monolithic", chains, false).injectOpen(constantUsersPerSec(half).during(duration)),
                push("push chunked", chains, true).injectOpen(constantUsersPerSec(half).during(duration)))
                .protocols(protocol())
                .assertions(FEW_FAILURES, P95_UNDER_LIMIT)
                .maxDuration(duration.plusMinutes(2));
    }

    private ScenarioBuilder push(String name, RegistryChains chains, boolean chunked) {
        return scenario(name)
                .exec(s -> PushContent.create(s, repository, (chunked ? "c" : "m") + sequence.incrementAndGet(), layerBytes))
                .exec(chains.pushImage(chunked, chunkBytes))
                .exec(s -> {
                    pushed.add(s.getString(PushContent.MANIFEST_DIGEST));
                    return s.removeAll(PushContent.LAYER, PushContent.CONFIG);
                });
    }

    @Override
    protected void afterLoad() {
        if (target.isEmbedded()) {
            return;
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (String digest : pushed) {
            String url = target.url() + "/v2/" + repository + "/manifests/" + digest;
            int status;
            try {
                status = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).DELETE().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (Exception e) {
                status = -1;
            }
            cleanup.merge(String.valueOf(status), 1L, Long::sum);
        }
        System.out.println("regbench PushSimulation cleanup of " + repository + ": DELETE statuses " + cleanup);
    }

    @Override
    protected Summary summarize(Optional<ServerCounters> during) {
        Map<String, long[]> ops = recorder.operations();
        long started = ops.values().stream().mapToLong(o -> o[0]).sum();
        return Summary.of(name(), target.description(), props.scale(), Figures.of(recorder, during), started)
                .with("repository", repository)
                .with("layerBytes", layerBytes)
                .with("chunkBytes", chunkBytes)
                .with("operations", ops)
                .with("imagesVerified", pushed.size())
                .with("cleanupDeleteStatuses", cleanup)
                .with("byRequest", recorder.byRequest())
                .with("byStatus", recorder.byStatus());
    }
}
