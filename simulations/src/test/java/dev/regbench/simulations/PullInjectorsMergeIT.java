package dev.regbench.simulations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regbench.fakeregistry.FakeRegistry;
import dev.regbench.reports.merge.GatlingMerger;
import dev.regbench.reports.merge.Hlog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Gatling injector processes ({@code -Dregbench.shard=0/2} and {@code 1/2}, separate JVMs run
 * at once) run a short {@link PullSimulation} against one fake registry; {@code regbench merge}'s
 * Gatling merger joins their summaries. The merged request counts are the sums, and the merged
 * p50/p95/p99 equal those of one HdrHistogram fed every value both injectors recorded.
 * Counts only; no timing is asserted (the latency limits are lifted).
 */
class PullInjectorsMergeIT {

    private static final int INJECTORS = 2;

    @TempDir
    Path temp;

    @Test
    void twoPullInjectors_mergeToSummedCountsAndExactPercentiles() throws Exception {
        try (FakeRegistry registry = FakeRegistry.builder().dataset("tiny").start()) {
            List<Process> injectors = new ArrayList<>();
            List<Path> dirs = new ArrayList<>();
            for (int i = 0; i < INJECTORS; i++) {
                Path dir = temp.resolve("injector" + i);
                Files.createDirectories(dir);
                dirs.add(dir);
                injectors.add(injector(registry.url(), i, dir));
            }
            for (int i = 0; i < INJECTORS; i++) {
                Process p = injectors.get(i);
                boolean done = p.waitFor(4, TimeUnit.MINUTES);
                if (!done) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
                String log = Files.readString(dirs.get(i).resolve("log.txt"), StandardCharsets.UTF_8);
                assertThat(done).as("injector " + i + " finished within 4 minutes").isTrue();
                assertThat(p.exitValue()).as("injector " + i + " exit code; log: " + log).isZero();
            }

            Path out = temp.resolve("merged");
            List<Path> written = GatlingMerger.merge(dirs, out);
            assertThat(written).containsExactly(out.resolve("gatling/PullSimulation-summary.json"));
            Map<String, Object> merged = Summary.read(written.get(0));

            long requests = 0;
            long users = 0;
            Histogram single = new Histogram(3);
            for (int i = 0; i < INJECTORS; i++) {
                Map<String, Object> s = Summary.read(Summary.path(dirs.get(i), "PullSimulation"));
                @SuppressWarnings("unchecked")
                Map<String, Object> details = (Map<String, Object>) s.get("details");
                assertThat(details).containsEntry("shard", i + "/" + INJECTORS);
                Histogram h = Hlog.read(dirs.get(i).resolve("gatling").resolve(details.get("hlog").toString()))
                        .byTag().get(Hlog.UNTAGGED);
                assertThat(h.getTotalCount()).as("injector " + i + " logged every request").isEqualTo(
                        ((Number) s.get("requests")).longValue());
                for (HistogramIterationValue v : h.recordedValues()) {
                    single.recordValueWithCount(v.getValueIteratedTo(), v.getCountAtValueIteratedTo());
                }
                requests += ((Number) s.get("requests")).longValue();
                users += ((Number) s.get("users")).longValue();
                System.out.printf(Locale.ROOT, "injector %d/%d: %s requests, p50 %s p95 %s p99 %s ms%n", i, INJECTORS,
                        s.get("requests"), s.get("p50"), s.get("p95"), s.get("p99"));
            }
            assertThat(requests).isPositive();
            assertThat(((Number) merged.get("requests")).longValue()).isEqualTo(requests);
            assertThat(((Number) merged.get("users")).longValue()).isEqualTo(users);
            assertThat(((Number) merged.get("failures")).longValue()).isZero();
            assertThat(((Number) merged.get("p50")).doubleValue()).isEqualTo(ms(single, 50));
            assertThat(((Number) merged.get("p95")).doubleValue()).isEqualTo(ms(single, 95));
            assertThat(((Number) merged.get("p99")).doubleValue()).isEqualTo(ms(single, 99));
            @SuppressWarnings("unchecked")
            Map<String, Object> details = (Map<String, Object>) merged.get("details");
            assertThat((List<?>) details.get("injectors")).hasSize(INJECTORS);
            assertThat(details).containsKey("startSkewMs");
            System.out.printf(Locale.ROOT, "merged: %d requests, p50 %s p95 %s p99 %s ms (one histogram of every value:"
                    + " %s %s %s), start skew %s ms%n", requests, merged.get("p50"), merged.get("p95"), merged.get("p99"),
                    ms(single, 50), ms(single, 95), ms(single, 99), details.get("startSkewMs"));
        }
    }

    private static double ms(Histogram h, double p) {
        return Math.round(h.getValueAtPercentile(p) / 1000.0 * 1000.0) / 1000.0;
    }

    private Process injector(String url, int index, Path dir) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = List.of(java.toString(), "-Xmx512m", "-XX:TieredStopAtLevel=1",
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED",
                "-Dregbench.target=" + url, "-Dregbench.shard=" + index + "/" + INJECTORS,
                "-Dregbench.out=" + dir, "-Dregbench.pull.usersPerSec=10", "-Dregbench.pull.rampS=1",
                "-Dregbench.pull.durationS=3", "-Dregbench.pull.p95LimitMs=600000", "-Dregbench.pull.p99LimitMs=600000",
                "-cp", System.getProperty("java.class.path"), "io.gatling.app.Gatling",
                "--simulation", PullSimulation.class.getName(), "--results-folder", dir.resolve("gatling-run").toString(),
                "--no-reports");
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile()).start();
    }
}
