package dev.regbench.harness.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regbench.reports.Report;
import dev.regbench.reports.model.GateSensitivity;
import dev.regbench.reports.model.History;
import dev.regbench.reports.model.Results;
import dev.regbench.reports.model.ResultsIo;
import dev.regbench.reports.stats.EDivisive;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code regbench history} on the small history shipped in {@code src/test/resources/history}
 * (14 runs; a 10% step in {@code optimized requests_total} from run 8 on), and the report's trend
 * and gate sensitivity sections rendered from it.
 */
class GateHistoryTest {
    private static final Path RUNS = Path.of("src/test/resources/history");
    private static final Path TRACKER = Path.of("src/test/resources/history-tracker");

    @TempDir
    Path tmp;

    @Test
    void history_findsTheTenPercentStepAtTheRunItHappened_andNothingInTheFlatSeries() {
        History h = GateHistory.of(RUNS, GateRules.defaults(), EDivisive.DEFAULT);

        History.Series requests = h.series().stream().filter(s -> s.name().equals("optimized requests_total")).findFirst().orElseThrow();
        assertThat(requests.points()).hasSize(14);
        assertThat(requests.changePoints()).hasSize(1);
        History.Change c = requests.changePoints().get(0);
        assertThat(c.index()).isEqualTo(8);
        assertThat(c.run()).isEqualTo(requests.points().get(8).run()).startsWith("c08");
        assertThat(c.worse()).as("more requests is worse").isTrue();
        assertThat((c.after() - c.before()) / c.before()).isBetween(0.08, 0.12);
        assertThat(h.series()).filteredOn(s -> s != requests).allSatisfy(s -> assertThat(s.changePoints()).as(s.name()).isEmpty());
        assertThat(h.series()).extracting(History.Series::name)
                .contains("optimized peak_inflight_per_host", "baseline connections_opened");
    }

    @Test
    void history_ofTrackerFilesOnly_findsTheSameStepAtTheSameRun() {
        List<GateRule> rules = new java.util.ArrayList<>(GateRules.defaults());
        rules.add(GateRule.ratio("throughput_mib_s", dev.regbench.reports.stats.Direction.HIGHER_IS_BETTER, "baseline", "optimized", 0));
        History h = GateHistory.of(TRACKER, rules, EDivisive.DEFAULT);

        History.Series requests = h.series().stream().filter(s -> s.name().equals("optimized requests_total")).findFirst().orElseThrow();
        assertThat(requests.points()).hasSize(14);
        assertThat(requests.points()).extracting(History.Point::run).startsWith("run-00", "run-01").endsWith("run-13");
        assertThat(requests.points().get(0).n()).as("n from the tracker entry's extra").isEqualTo(3);
        assertThat(requests.changePoints()).hasSize(1);
        History.Change c = requests.changePoints().get(0);
        assertThat(c.index()).isEqualTo(8);
        assertThat(c.run()).isEqualTo("run-08");
        assertThat(c.worse()).isTrue();
        assertThat((c.after() - c.before()) / c.before()).isBetween(0.08, 0.12);
        assertThat(h.series()).filteredOn(s -> s != requests).allSatisfy(s -> assertThat(s.changePoints()).as(s.name()).isEmpty());
        assertThat(h.series()).extracting(History.Series::name)
                .contains("optimized peak_inflight_per_host", "baseline connections_opened", "optimized blob_bytes_copied")
                .as("the tracker has no paired repetitions").doesNotContain("optimized/baseline throughput_mib_s ratio");
    }

    @Test
    void history_ofAMalformedTrackerFile_isBadInput_namingTheFile() throws Exception {
        for (String run : List.of("a", "b")) {
            Files.createDirectories(tmp.resolve(run));
            Files.writeString(tmp.resolve(run).resolve("benchmark-action-smaller.json"), "{\"name\": \"x\"}");
        }
        assertThatThrownBy(() -> GateHistory.of(tmp, GateRules.defaults(), EDivisive.DEFAULT))
                .isInstanceOf(GateInputException.class).hasMessageContaining("benchmark-action-smaller.json")
                .hasMessageContaining("not tracker JSON");
    }

    @Test
    void report_rendersATrendChartPerSeries_withTheChangePointMarked() throws Exception {
        History h = GateHistory.of(RUNS, GateRules.defaults(), EDivisive.DEFAULT);
        ResultsIo.writeHistory(h, tmp.resolve("history/history.json"));
        History.Change c = h.series().stream().filter(s -> s.name().equals("optimized requests_total")).findFirst()
                .orElseThrow().changePoints().get(0);

        Path index = Report.render(List.of(tmp), tmp.resolve("report"));

        String html = Files.readString(index);
        assertThat(html).contains("id=\"trends\"", "optimized requests_total: change at run #", "E-Divisive");
        Path svg = tmp.resolve("report/charts").resolve(Files.list(tmp.resolve("report/charts"))
                .map(p -> p.getFileName().toString()).filter(n -> n.contains("optimized-requests-total")).findFirst().orElseThrow());
        assertThat(Files.readString(svg)).as("the change point's marker label")
                .contains(String.format(java.util.Locale.ROOT, "%+.1f%%", (c.after() - c.before()) / c.before() * 100));
    }

    @Test
    void report_rendersTheGateSensitivityMatrix() throws Exception {
        GateSensitivity s = new GateSensitivity(Results.SCHEMA_VERSION, "2026-11-30T01:00:00Z", "abc123", "configs/gate/regressions.yaml",
                List.of("requests_total", "peak_inflight_per_host"),
                List.of(new GateSensitivity.Regression("tag-concurrency-1", "tag concurrency 5 -> 1", "gate",
                                Map.of("requests_total", "missed", "peak_inflight_per_host", "caught"),
                                List.of("peak_inflight_per_host"), List.of("optimized peak_inflight_per_host: ..."), null),
                        new GateSensitivity.Regression("mount-off", "mount off", "gate",
                                Map.of("requests_total", "missed", "peak_inflight_per_host", "missed"), List.of(), List.of(), null)),
                10, 0, List.of(), Map.of("requests_total", 0.0), Map.of("requests_total", 4.0),
                110, 0, Map.of("requests_total", 3.0));
        ResultsIo.writeSensitivity(s, tmp.resolve("gate/sensitivity.json"));

        String html = Files.readString(Report.render(List.of(tmp), tmp.resolve("report")));

        assertThat(html).contains("Gate sensitivity", "1 of 2 regressions caught", "0 false alarm(s) in 10 A/A gate runs",
                "0 alarm(s) in 110 A/A pairings",
                "abc123", "tag-concurrency-1", "MISSED");
    }

    @Test
    void history_ofAFolderWithOneRun_isBadInput() throws Exception {
        Files.createDirectories(tmp.resolve("a"));
        Files.copy(RUNS.resolve("run-00/results.json"), tmp.resolve("a/results.json"));
        assertThatThrownBy(() -> GateHistory.of(tmp, GateRules.defaults(), EDivisive.DEFAULT))
                .isInstanceOf(GateInputException.class).hasMessageContaining("at least 2 runs");
    }
}
