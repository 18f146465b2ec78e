package dev.regbench.reports.merge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regbench.reports.Report;
import dev.regbench.reports.model.ConfigEntry;
import dev.regbench.reports.model.LatencySummary;
import dev.regbench.reports.model.Results;
import dev.regbench.reports.model.ResultsIo;
import dev.regbench.reports.model.RunResult;
import dev.regbench.reports.model.ScenarioInfo;
import dev.regbench.reports.render.ReportFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A merged results set renders like any other, with a per-shard view. */
class MergedReportTest {

    @TempDir
    Path temp;

    @Test
    void mergedSet_rendersWithOneRowPerShard() throws Exception {
        List<Path> dirs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Path dir = temp.resolve("s" + i);
            Histogram h = new Histogram(3);
            h.recordValue(1000 + i);
            Hlog.write(dir.resolve("hlog/c-rep0.hlog"), "t", Map.of("blob_get", h), 1_000_000L + i, 2_000_000L);
            RunResult run = new RunResult("c", 0, true, null, Map.of("requests_total", 10.0 + i, "wall_s", 1.0,
                    "throughput_mib_s", 1.0, "blob_bytes_copied", 1048576.0), Map.of("blob_get", LatencySummary.of(h, 1000.0)),
                    Map.of(), "hlog/c-rep0.hlog");
            ResultsIo.write(new Results(Results.SCHEMA_VERSION, null,
                    new ScenarioInfo("replicate", null, null, null, 1, 0, Map.of("shard", i + "/2")),
                    List.of(new ConfigEntry("c", null, Map.of())), List.of(run), null, null, null), dir.resolve("results.json"));
            dirs.add(dir);
        }
        Path merged = temp.resolve("merged");
        ResultsMerger.merge(dirs, merged);
        List<Path> written = Report.render(List.of(merged), temp.resolve("report"), EnumSet.of(ReportFormat.HTML), null);
        String html = Files.readString(written.get(0));
        assertThat(html).contains("id=\"injectors\"").contains("0/2").contains("1/2").contains("start skew 1 ms");
    }
}
