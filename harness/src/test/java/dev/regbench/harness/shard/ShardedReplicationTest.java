package dev.regbench.harness.shard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regbench.engine.config.TuningConfig;
import dev.regbench.engine.registry.ImageReference;
import dev.regbench.engine.registry.RegistryClient;
import dev.regbench.engine.replicate.Replicator;
import dev.regbench.engine.replicate.ReplicatorOptions;
import dev.regbench.fakeregistry.FakeRegistry;
import dev.regbench.fakeregistry.dataset.Dataset;
import dev.regbench.fakeregistry.stats.StatsSnapshot;
import dev.regbench.harness.cli.RegbenchCli;
import dev.regbench.reports.merge.Hlog;
import dev.regbench.reports.model.LatencySummary;
import dev.regbench.reports.model.Results;
import dev.regbench.reports.model.ResultsIo;
import dev.regbench.reports.model.RunResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16's done-when: three {@code regbench replicate --shard I/3} processes (separate JVMs, run
 * at once) against one source fake registry do exactly the work of one unsharded process, and
 * {@code regbench merge} of their results gives latency percentiles equal to those of one
 * HdrHistogram fed every value the shards recorded.
 *
 * <p>The one difference by design: every shard lists the work before taking its share, so the
 * listing routes (ping, catalog, tags list) are requested once per shard; the test asserts exactly
 * that factor, and equality for every other route.
 */
class ShardedReplicationTest {

    private static final int SHARDS = 3;
    /** 2 repositories x 6 tags, 2 unique layers per tag: no blob is shared between two images. */
    private static final String DATASET = """
            name: shards
            seed: 16
            repos: 2
            tagsPerRepo: 6
            layersPerTag: 2
            layerSize: 16KiB..64KiB
            """;
    private static final int IMAGES = 12;
    private static final Set<String> LISTING_ROUTES = Set.of("ping", "catalog", "tags");

    @TempDir
    Path temp;

    @Test
    void threeShardProcesses_doExactlyTheUnshardedWork_andMergeExactly() throws Exception {
        Dataset dataset = Dataset.parseYaml(DATASET, "shards dataset");
        try (FakeRegistry src = FakeRegistry.builder().dataset(dataset).storage(temp.resolve("src")).start();
             FakeRegistry whole = FakeRegistry.builder().storage(temp.resolve("dst-whole")).start();
             FakeRegistry sharded = FakeRegistry.builder().storage(temp.resolve("dst-sharded")).start()) {
            long t0 = System.nanoTime();
            Process one = replicate(src, whole, null, temp.resolve("unsharded"));
            await(one, "unsharded");
            double unshardedS = (System.nanoTime() - t0) / 1e9;
            StatsSnapshot srcWhole = src.settledStats();
            StatsSnapshot dstWhole = whole.settledStats();
            src.resetStats();

            long t1 = System.nanoTime();
            List<Process> shards = new ArrayList<>();
            List<Path> dirs = new ArrayList<>();
            for (int i = 0; i < SHARDS; i++) {
                dirs.add(temp.resolve("shard" + i));
                shards.add(replicate(src, sharded, i + "/" + SHARDS, dirs.get(i)));
            }
            for (int i = 0; i < SHARDS; i++) {
                await(shards.get(i), "shard " + i);
            }
            double shardedS = (System.nanoTime() - t1) / 1e9;
            StatsSnapshot srcSharded = src.settledStats();
            StatsSnapshot dstSharded = sharded.settledStats();

            // every image in exactly one shard
            Results unsharded = ResultsIo.read(temp.resolve("unsharded/results.json"));
            List<Results> parts = new ArrayList<>();
            for (Path d : dirs) {
                parts.add(ResultsIo.read(d.resolve("results.json")));
            }
            double tagsSum = parts.stream().mapToDouble(p -> p.runs().get(0).metrics().get("tags_copied")).sum();
            assertThat(tagsSum).isEqualTo(unsharded.runs().get(0).metrics().get("tags_copied")).isEqualTo((double) IMAGES);
            for (int i = 0; i < SHARDS; i++) {
                assertThat(parts.get(i).scenario().extra()).containsEntry("shard", i + "/" + SHARDS);
            }

            // same digests at both destinations, equal to the source's
            assertSameDigests(src, whole);
            assertSameDigests(src, sharded);

            // server side: the same requests per route, listing routes once per shard
            assertRoutes("destination", dstWhole.requestsByRoute(), dstSharded.requestsByRoute());
            assertRoutes("source", srcWhole.requestsByRoute(), srcSharded.requestsByRoute());
            assertThat(dstSharded.bytesIn()).as("bytes uploaded to the destination").isEqualTo(dstWhole.bytesIn());

            // merge (the CLI, in-process) and compare with the unsharded run
            Path merged = temp.resolve("merged");
            List<String> args = new ArrayList<>(List.of("merge"));
            dirs.forEach(d -> args.add(d.toString()));
            args.addAll(List.of("--out", merged.toString()));
            StringWriter err = new StringWriter();
            int code = RegbenchCli.commandLine().setErr(new PrintWriter(err)).execute(args.toArray(String[]::new));
            assertThat(code).as(err.toString()).isZero();
            RunResult m = ResultsIo.read(merged.resolve("results.json")).runs().get(0);
            RunResult u = unsharded.runs().get(0);
            assertThat(m.ok()).isTrue();
            assertThat(m.metrics().get("blob_bytes_copied")).isEqualTo(u.metrics().get("blob_bytes_copied"))
                    .isEqualTo((double) src.seeded().blobBytes());
            assertThat(m.metrics().get("blobs_copied")).isEqualTo(u.metrics().get("blobs_copied"));
            assertThat(m.metrics().get("manifests_copied")).isEqualTo(u.metrics().get("manifests_copied"));
            assertRoutes("client (merged vs unsharded results)", u.requestsByRoute(), m.requestsByRoute());

            // exact merged percentiles: one histogram fed every value the shards recorded
            Map<String, Histogram> single = new TreeMap<>();
            for (int i = 0; i < SHARDS; i++) {
                Hlog log = Hlog.read(dirs.get(i).resolve(parts.get(i).runs().get(0).hlog()));
                log.byTag().forEach((op, h) -> {
                    Histogram all = single.computeIfAbsent(op, x -> new Histogram(h.getNumberOfSignificantValueDigits()));
                    for (HistogramIterationValue v : h.recordedValues()) {
                        all.recordValueWithCount(v.getValueIteratedTo(), v.getCountAtValueIteratedTo());
                    }
                });
            }
            Map<String, Histogram> fromMerge = Hlog.read(merged.resolve(m.hlog())).byTag();
            assertThat(fromMerge.keySet()).isEqualTo(single.keySet());
            StringBuilder figures = new StringBuilder();
            for (Map.Entry<String, Histogram> e : single.entrySet()) {
                Histogram mh = fromMerge.get(e.getKey());
                for (double p : new double[] {50, 95, 99}) {
                    assertThat(mh.getValueAtPercentile(p)).as(e.getKey() + " p" + p)
                            .isEqualTo(e.getValue().getValueAtPercentile(p));
                }
                assertThat(m.latency().get(e.getKey())).isEqualTo(LatencySummary.of(e.getValue(), 1000.0));
                figures.append(String.format(Locale.ROOT, "  %-14s n=%d merged p50/p95/p99 %d/%d/%d us; single histogram %d/%d/%d us%n",
                        e.getKey(), mh.getTotalCount(), mh.getValueAtPercentile(50), mh.getValueAtPercentile(95),
                        mh.getValueAtPercentile(99), e.getValue().getValueAtPercentile(50),
                        e.getValue().getValueAtPercentile(95), e.getValue().getValueAtPercentile(99)));
            }
            System.out.printf(Locale.ROOT, "sharded replication: unsharded process %.2f s, %d shard processes %.2f s"
                    + " (wall, JVM start included, all on one machine)%n", unshardedS, SHARDS, shardedS);
            for (int i = 0; i < SHARDS; i++) {
                System.out.println("  shard " + i + "/" + SHARDS + " client requests by route: "
                        + parts.get(i).runs().get(0).requestsByRoute());
            }
            System.out.println("  merged client requests by route:     " + m.requestsByRoute());
            System.out.println("  unsharded client requests by route:  " + u.requestsByRoute());
            System.out.println("  destination server, unsharded: " + new TreeMap<>(dstWhole.requestsByRoute())
                    + "; union of shards: " + new TreeMap<>(dstSharded.requestsByRoute()));
            System.out.println("  source server, unsharded: " + new TreeMap<>(srcWhole.requestsByRoute())
                    + "; union of shards: " + new TreeMap<>(srcSharded.requestsByRoute()));
            System.out.print(figures);
        }
    }

