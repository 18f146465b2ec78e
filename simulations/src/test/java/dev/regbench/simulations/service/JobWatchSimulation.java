package dev.regbench.simulations.service;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.ws;

import dev.regbench.service.ReplicationService;
import dev.regbench.service.ReplicatorJobRunner;
import dev.regbench.service.ServiceConfig;
import dev.regbench.service.ServiceStats;
import dev.regbench.simulations.service.JobPollingSimulation.Cpu;
import dev.regbench.simulations.service.JobPollingSimulation.Meter;
import dev.regbench.simulations.service.JobPollingSimulation.Props;
import dev.regbench.simulations.service.JobPollingSimulation.ServiceBench;
import io.gatling.http.action.ws.WsInboundMessage;
import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Claim C18: "20 WebSocket clients x 10 jobs cost < 5% CPU, ~2 KB per connection".
 *
 * <p>One job service runs {@code jobs} real replication jobs at once (the engine's Replicator,
 * fake registries with the {@code wan} profile). First a window with no watcher, then
 * {@code clients} WebSocket clients each open {@code /ws/jobs} and subscribe to {@code perClient}
 * jobs; a second window of the same length is measured while they receive the jobs' progress.
 * CPU time is read per thread group (service I/O threads, job and engine threads, Gatling) with
 * ThreadMXBean, and heap after a full GC at the end of each window. The watchers' cost is the
 * difference between the windows; heap per connection is the heap difference / clients (it
 * includes Gatling's client side of each socket, which lives in the same JVM).
 *
 * <p>Properties (quick / full): {@code regbench.watch.clients} (20 / 20), {@code regbench.watch.perClient}
 * (10 / 10), {@code regbench.watch.jobs} (10 / 10), {@code regbench.watch.tagsPerJob} (200 / 200),
 * {@code regbench.watch.windowS} (10 / 60).
 */
public class JobWatchSimulation extends Simulation {

    /** Every watcher connects and gets its subscription acknowledged. */
    static final Assertion ALL_SUBSCRIBED = global().failedRequests().count().is(0L);
    private static final Pattern AT = Pattern.compile("\"at\":(\\d+)");
    private static final Pattern TYPE = Pattern.compile("\"type\":\"([a-z]+)\"");

    private final Props props = new Props("watch");
    private final int clients = props.integer("clients", 20, 20);
    private final int perClient = props.integer("perClient", 10, 10);
    private final int jobs = props.integer("jobs", 10, 10);
    private final int tagsPerJob = props.integer("tagsPerJob", 200, 200);
    private final Duration window = Duration.ofSeconds(props.integer("windowS", 10, 60));
    private final ServiceBench bench;
    private final ReplicationService service;
    private final List<String> ids;
    private final Meter delivery = new Meter("delivery");
    private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
    private final AtomicReference<Cpu.Snapshot> quietStart = new AtomicReference<>();
    private final AtomicReference<Cpu.Snapshot> quietEnd = new AtomicReference<>();
    private final AtomicReference<Cpu.Snapshot> watchStart = new AtomicReference<>();
    private final AtomicReference<Cpu.Snapshot> watchEnd = new AtomicReference<>();
    private final AtomicReference<ServiceStats> statsAtWatchEnd = new AtomicReference<>();

    public JobWatchSimulation() {
        bench = ServiceBench.start("many-small", "wan");
        try {
            service = bench.service(ServiceConfig.DEFAULT.withPort(0).withJobLimits(jobs, 1000), new ReplicatorJobRunner());
            // one tag and one blob at a time: each job lasts long enough to outlive both windows
            ids = bench.submit(service, "watch", jobs, tagsPerJob,
                    "{\"replication\":{\"tagConcurrency\":1,\"blobConcurrency\":1}}");
        } catch (RuntimeException e) {
            bench.close();
            throw e;
        }
        var quiet = scenario("no watchers")
                .exec(s -> mark(s, quietStart))
                .pause(window)
                .exec(s -> mark(s, quietEnd));
        ChainBuilder drain = exec(ws.processUnmatchedMessages((messages, s) -> {
            long now = System.currentTimeMillis();
            for (WsInboundMessage m : messages) {
                if (m instanceof WsInboundMessage.Text t) {
                    Matcher type = TYPE.matcher(t.message());
                    received.computeIfAbsent(type.find() ? type.group(1) : "other", k -> new AtomicInteger()).incrementAndGet();
                    Matcher at = AT.matcher(t.message());
                    if (at.find()) {
                        delivery.record((t.timestamp() - Long.parseLong(at.group(1))) * 1_000_000L, true, null);
                    }
                }
            }
            return s;
        }));
        AtomicInteger next = new AtomicInteger();
        var watchers = scenario("watchers")
                .exec(s -> s.set("subscribe", subscribeMessage(next.getAndIncrement())))
                .exec(ws("connect").connect("/ws/jobs").header("Authorization", "Bearer " + bench.token))
                .exec(ws("subscribe").sendText("#{subscribe}").await(Duration.ofSeconds(10))
                        .on(ws.checkTextMessage("subscribed").check(jsonPath("$.type").is("subscribed"))))
                .exec(during(window.plusSeconds(4)).on(exec(drain).pause(Duration.ofSeconds(1))))
                .exec(drain)
                .exec(ws("close").close());
        var meter = scenario("watch window")
                .pause(Duration.ofSeconds(2))
                .exec(s -> mark(s, watchStart))
                .pause(window)
                .exec(s -> {
                    statsAtWatchEnd.set(service.stats());
                    return mark(s, watchEnd);
                });
        setUp(quiet.injectOpen(atOnceUsers(1)).andThen(
                        watchers.injectOpen(atOnceUsers(clients)), meter.injectOpen(atOnceUsers(1))))
                .protocols(http.baseUrl(service.url()).authorizationHeader("Bearer " + bench.token).wsBaseUrl(service.url().replace("http://", "ws://"))
                        .wsUnmatchedInboundMessageBufferSize(100_000))
                .assertions(ALL_SUBSCRIBED)
                .maxDuration(window.multipliedBy(2).plusMinutes(2));
    }

    private String subscribeMessage(int client) {
        List<String> pick = new ArrayList<>();
        for (int k = 0; k < Math.min(perClient, ids.size()); k++) {
            pick.add("\"" + ids.get((client + k) % ids.size()) + "\"");
        }
        return "{\"op\":\"subscribe\",\"jobs\":[" + String.join(",", pick) + "]}";
    }

    private static io.gatling.javaapi.core.Session mark(io.gatling.javaapi.core.Session s, AtomicReference<Cpu.Snapshot> slot) {
        slot.set(Cpu.take(true));
        return s;
    }

    @Override
    public void after() {
        try {
            Map<String, Object> quiet = Cpu.between(quietStart.get(), quietEnd.get());
            Map<String, Object> watched = Cpu.between(watchStart.get(), watchEnd.get());
            double ioExtra = (double) watched.get("serviceIoCpuPctOfMachine") - (double) quiet.get("serviceIoCpuPctOfMachine");
            double jobsExtra = (double) watched.get("jobsCpuPctOfMachine") - (double) quiet.get("jobsCpuPctOfMachine");
            double heapPerConnKiB = (watchEnd.get().heapUsedBytes() - quietEnd.get().heapUsedBytes()) / 1024.0 / clients;
            ServiceStats stats = statsAtWatchEnd.get();
            Map<String, Object> d = delivery.figures();
            Map<String, Object> s = bench.summaryHeader("JobWatchSimulation", props, d, null);
            s.put("clients", clients);
            s.put("subscriptionsPerClient", perClient);
            s.put("jobsRunning", jobs);
            s.put("windowS", window.toSeconds());
            s.put("loadAverageAtEnd", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            s.put("withoutWatchers", quiet);
            s.put("withWatchers", watched);
            s.put("watchCostServiceIoCpuPctOfMachine", Meter.round(ioExtra));
            s.put("watchCostJobThreadsCpuPctOfMachine", Meter.round(jobsExtra));
            s.put("heapDeltaPerConnectionKiB", Meter.round(heapPerConnKiB));
            s.put("messagesReceivedByType", new java.util.TreeMap<>(received));
            s.put("deliveryLatencyMs", d);
            s.put("serverMessagesSent", stats.messagesSent());
            s.put("serverProgressConflated", stats.progressConflated());
            s.put("serverWebSocketsDropped", stats.webSocketsDropped());
            s.put("jobsAtEnd", service.stats().jobs());
            s.put("verdictC18", String.format(Locale.ROOT,
                    "%d clients x %d jobs: service I/O threads +%.2f%% of the machine, job threads %+.2f%% (claim: < 5%% CPU); "
                            + "heap +%.1f KiB per connection incl. Gatling's client side (claim: ~2 KB)",
                    clients, perClient, ioExtra, jobsExtra, heapPerConnKiB));
            ServiceBench.write("JobWatchSimulation", s);
        } finally {
            bench.close();
        }
    }
}
