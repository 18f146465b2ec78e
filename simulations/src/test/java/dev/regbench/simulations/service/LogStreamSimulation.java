package dev.regbench.simulations.service;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.bodyLength;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import dev.regbench.service.JobContext;
import dev.regbench.service.JobRunner;
import dev.regbench.service.JobSpec;
import dev.regbench.service.ReplicationService;
import dev.regbench.service.ServiceConfig;
import dev.regbench.service.ServiceStats;
import dev.regbench.simulations.service.JobPollingSimulation.Cpu;
import dev.regbench.simulations.service.JobPollingSimulation.Meter;
import dev.regbench.simulations.service.JobPollingSimulation.Props;
import dev.regbench.simulations.service.JobPollingSimulation.ServiceBench;
import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Claim C19: "log streaming with 4 KB buffers sustains 4 MB/s for 5 clients under 100 MB".
 *
 * <p>The subject is the service's log streaming path ({@code GET /jobs/{id}/logs?follow=true}: one
 * shared in-memory log per job, written to each client in 4 KiB chunks). A replication job logs a
 * few lines per tag, far below 4 MB/s, so the busy jobs here run a log-heavy runner: each writes
 * 100-byte lines paced at {@code rateKiBs} per job for {@code durationS} seconds (bounded count
 * and time). Five clients follow: in phase "distinct" one job each, in phase "shared" all five
 * the same job. Per client: bytes received / time to the end of the stream (the job's end), and
 * whether any output was dropped by the per-job log cap. Memory: the bytes the logs hold
 * (service side) and heap after GC (whole JVM, Gatling included).
 *
 * <p>Properties (quick / full): {@code regbench.logs.clients} (5 / 5), {@code regbench.logs.rateKiBs}
 * (4096 / 4096), {@code regbench.logs.durationS} (8 / 30).
 */
public class LogStreamSimulation extends Simulation {

    static final Assertion ALL_STREAMS_OK = global().failedRequests().count().is(0L);
    private static final int LINE = 100;

    private final Props props = new Props("logs");
    private final int clients = props.integer("clients", 5, 5);
    private final int rateKiBs = props.integer("rateKiBs", 4096, 4096);
    private final int durationS = props.integer("durationS", 8, 30);
    private final ServiceBench bench;
    private final ReplicationService service;
    private final Map<String, Meter> meters = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> bytes = new ConcurrentHashMap<>();
    private final Map<String, List<Double>> clientRates = new ConcurrentHashMap<>();
    private final AtomicLong peakLogRetained = new AtomicLong();
    private final AtomicReference<Cpu.Snapshot> start = new AtomicReference<>();
    private final AtomicReference<Cpu.Snapshot> end = new AtomicReference<>();

    public LogStreamSimulation() {
        bench = ServiceBench.start("tiny", "loopback");
        service = bench.service(ServiceConfig.DEFAULT.withPort(0).withJobLimits(clients + 1, 100), new LogHeavyRunner());
        var follow = http("follow log").get("/jobs/#{job}/logs?follow=true")
                .check(status().is(200), bodyLength().saveAs("len"));
        var distinct = scenario("distinct jobs")
                .exec(s -> s.set("job", submitOne()).set("phase", "distinct"))
                .exec(s -> s.set("t0", System.nanoTime()))
                .exec(follow)
                .exec(this::record);
        var shared = scenario("one shared job")
                .exec(s -> s.set("job", sharedJob()).set("phase", "shared"))
                .exec(s -> s.set("t0", System.nanoTime()))
                .exec(follow)
                .exec(this::record);
        var meter = scenario("memory")
                .exec(s -> {
                    start.set(Cpu.take(true));
                    return s;
                })
                .repeat(2 * (durationS + 4)).on(exec(s -> {
                    peakLogRetained.accumulateAndGet(service.stats().logRetainedBytes(), Math::max);
                    return s;
                }).pause(Duration.ofMillis(500)))
                .exec(s -> {
                    end.set(Cpu.take(true));
                    return s;
                });
        setUp(distinct.injectOpen(atOnceUsers(clients)).andThen(shared.injectOpen(atOnceUsers(clients))),
                        meter.injectOpen(atOnceUsers(1)))
                .protocols(http.baseUrl(service.url()).authorizationHeader("Bearer " + bench.token).disableWarmUp().disableCaching())
                .assertions(ALL_STREAMS_OK)
                .maxDuration(Duration.ofSeconds(4L * durationS + 120));
    }

    private final AtomicReference<String> sharedId = new AtomicReference<>();

    private synchronized String sharedJob() {
        if (sharedId.get() == null) {
            sharedId.set(submitOne());
        }
        return sharedId.get();
    }

    private String submitOne() {
        return bench.submit(service, "logs", 1, 1).get(0);
    }

    private io.gatling.javaapi.core.Session record(io.gatling.javaapi.core.Session s) {
        String phase = s.getString("phase");
        long nanos = System.nanoTime() - s.getLong("t0");
        meters.computeIfAbsent(phase, Meter::new).record(nanos, !s.isFailed(), null);
        long len = s.contains("len") ? s.getLong("len") : 0;
        bytes.computeIfAbsent(phase, p -> new AtomicLong()).addAndGet(len);
        double mibs = len / 1048576.0 / (nanos / 1e9);
        clientRates.computeIfAbsent(phase, p -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(mibs);
        return s;
    }

    @Override
    public void after() {
        try {
            ServiceStats stats = service.stats();
            Map<String, Object> distinct = phase("distinct");
            Map<String, Object> shared = phase("shared");
            Map<String, Object> s = bench.summaryHeader("LogStreamSimulation", props, meters.get("distinct").figures(),
                    meters.get("shared").figures());
            s.put("clients", clients);
            s.put("producerKiBsPerJob", rateKiBs);
            s.put("durationS", durationS);
            s.put("loadAverageAtEnd", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            s.put("distinct", distinct);
            s.put("shared", shared);
            s.put("logBytesStreamedByServer", stats.logBytesStreamed());
            s.put("peakLogRetainedMiB", Meter.round(peakLogRetained.get() / 1048576.0));
            s.put("cpuAndHeap", Cpu.between(start.get(), end.get()));
            double minDistinct = (double) distinct.get("minClientMiBs");
            double minShared = (double) shared.get("minClientMiBs");
            s.put("verdictC19", String.format(Locale.ROOT,
                    "%d clients following busy logs (producer paced at %d KiB/s per job): slowest client %.2f MiB/s (distinct jobs), "
                            + "%.2f MiB/s (one shared job); logs held at most %.1f MiB (claim: 4 MB/s for 5 clients, < 100 MB); "
                            + "a stream ends with its job, so a client's rate is capped by what its job wrote",
                    clients, rateKiBs, minDistinct, minShared, peakLogRetained.get() / 1048576.0));
            ServiceBench.write("LogStreamSimulation", s);
        } finally {
            bench.close();
        }
    }

    private Map<String, Object> phase(String name) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        List<Double> rates = clientRates.getOrDefault(name, List.of());
        m.put("streams", meters.get(name).figures());
        m.put("bytesReceived", bytes.getOrDefault(name, new AtomicLong()).get());
        m.put("clientMiBs", rates.stream().map(Meter::round).toList());
        m.put("minClientMiBs", Meter.round(rates.stream().mapToDouble(Double::doubleValue).min().orElse(0)));
        m.put("aggregateMiBs", Meter.round(rates.stream().mapToDouble(Double::doubleValue).sum()));
        return m;
    }

    /**
     * A job whose work is writing its log: 100-byte lines paced at {@code rateKiBs} for
     * {@code durationS} seconds (then it succeeds). Thread-safe (stateless).
     */
    private final class LogHeavyRunner implements JobRunner {
        @Override
        public void run(JobSpec spec, JobContext ctx) throws Exception {
            String pad = "x".repeat(LINE - 40);
            long perTick = Math.max(1, (long) rateKiBs * 1024 / LINE / 100); // lines per 10 ms
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(durationS);
            long next = System.nanoTime();
            for (long line = 0; System.nanoTime() < deadline; ) {
                ctx.throwIfCancelled();
                for (long i = 0; i < perTick; i++, line++) {
                    ctx.log(String.format(Locale.ROOT, "%08d %s", line, pad));
                }
                next += TimeUnit.MILLISECONDS.toNanos(10);
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
        }
    }

}