    private Process replicate(FakeRegistry src, FakeRegistry dst, String shard, Path out) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), RegbenchCli.class.getName(),
                "replicate", src.host(), dst.host(), "--all-repos", "--no-progress", "--out", out.toString()));
        if (shard != null) {
            cmd.addAll(List.of("--shard", shard));
        }
        Files.createDirectories(out);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.resolve("log.txt").toFile()).start();
    }

    private static void await(Process p, String what) throws Exception {
        boolean done = p.waitFor(3, TimeUnit.MINUTES);
        if (!done) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(done).as(what + " finished within 3 minutes").isTrue();
        assertThat(p.exitValue()).as(what + " exit code; log: " + log).isZero();
    }

    /** Equal per route, except the listing routes, which every shard requests once. */
    private static void assertRoutes(String side, Map<String, Long> whole, Map<String, Long> sharded) {
        Set<String> routes = new TreeSet<>(whole.keySet());
        routes.addAll(sharded.keySet());
        for (String r : routes) {
            long w = whole.getOrDefault(r, 0L);
            long s = sharded.getOrDefault(r, 0L);
            if (LISTING_ROUTES.contains(r) || r.startsWith("catalog") || r.startsWith("tags")) {
                assertThat(s).as(side + " " + r + " (once per shard)").isEqualTo(SHARDS * w);
            } else {
                assertThat(s).as(side + " " + r).isEqualTo(w);
            }
        }
        assertThat(routes).isNotEmpty();
    }


    private static void assertSameDigests(FakeRegistry src, FakeRegistry dst) throws Exception {
        try (Replicator r = Replicator.create(TuningConfig.DEFAULT, ReplicatorOptions.DEFAULT)) {
            RegistryClient client = r.client(ImageReference.parse(dst.host()), Optional.empty());
            int checked = 0;
            for (Map.Entry<String, Map<String, String>> repo : src.seeded().manifests().entrySet()) {
                for (Map.Entry<String, String> tag : repo.getValue().entrySet()) {
                    assertThat(client.manifestDigest(repo.getKey(), tag.getKey())).as(repo.getKey() + ":" + tag.getKey())
                            .contains(tag.getValue());
                    checked++;
                }
            }
            assertThat(checked).isEqualTo(IMAGES);
        }
    }
}
