package dev.regbench.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regbench.reports.model.ResultFileException;
import dev.regbench.reports.render.ReportFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
    static final Path SAMPLES = Path.of("src/test/resources/samples");
    static final Pattern DATA_ITEM = Pattern.compile("jfreesvg:ref='\\{&quot;(rowKey|seriesKey)&quot;");

    @TempDir
    static Path shared;
    static Path out;
    static String html;

    @TempDir
    Path tmp;

    @BeforeAll
    static void renderSamples() throws IOException {
        out = shared.resolve("report");
        Path index = Report.render(List.of(SAMPLES.resolve("machine-a"), SAMPLES.resolve("machine-b")), out);
        html = Files.readString(index);
    }

    @Test
    void render_writesIndexCssChartsMarkdownAndJson() {
        assertThat(out.resolve("index.html")).isRegularFile();
        assertThat(out.resolve("report.css")).isRegularFile();
        assertThat(out.resolve("summary.md")).isRegularFile();
        assertThat(out.resolve("report.json")).isRegularFile();
        assertThat(out.resolve("charts")).isDirectoryContaining("glob:**/wan-throughput-mib-s.svg");
    }

    @Test
    void html_hasEverySection() {
        assertThat(html).contains("<section id=\"overview\">", "<section id=\"scenarios\">", "<section id=\"sweeps\">",
                "<section id=\"jmh\">", "<section id=\"gatling\">", "<section id=\"claims\">", "<section id=\"gate\">");
    }

    @Test
    void html_isSelfContained() {
        assertThat(html).doesNotContain("<script", "http://", "https://");
        assertThat(html).contains("<link rel=\"stylesheet\" href=\"report.css\">");
    }

    @Test
    void overview_showsEnvironmentAndGateOfEachSet() {
        assertThat(html).contains("machine-a", "machine-b", "17.0.15", "21.0.5", "3f2c9e1", "gate FAIL");
    }

    @Test
    void everyChartLinkedFromHtml_existsAndIsTitled() throws IOException {
        Matcher m = Pattern.compile("<img src=\"(charts/[^\"]+\\.svg)\"").matcher(html);
        int count = 0;
        while (m.find()) {
            Path svg = out.resolve(m.group(1));
            assertThat(svg).isRegularFile();
            String content = Files.readString(svg);
            assertThat(content).startsWith("<?xml").contains("<svg");
            // bars carry item hints; line charts draw their point markers in the first series colour
            assertThat(dataItems(content) > 0 || content.contains("<g style='fill:rgb(0,114,178);stroke:none'"))
                    .as("data drawn in %s", svg).isTrue();
            count++;
        }
        try (Stream<Path> files = Files.list(out.resolve("charts"))) {
            assertThat(count).isEqualTo(files.count()).isGreaterThan(20);
        }
    }

    @Test
    void throughputChart_hasOneBarPerConfigAndSet() throws IOException {
        // wan: baseline and optimized, on machine-a and machine-b
        String svg = Files.readString(out.resolve("charts/wan-throughput-mib-s.svg"));
        assertThat(dataItems(svg)).isEqualTo(4);
        // the samples have 3 runs per config: the error bars are ranges, and the title says so
        assertThat(svg).contains("wan: Throughput by config (median, range of too few runs: not a CI)", ">baseline<",
                ">optimized<", ">machine-b<");
    }

    @Test
    void sweepChart_marksTheKnee() throws IOException {
        String svg = Files.readString(out.resolve("charts/sweep-wan-sweep-replication-tagconcurrency-throughput-mib-s.svg"));
        // XY renderers emit no item hints: count the point markers drawn in the first series colour
        assertThat(svg.split("<g style='fill:rgb\\(0,114,178\\);stroke:none'", -1)).hasSize(8 + 1);
        assertThat(svg).contains("knee: 8 (throughput_mib_s)", "replication.tagConcurrency (log₂ scale)");
    }

    @Test
    void jmhCharts_showScoreAndAllocationPerBenchmark() throws IOException {
        assertThat(dataItems(Files.readString(out.resolve("charts/jmh-buffersbenchmark-score.svg")))).isEqualTo(8);
        assertThat(dataItems(Files.readString(out.resolve("charts/jmh-buffersbenchmark-alloc.svg")))).isEqualTo(8);
        assertThat(html).contains("pooledGetPut[size=32768]", "17.8 ns/op ± 6.20 ns/op");
    }

    @Test
    void latencyCharts_existPerOperation() {
        assertThat(out.resolve("charts")).isDirectoryContaining("glob:**/wan-latency-blob-get.svg")
                .isDirectoryContaining("glob:**/wan-latency-manifest-get.svg");
    }

    @Test
    void scenarioTables_showComparisonsWithVerdicts() {
        // 3 repetitions: the paired ratio's bracket is a range with its n, and no verdict is drawn from it
        assertThat(html).contains("<td>Throughput</td>", "range of n=3", "insufficient data");
        assertThat(html).contains("tag app:7: blob sha256:9b1f…c2 failed after 1 attempt: 503 Service Unavailable");
    }

    @Test
    void gatlingSection_tabulatesSummariesAndLinksGatlingReports() {
        assertThat(html).contains("ConnectionReuseSimulation", "perHost-50", "80.2 req/s");
        assertThat(html).contains("pullsimulation-20261104092000123/index.html");
    }

    @Test
    void claimsLedger_listsAllClaimsWithVerdicts() {
        for (int i = 1; i <= 23; i++) {
            assertThat(html).contains("<strong>C" + i + "</strong>");
        }
        // the samples ran 3 repetitions and quick JMH 3 iterations: every figure is a range, so no claim is decided
        assertThat(html).contains("status inconclusive", "not measured yet", "range of n=3")
                .doesNotContain("status confirmed", "status refuted");
    }

    @Test
    void gateSection_listsRegressionFirst() {
        int regressed = html.indexOf("REGRESSED");
        assertThat(regressed).isPositive();
        assertThat(html.indexOf("optimized/alloc_bytes_per_mib")).isLessThan(html.indexOf("optimized/requests_total"));
        assertThat(html).contains("+27.4%");
    }

    @Test
    void markdown_hasClaimsAndComparisonTables() throws IOException {
        String md = Files.readString(out.resolve("summary.md"));
        assertThat(md).contains("## Claims ledger", "| C1 |", "**inconclusive**", "| Throughput | baseline: 14.8 MiB/s");
    }

    @Test
    void partialSet_rendersWhatItHas() throws IOException {
        Path partial = tmp.resolve("partial");
        Files.createDirectories(partial.resolve("jmh"));
        Files.copy(SAMPLES.resolve("machine-a/jmh/quick.json"), partial.resolve("jmh/quick.json"));
        Path index = Report.render(List.of(partial), tmp.resolve("out"));
        String page = Files.readString(index);
        assertThat(page).contains("<section id=\"jmh\">", "<section id=\"claims\">")
                .doesNotContain("<section id=\"scenarios\">", "<section id=\"gate\">", "<section id=\"sweeps\">");
        assertThat(page).contains("not measured yet", "status inconclusive", "median of n=3 iterations");
    }

    @Test
    void emptyFolder_rendersAnEmptyReport() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        String page = Files.readString(Report.render(List.of(empty), tmp.resolve("out")));
        assertThat(page).contains("No result files found in this folder.");
    }

    @Test
    void malformedFile_isAnErrorNamingIt() {
        Path dir = SAMPLES.resolve("malformed");
        assertThatThrownBy(() -> Report.render(List.of(dir), tmp.resolve("out")))
                .isInstanceOf(ResultFileException.class)
                .hasMessageStartingWith(dir.resolve("scenarios/broken/results.json") + ": line 3");
    }

    @Test
    void missingFolder_isAnErrorNamingIt() {
        Path dir = tmp.resolve("no-such-results");
        assertThatThrownBy(() -> Report.render(List.of(dir), tmp.resolve("out")))
                .isInstanceOf(ResultFileException.class).hasMessage(dir + ": no such folder");
    }

    @Test
    void jsonFormatAlone_writesOnlyReportJson() throws IOException {
        Path o = tmp.resolve("json-only");
        List<Path> written = Report.render(List.of(SAMPLES.resolve("machine-a")), o, EnumSet.of(ReportFormat.JSON), null);
        assertThat(written).containsExactly(o.resolve("report.json"));
        assertThat(Files.readString(o.resolve("report.json"))).contains("\"id\" : \"C1\"", "\"status\" : \"inconclusive\"");
        assertThat(o.resolve("index.html")).doesNotExist();
    }

    static int dataItems(String svg) {
        Matcher m = DATA_ITEM.matcher(svg);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
