package dev.regbench.reports;

import dev.regbench.reports.model.Comparison;
import dev.regbench.reports.model.ConfigEntry;
import dev.regbench.reports.model.Environment;
import dev.regbench.reports.model.GateReport;
import dev.regbench.reports.model.GatlingSummary;
import dev.regbench.reports.model.LatencySummary;
import dev.regbench.reports.model.Metrics;
import dev.regbench.reports.model.Results;
import dev.regbench.reports.model.ResultsIo;
import dev.regbench.reports.model.RunResult;
import dev.regbench.reports.model.ScenarioInfo;
import dev.regbench.reports.model.SummaryRow;
import dev.regbench.reports.model.Sweep;
import dev.regbench.reports.stats.Direction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Regenerates the checked-in sample result files under {@code src/test/resources/samples/}
 * (figures shaped like real runs on a 2-core machine, with seeded noise). Not a test: run
 * {@code main} by hand after a schema change, then review the diff. Not thread-safe.
 */
final class SampleResults {
    private static final double MIB = 1024 * 1024;
    private final Random random;

    private SampleResults(long seed) {
        random = new Random(seed);
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : "reports/src/test/resources/samples");
        Path a = root.resolve("machine-a");
        SampleResults gen = new SampleResults(7);
        Environment envA = new Environment("17.0.15", "OpenJDK 64-Bit Server VM (Eclipse Adoptium)", 2,
                "Linux 6.1.0", "amd64", "3f2c9e1", "bench-a", "2026-11-04T09:12:30Z");
        ResultsIo.write(gen.scenario(envA, "wan", "wan", 1.0), a.resolve("scenarios/wan/results.json"));
        ResultsIo.write(gen.scenario(envA, "loopback", "loopback", 1.0), a.resolve("scenarios/loopback/results.json"));
        ResultsIo.write(gen.flaky(envA), a.resolve("scenarios/flaky/results.json"));
        ResultsIo.write(gen.sweep(envA), a.resolve("scenarios/wan-sweep-tagConcurrency/results.json"));
        ResultsIo.writeGate(gate(), a.resolve("gate/gate.json"));
        gatling(a.resolve("gatling"));

