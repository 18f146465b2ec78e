package dev.regbench.reports.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regbench.reports.model.ConfigEntry;
import dev.regbench.reports.model.LatencySummary;
import dev.regbench.reports.model.ResultFileException;
import dev.regbench.reports.model.Results;
import dev.regbench.reports.model.ResultsIo;
import dev.regbench.reports.model.RunResult;
import dev.regbench.reports.model.ScenarioInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsMergerTest {

    @TempDir
    Path temp;

    /** Writes one shard: {@code values} (µs) as the blob_get histogram over [start, end]. */
    private Path shard(String name, String shard, long[] values, long start, long end, double requests,
                       double bytes, double wall) throws Exception {
        Path dir = temp.resolve(name);
        Histogram h = new Histogram(3);
        for (long v : values) {
            h.recordValue(v);
        }
        Hlog.write(dir.resolve("hlog/c-rep0.hlog"), "test", Map.of("blob_get", h), start, end);
        Map<String, Double> metrics = Map.of("requests_total", requests, "blob_bytes_copied", bytes, "wall_s", wall,
                "throughput_mib_s", bytes / 1048576.0 / wall, "heap_peak_mib", requests, "peak_inflight_per_host", 3.0);
        RunResult run = new RunResult("c", 0, true, null, metrics, Map.of("blob_get", LatencySummary.of(h, 1000.0)),
                Map.of("GET /v2/<name>/blobs/<digest>", (long) requests), "hlog/c-rep0.hlog");
        ResultsIo.write(new Results(Results.SCHEMA_VERSION, null,
                new ScenarioInfo("replicate", null, null, null, 1, 0, Map.of("shard", shard)),
                List.of(new ConfigEntry("c", null, Map.of())), List.of(run), null, null, null), dir.resolve("results.json"));
        return dir;
    }

    @Test
    void merge_percentilesEqualOneHistogramOfEveryValue_countsSummed_throughputOverUnion() throws Exception {
        Random random = new Random(7);
        Histogram single = new Histogram(3);
        List<Path> dirs = new ArrayList<>();
        long t0 = 1_700_000_000_000L;
        for (int i = 0; i < 3; i++) {
            long[] values = new long[1000 + 500 * i];
            for (int k = 0; k < values.length; k++) {
                // each shard its own distribution, so averaging percentiles would be visibly wrong
                values[k] = 100 + (long) Math.abs(random.nextGaussian() * 1000 * (i + 1) * (i + 1));
                single.recordValue(values[k]);
            }
            dirs.add(shard("s" + i, i + "/3", values, t0 + 1000L * i, t0 + 1000L * i + 4000, 100 + i, 1048576.0 * (i + 1), 4.0));
        }
        Path out = temp.resolve("merged");
        Results merged = ResultsMerger.merge(dirs, out);

        RunResult run = merged.runs().get(0);
        assertThat(run.latency().get("blob_get")).isEqualTo(LatencySummary.of(single, 1000.0));
        Hlog log = Hlog.read(out.resolve(run.hlog()));
        Histogram fromLog = log.byTag().get("blob_get");
        for (double p : new double[] {50, 95, 99}) {
            assertThat(fromLog.getValueAtPercentile(p)).as("p" + p).isEqualTo(single.getValueAtPercentile(p));
        }
        assertThat(fromLog.getTotalCount()).isEqualTo(single.getTotalCount());
        assertThat(run.metrics()).containsEntry("requests_total", 303.0)
                .containsEntry("blob_bytes_copied", 6 * 1048576.0)
                .containsEntry("wall_s", 6.0) // union of [0,4], [1,5], [2,6] s
                .containsEntry("heap_peak_mib", 102.0)
                .doesNotContainKey("peak_inflight_per_host");
        assertThat(run.metrics().get("throughput_mib_s")).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(run.requestsByRoute()).containsEntry("GET /v2/<name>/blobs/<digest>", 303L);
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) merged.scenario().extra().get("merged");
        assertThat(m).containsEntry("startSkewMs", 2000L).containsEntry("shards", List.of("0/3", "1/3", "2/3"));
        assertThat((List<?>) m.get("perShard")).hasSize(3);
        assertThat((List<?>) m.get("mergeNotes")).anySatisfy(n -> assertThat(n.toString()).contains("peak_inflight_per_host"));
        assertThat(ResultsIo.read(out.resolve("results.json")).runs().get(0)).isEqualTo(run);
    }

    @Test
    void merge_disjointWindowsCountTwice() {
        assertThat(Windows.unionMs(List.of(new Windows.Window(0, 10), new Windows.Window(20, 30)))).isEqualTo(20);
        assertThat(Windows.unionMs(List.of(new Windows.Window(0, 10), new Windows.Window(5, 30)))).isEqualTo(30);
    }

    @Test
    void merge_sameShardTwice_isAnErrorNamingTheFile() throws Exception {
        Path a = shard("a", "0/2", new long[] {1, 2}, 1000, 2000, 1, 1, 1);
        Path b = shard("b", "0/2", new long[] {1, 2}, 1000, 2000, 1, 1, 1);
        assertThatThrownBy(() -> ResultsMerger.merge(List.of(a, b), temp.resolve("m")))
                .isInstanceOf(ResultFileException.class).hasMessageContaining("shard 0/2 is given twice")
                .hasMessageContaining(b.resolve("results.json").toString());
    }

    @Test
    void merge_folderWithoutResults_isAnErrorNamingIt() {
        assertThatThrownBy(() -> ResultsMerger.merge(List.of(temp), temp.resolve("m")))
                .isInstanceOf(ResultFileException.class).hasMessageContaining(temp.resolve("results.json").toString());
    }
}
