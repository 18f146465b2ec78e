package dev.regbench.reports.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ResultsIoTest {
    static final Path SAMPLES = Path.of("src/test/resources/samples");

    @TempDir
    Path tmp;

    static Results sample() {
        Environment env = new Environment("17.0.15", "OpenJDK", 2, "Linux", "amd64", "abc1234", null, "2026-11-04T09:00:00Z");
        ScenarioInfo sc = new ScenarioInfo("quick", "standard", "loopback", "none", 3, 1, Map.of("timeBudget", "1m"));
        List<RunResult> runs = List.of(
                new RunResult("baseline", 0, true, null, Map.of("throughput_mib_s", 100.0, "requests_total", 612.0),
                        Map.of("blob_get", new LatencySummary(120, 1.5, 2.0, 4.0, 8.0, 9.5))),
                new RunResult("baseline", 1, false, "digest mismatch for sha256:ab…", Map.of(), Map.of()),
                new RunResult("optimized", 0, true, null, Map.of("throughput_mib_s", 180.0), Map.of(),
                        Map.of("GET /v2/<name>/blobs/<digest>", 82L), "runs/optimized-0.hlog"));
        return new Results(Results.SCHEMA_VERSION, env, sc,
                List.of(new ConfigEntry("baseline", "configs/baseline.yaml", Map.of("replication.tagConcurrency", 1))),
                runs, List.of(SummaryRow.of("baseline", "throughput_mib_s", new double[] {100, 101, 99})),
                List.of(Comparison.of("baseline", "optimized", "throughput_mib_s", new double[] {100, 101, 99},
                        new double[] {180, 181, 179}, 0)),
                new Sweep("replication.tagConcurrency", List.of(new Sweep.Point("1", "baseline", Map.of("throughput_mib_s", 100.0))),
                        "1", "throughput_mib_s"));
    }

    @Test
    void results_readBackWhatWasWritten() {
        Path file = tmp.resolve("out/results.json");
        Results written = sample();
        ResultsIo.write(written, file);
        assertThat(ResultsIo.read(file)).isEqualTo(written);
    }

    @Test
    void results_withInfiniteRatio_roundTrip() {
        Comparison c = Comparison.of("a", "b", "retries", new double[] {0, 0}, new double[] {2, 3}, 0);
        Results r = new Results(1, null, new ScenarioInfo("s", "tiny", "loopback", "none", 2, 0, null),
                null, null, null, List.of(c), null);
        Path file = tmp.resolve("inf.json");
        ResultsIo.write(r, file);
        assertThat(ResultsIo.read(file).comparisons().get(0).ratio()).isInfinite();
    }

    @Test
    void checkedInSamples_allParse() throws IOException {
        try (Stream<Path> files = Files.find(SAMPLES.resolve("machine-a/scenarios"), 3,
                (p, a) -> p.getFileName().toString().equals("results.json"))) {
            assertThat(files.map(ResultsIo::read).toList()).hasSize(4)
                    .allSatisfy(r -> assertThat(r.runs()).isNotEmpty());
        }
    }

    static Stream<Arguments> badResults() {
        return Stream.of(
                Arguments.of("malformed JSON names line and column", "{\n  \"schemaVersion\": 1,\n  \"runs\": [ }\n",
                        "line 3"),
                Arguments.of("missing schema version", "{ \"runs\": [] }", "\"schemaVersion\" is missing"),
                Arguments.of("future schema version", "{ \"schemaVersion\": 2 }", "unsupported schemaVersion 2"),
                Arguments.of("unknown property", "{ \"schemaVersion\": 1, \"runz\": [] }", "runz"),
                Arguments.of("empty file", "", "empty file"),
                Arguments.of("wrong type", "{ \"schemaVersion\": 1, \"runs\": [ { \"config\": \"a\", \"repetition\": \"x\" } ] }",
                        "repetition"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badResults")
    void read_badResults_failsNamingTheFile(String description, String content, String expected) throws IOException {
        Path file = tmp.resolve("results.json");
        Files.writeString(file, content);
        assertThatThrownBy(() -> ResultsIo.read(file))
                .isInstanceOf(ResultFileException.class)
                .hasMessageStartingWith(file + ": ")
                .hasMessageContaining(expected);
    }

    @Test
    void read_missingFile_failsNamingTheFile() {
        Path file = tmp.resolve("nowhere/results.json");
        assertThatThrownBy(() -> ResultsIo.read(file)).isInstanceOf(ResultFileException.class)
                .hasMessage(file + ": no such file");
    }

    @Test
    void read_checkedInMalformedSample_namesFileAndLine() {
        Path file = SAMPLES.resolve("malformed/scenarios/broken/results.json");
        assertThatThrownBy(() -> ResultsIo.read(file)).hasMessageStartingWith(file + ": line 3, column");
    }

    @Test
    void readJmh_readsScoresAllocationAndNaNError() {
        List<JmhResult> results = ResultsIo.readJmh(SAMPLES.resolve("machine-a/jmh/quick.json"));
        assertThat(results).hasSize(36);
        JmhResult pooled = results.stream().filter(r -> r.label().equals("pooledGetPut[size=32768]")).findFirst().orElseThrow();
        assertThat(pooled.className()).isEqualTo("BuffersBenchmark");
        assertThat(pooled.primaryMetric().scoreUnit()).isEqualTo("ns/op");
        assertThat(pooled.allocNorm()).isPresent();
        assertThat(results).anySatisfy(r -> assertThat(r.primaryMetric().scoreError()).isNaN());
    }

    @Test
    void readJmh_entryWithoutBenchmark_isAnError() throws IOException {
        Path file = tmp.resolve("jmh.json");
        Files.writeString(file, "[ { \"mode\": \"avgt\" } ]");
        assertThatThrownBy(() -> ResultsIo.readJmh(file)).hasMessage(file + ": entry 0 is not a JMH result "
                + "(needs \"benchmark\" and \"primaryMetric\")");
    }

    @Test
    void gatlingSummary_roundTripsAndDerivesReuse() {
        GatlingSummary s = new GatlingSummary(1, "PullSimulation", null, "embedded", null, 60, 100, 20, 1000, 10,
                16.6, 4, 3, 9, 15, 80, 50L, null, null, null);
        Path file = tmp.resolve("gatling/PullSimulation-summary.json");
        ResultsIo.writeGatling(s, file);
        GatlingSummary back = ResultsIo.readGatling(file);
        assertThat(back).isEqualTo(s);
        assertThat(back.connectionReuse()).isEqualTo(0.95);
        assertThat(back.failureRate()).isEqualTo(0.01);
    }

    @Test
    void gate_readBackWhatWasWritten() {
        GateReport g = ResultsIo.readGate(SAMPLES.resolve("machine-a/gate/gate.json"));
        assertThat(g.passed()).isFalse();
        assertThat(g.regressions()).extracting(GateReport.Row::metric).containsExactly("optimized/alloc_bytes_per_mib");
        Path file = tmp.resolve("gate.json");
        ResultsIo.writeGate(g, file);
        assertThat(ResultsIo.readGate(file)).isEqualTo(g);
    }

    @Test
    void values_includeDerivedPerMibFiguresAndLatencyPercentiles() {
        Results r = ResultsIo.read(SAMPLES.resolve("machine-a/scenarios/wan/results.json"));
        double perMib = 538 / 336.0;
        assertThat(r.values("optimized", Metrics.REQUESTS_PER_MIB)).containsExactly(perMib, perMib, perMib, perMib, perMib);
        assertThat(r.values("optimized", "latency.blob_get.p99")).hasSize(5);
        assertThat(r.values("optimized", "latency.nope.p99")).isEmpty();
    }
}