        Environment envB = new Environment("21.0.5", "OpenJDK 64-Bit Server VM (Debian)", 8,
                "Linux 6.8.0", "amd64", "3f2c9e1", "bench-b", "2026-11-04T10:02:11Z");
        ResultsIo.write(new SampleResults(11).scenario(envB, "wan", "wan", 1.25),
                root.resolve("machine-b/scenarios/wan/results.json"));
    }

    // ---- scenarios ---------------------------------------------------------------------

    private Results scenario(Environment env, String name, String network, double speed) {
        boolean wan = network.equals("wan");
        List<ConfigEntry> configs = List.of(
                new ConfigEntry("baseline", "configs/baseline.yaml", map("replication.tagConcurrency", 1,
                        "transport.keepAlive", false, "buffers.pooled", false, "retry.maxAttempts", 1)),
                new ConfigEntry("optimized", "configs/optimized.yaml", map("replication.tagConcurrency", 5,
                        "transport.keepAlive", true, "transport.maxPerHost", 50, "buffers.pooled", true,
                        "retry.maxAttempts", 4)));
        double copied = 336 * MIB;
        List<RunResult> runs = new ArrayList<>();
        for (int rep = 0; rep < 5; rep++) {
            runs.add(run("baseline", rep, copied, (wan ? 14.8 : 182) * speed, 0.05, 612, 612, 0, 2.15e9,
                    wan ? 22 : 0.4, wan ? 215 : 9));
            runs.add(run("optimized", rep, copied, (wan ? 61.5 : 236) * speed, 0.08, 538, 24, 0, 1.9e8,
                    wan ? 21 : 0.3, wan ? 230 : 11));
        }
        return finish(env, new ScenarioInfo(name, "standard", network, "none", 5, 1, Map.of("timeBudget", "10m")),
                configs, runs, List.of(Metrics.THROUGHPUT_MIB_S, Metrics.CONNECTION_REUSE, Metrics.REQUESTS_TOTAL,
                        Metrics.CONNECTIONS_OPENED, Metrics.RETRIES, Metrics.ALLOC_BYTES_PER_MIB,
                        Metrics.REQUESTS_PER_MIB, Metrics.GC_COUNT, Metrics.HEAP_PEAK_MIB, "latency.manifest_get.p50"),
                null);
    }

    private Results flaky(Environment env) {
        List<ConfigEntry> configs = List.of(
                new ConfigEntry("no-retry", "configs/no-retry.yaml", map("retry.maxAttempts", 1)),
                new ConfigEntry("optimized", "configs/optimized.yaml", map("retry.maxAttempts", 4,
                        "retry.baseDelay", "100ms", "retry.jitter", true)));
        List<RunResult> runs = new ArrayList<>();
        double copied = 336 * MIB;
        for (int rep = 0; rep < 5; rep++) {
            RunResult failed = new RunResult("no-retry", rep, false,
                    "tag app:7: blob sha256:9b1f…c2 failed after 1 attempt: 503 Service Unavailable",
                    metrics(copied * 0.8, 13.1, 0.05, 590, 24, 0, 1.8e8, Map.of("failed_requests", 17.0 + rep)),
                    Map.of());
            runs.add(failed);
            Map<String, Double> extra = new LinkedHashMap<>();
            extra.put(Metrics.FAILED_REQUESTS, (double) Math.max(0, random.nextInt(3) - 1));
            runs.add(new RunResult("optimized", rep, true, null,
                    metrics(copied, 55.2, 0.1, 560, 31, 18 + random.nextInt(6), 1.95e8, extra),
                    latencies(21, 230)));
        }
        return finish(env, new ScenarioInfo("flaky", "standard", "wan", "flaky", 5, 1, Map.of()),
                configs, runs, List.of(Metrics.THROUGHPUT_MIB_S, Metrics.RETRIES, Metrics.FAILED_REQUESTS), null);
    }

    private Results sweep(Environment env) {
        int[] values = {1, 2, 3, 4, 5, 8, 16, 32};
        double[] throughput = {15.1, 29.4, 43.0, 55.8, 64.2, 71.5, 73.0, 72.1};
        List<ConfigEntry> configs = new ArrayList<>();
        List<RunResult> runs = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            String config = "tagConcurrency=" + values[i];
            configs.add(new ConfigEntry(config, null, map("replication.tagConcurrency", values[i])));
            for (int rep = 0; rep < 3; rep++) {
                runs.add(run(config, rep, 336 * MIB, throughput[i], 0.06, 540, 4L + 4 * values[i] / 2, 0, 1.9e8,
                        21 + values[i] * 0.2, 228 + values[i] * 6));
            }
        }
        Results base = finish(env, new ScenarioInfo("wan-sweep", "standard", "wan", "none", 3, 1,
                Map.of("sweep", "replication.tagConcurrency=1,2,3,4,5,8,16,32")), configs, runs, List.of(), null);
        List<Sweep.Point> points = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            String config = "tagConcurrency=" + values[i];
            Map<String, Double> medians = new LinkedHashMap<>();
            for (String m : List.of(Metrics.THROUGHPUT_MIB_S, Metrics.CONNECTION_REUSE, "latency.blob_get.p99")) {
                base.summaryOf(config, m).ifPresent(s -> medians.put(m, s.median()));
            }
            points.add(new Sweep.Point(String.valueOf(values[i]), config, medians));
        }
        return new Results(1, base.environment(), base.scenario(), base.configs(), base.runs(), base.summary(),
                List.of(), new Sweep("replication.tagConcurrency", points, "8", Metrics.THROUGHPUT_MIB_S));
    }

    private Results finish(Environment env, ScenarioInfo scenario, List<ConfigEntry> configs, List<RunResult> runs,
                           List<String> compared, Sweep sweep) {
        Results raw = new Results(1, env, scenario, configs, runs, List.of(), List.of(), sweep);
        List<SummaryRow> summary = new ArrayList<>();
        for (String config : raw.configNames()) {
            for (var info : Metrics.all()) {
                double[] v = raw.values(config, info.name());
                if (v.length > 0) {
                    summary.add(SummaryRow.of(config, info.name(), v));
                }
            }
        }
        List<Comparison> comparisons = new ArrayList<>();
        if (configs.size() == 2) {
            String a = configs.get(0).name();
            String b = configs.get(1).name();
            for (String m : compared) {
                double[] av = raw.values(a, m);
                double[] bv = raw.values(b, m);
                if (av.length > 0 && bv.length > 0) {
                    comparisons.add(Comparison.of(a, b, m, av, bv, 0));
                }
            }
        }
        return new Results(1, env, scenario, configs, runs, summary, comparisons, sweep);
    }

    private RunResult run(String config, int rep, double copied, double mibs, double noise, long requests,
                          long connections, long retries, double alloc, double latP50, double blobP50) {
        double tp = mibs * (1 + noise * random.nextGaussian());
        return new RunResult(config, rep, true, null,
                metrics(copied, tp, noise, requests, connections, retries, alloc, Map.of()),
                latencies(latP50, blobP50));
    }

    private Map<String, Double> metrics(double copied, double mibs, double noise, long requests, long connections,
                                        long retries, double alloc, Map<String, Double> extra) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(Metrics.BLOB_BYTES_COPIED, copied);
        m.put(Metrics.WALL_S, round(copied / MIB / mibs, 3));
        m.put(Metrics.THROUGHPUT_MIB_S, round(mibs, 2));
        m.put(Metrics.REQUESTS_TOTAL, (double) requests);
        m.put(Metrics.BYTES_IN, copied * 1.002);
        m.put(Metrics.BYTES_OUT, copied * 1.004);
        m.put(Metrics.CONNECTIONS_OPENED, (double) connections);
        m.put(Metrics.CONNECTION_REUSE, round(1 - (double) connections / requests, 4));
        m.put(Metrics.RETRIES, (double) retries);
        m.put(Metrics.FAILED_REQUESTS, 0.0);
        m.put(Metrics.BLOBS_COPIED, 82.0);
        m.put(Metrics.BLOBS_SKIPPED, 38.0);
        m.put(Metrics.MANIFESTS_COPIED, 40.0);
        m.put(Metrics.ALLOC_BYTES, Math.rint(alloc * (1 + 0.01 * random.nextGaussian())));
        m.put(Metrics.GC_COUNT, (double) Math.round(alloc / 6e7 + random.nextInt(2)));
        m.put(Metrics.GC_PAUSE_MS, round(alloc / 6e7 * 2.1 * (1 + noise * random.nextGaussian()), 1));
        m.put(Metrics.HEAP_PEAK_MIB, round(alloc > 1e9 ? 212 + random.nextInt(30) : 96 + random.nextInt(12), 0));
        m.putAll(extra);
        return m;
    }

    private Map<String, LatencySummary> latencies(double smallP50, double blobP50) {
        Map<String, LatencySummary> l = new LinkedHashMap<>();
        l.put("manifest_get", lat(900, smallP50));
        l.put("blob_head", lat(1200, smallP50 * 0.9));
        l.put("blob_get", lat(164, blobP50));
        l.put("blob_put", lat(164, blobP50 * 1.1));
        return l;
    }

    private LatencySummary lat(long count, double p50) {
        double j = 1 + 0.05 * random.nextGaussian();
        return new LatencySummary(count, round(p50 * j, 3), round(p50 * 1.4 * j, 3), round(p50 * 2.6 * j, 3),
                round(p50 * 5.2 * j, 3), round(p50 * 7.5 * j, 3));
    }

    // ---- gate and gatling --------------------------------------------------------------

    private static GateReport gate() {
        return new GateReport(1, "baselines/ci.json", "target/regbench/scenarios/quick/results.json",
                "2026-11-04T09:31:02Z", false, List.of(
                row("optimized/requests_total", 538, 538, 2, GateReport.Kind.MACHINE_INDEPENDENT, Direction.LOWER_IS_BETTER),
                row("optimized/connections_opened", 24, 24, 10, GateReport.Kind.MACHINE_INDEPENDENT, Direction.LOWER_IS_BETTER),
                row("optimized/connection_reuse", 0.9554, 0.9554, 2, GateReport.Kind.MACHINE_INDEPENDENT, Direction.HIGHER_IS_BETTER),
                row("optimized/retries", 0, 0, 0, GateReport.Kind.MACHINE_INDEPENDENT, Direction.LOWER_IS_BETTER),
                row("optimized/alloc_bytes_per_mib", 541_000, 689_000, 15, GateReport.Kind.MACHINE_INDEPENDENT, Direction.LOWER_IS_BETTER),
                row("speedup optimized/baseline throughput_mib_s", 4.12, 4.05, 20, GateReport.Kind.SAME_RUN_RATIO, Direction.HIGHER_IS_BETTER),
                row("jmh:BuffersBenchmark.pooledGetPut[size=32768]:gc.alloc.rate.norm", 0, 0, 0, GateReport.Kind.MACHINE_INDEPENDENT, Direction.LOWER_IS_BETTER)));
    }

    private static GateReport.Row row(String metric, double baseline, double current, double tolerance,
                                      GateReport.Kind kind, Direction direction) {
        double change = baseline == 0 ? (current == 0 ? 0 : 100) : (current - baseline) / baseline * 100;
        double bad = direction == Direction.HIGHER_IS_BETTER ? -change : change;
        return new GateReport.Row(metric, baseline, current, round(change, 2), tolerance, kind, direction,
                bad <= tolerance);
    }

    private static void gatling(Path dir) throws IOException {
        write(dir, new GatlingSummary(1, "PullSimulation", null, "embedded", "2026-11-04T09:20:00Z", 60, 600, 40,
                4812, 0, 80.2, 4.1, 3.0, 12.0, 25.0, 140.0, 40L, "pullsimulation-20261104092000123",
                List.of(new GatlingSummary.Request("pull manifest", 1604, 0, 2, 8, 15, 60),
                        new GatlingSummary.Request("pull config", 1604, 0, 1, 5, 11, 44),
                        new GatlingSummary.Request("pull layers", 1604, 0, 6, 19, 38, 140)), Map.of()));
        write(dir, new GatlingSummary(1, "StressSimulation", null, "embedded", "2026-11-04T09:22:00Z", 90, 1200, 1050,
                61220, 37, 680.2, 41.0, 18.0, 120.0, 340.0, 1900.0, 1200L, "stresssimulation-20261104092200456",
                List.of(), Map.of("knee_users", 600.0)));
        long[][] reuse = {{12000, 52}, {12000, 200}, {12000, 12000}};
        String[] variants = {"shared", "per-user", "no-keepalive"};
        double[] rps = {400, 395, 210};
        for (int i = 0; i < 3; i++) {
            write(dir, new GatlingSummary(1, "ConnectionReuseSimulation", variants[i], "embedded",
                    "2026-11-04T09:25:00Z", 30, 200, 50, reuse[i][0], 0, rps[i], 4 + i * 3, 3 + i * 2.5, 9 + i * 6,
                    15 + i * 12, 80 + i * 40, reuse[i][1], null, List.of(), Map.of()));
        }
        String[] perHost = {"perHost-2", "perHost-50"};
        double[] hostRps = {96, 455};
        for (int i = 0; i < 2; i++) {
            write(dir, new GatlingSummary(1, "ConnectionReuseSimulation", perHost[i], "embedded",
                    "2026-11-04T09:27:00Z", 30, 50, 50, (long) (hostRps[i] * 30), 0, hostRps[i], 500.0 / hostRps[i] * 20,
                    480.0 / hostRps[i] * 20, 900.0 / hostRps[i] * 20, 1200.0 / hostRps[i] * 20, 2000.0 / hostRps[i] * 20,
                    i == 0 ? 2L : 50L, null, List.of(), Map.of()));
        }
        Path report = dir.resolve("pullsimulation-20261104092000123");
        Files.createDirectories(report);
        Files.writeString(report.resolve("index.html"),
                "<!DOCTYPE html><html><body><h1>Gatling report (sample stand-in)</h1></body></html>\n");
    }

    private static void write(Path dir, GatlingSummary s) {
        String file = s.simulation() + (s.variant() == null ? "" : "-" + s.variant()) + "-summary.json";
        ResultsIo.writeGatling(s, dir.resolve(file));
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static double round(double v, int digits) {
        return Double.parseDouble(String.format(Locale.ROOT, "%." + digits + "f", v));
    }
}
