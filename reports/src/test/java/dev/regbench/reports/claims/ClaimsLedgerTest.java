package dev.regbench.reports.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regbench.reports.model.ResultFileException;
import dev.regbench.reports.model.ResultSet;
import dev.regbench.reports.model.ResultSetLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ClaimsLedgerTest {
    static final Path SAMPLES = Path.of("src/test/resources/samples");
    static final Path CLAIMS = Path.of("../configs/claims.yaml");
    static Map<String, LedgerEntry> ledger;

    @TempDir
    Path tmp;

    @BeforeAll
    static void evaluateSamples() {
        List<ResultSet> sets = List.of(ResultSetLoader.load(SAMPLES.resolve("machine-a")),
                ResultSetLoader.load(SAMPLES.resolve("machine-b")));
        ledger = ClaimsLedger.evaluate(ClaimsFile.read(CLAIMS), sets).stream()
                .collect(Collectors.toMap(e -> e.claim().id(), Function.identity()));
    }

    @Test
    void claimsFile_listsEveryClaimOfClaimsMd() {
        assertThat(ClaimsFile.read(CLAIMS).claims()).extracting(Claim::id)
                .containsExactlyElementsOf(Stream.iterate(1, i -> i + 1).limit(23).map(i -> "C" + i).toList());
    }

    @Test
    void bundledClaims_matchTheConfigsFile() {
        assertThat(ClaimsFile.bundled()).isEqualTo(ClaimsFile.read(CLAIMS));
    }

    static Stream<Arguments> verdicts() {
        return Stream.of(
                // the samples ran 3 repetitions: a range, not a 95% interval, so no scenario figure decides
                Arguments.of("C1 from the wan sweep 1 vs 5: ~4x, but n=3", "C1", ClaimStatus.INCONCLUSIVE),
                Arguments.of("C2 reuse of optimized on wan, n=3", "C2", ClaimStatus.INCONCLUSIVE),
                Arguments.of("C3 has no CompressionBenchmark result in the samples", "C3", ClaimStatus.NOT_MEASURED),
                Arguments.of("C4's only measure is illustrative (bytes/op = buffer size by construction)", "C4",
                        ClaimStatus.INCONCLUSIVE),
                Arguments.of("C5 counts failed no-retry runs, n=3", "C5", ClaimStatus.INCONCLUSIVE),
                // quick JMH: 1 fork x 3 iterations, so the bound-ratio interval is only a range
                Arguments.of("C7 cuts 51%, less than 60%, but from 3 iterations: a range", "C7", ClaimStatus.INCONCLUSIVE),
                Arguments.of("C17 p95 -68% from one Gatling run: no interval", "C17", ClaimStatus.INCONCLUSIVE),
                Arguments.of("C16 is decided by tests, and the samples hold no test report", "C16", ClaimStatus.NOT_MEASURED),
                Arguments.of("C20 circuit breaker 96 ns vs 50 claimed, JMH error across a threshold", "C20", ClaimStatus.INCONCLUSIVE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verdicts")
    void samples_giveExpectedVerdicts(String description, String id, ClaimStatus expected) {
        assertThat(ledger.get(id).status()).isEqualTo(expected);
    }

    @Test
    void verdict_carriesFigureSpreadAndRun() {
        LedgerEntry c1 = ledger.get("C1");
        Measurement m = c1.deciding();
        assertThat(m.value()).isBetween(3.8, 4.5);
        assertThat(m.spread().contains(m.value())).isTrue();
        assertThat(m.unit()).isEqualTo("×");
        assertThat(m.file()).endsWith(Path.of("wan-sweep-tagConcurrency/results.json"));
        assertThat(c1.condition()).contains("range of n=3").contains("not a 95% CI");
        assertThat(m.runIds()).isNotEmpty();
    }

    @Test
    void gatlingFigure_saysWhyItHasNoInterval() {
        assertThat(ledger.get("C17").status()).isEqualTo(ClaimStatus.INCONCLUSIVE);
        assertThat(ledger.get("C17").condition()).isEqualTo(ClaimsLedger.NO_GATLING_INTERVAL)
                .contains("per-request samples");
    }

    @Test
    void notMeasured_saysWhatIsMissing() {
        assertThat(ledger.get("C3").condition()).contains("no result has JMH: a 4 MiB already-gzip'd layer");
        assertThat(ledger.get("C16").condition()).contains("no result has tests EngineLifecycleTest");
        assertThat(ledger.get("C4").condition()).contains("only illustrative measures, which never decide");
    }

    @Test
    void secondSet_isListedBesideTheDecidingOne() {
        // C2 is decided on machine-a's wan run; machine-b measured it too
        assertThat(ledger.get("C2").others()).extracting(Measurement::set).contains("machine-b");
    }

    @Test
    void emptyResultSet_leavesEveryClaimNotMeasured() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        List<LedgerEntry> entries = ClaimsLedger.evaluate(ClaimsFile.read(CLAIMS), List.of(ResultSetLoader.load(empty)));
        assertThat(entries).hasSize(23).allSatisfy(e -> assertThat(e.status()).isEqualTo(ClaimStatus.NOT_MEASURED));
    }

    @Test
    void ambiguousJmhSelector_isReportedAsRuleProblem() throws IOException {
        Path file = tmp.resolve("claims.yaml");
        Files.writeString(file, """
                claims:
                  - id: X1
                    claim: pooled is cheap
                    measures:
                      - source: jmh
                        a: BuffersBenchmark.pooledGetPut
                        figure: value
                        confirmed: "<= 80ns"
                """);
        LedgerEntry e = ClaimsLedger.evaluate(ClaimsFile.read(file),
                List.of(ResultSetLoader.load(SAMPLES.resolve("machine-a")))).get(0);
        assertThat(e.status()).isEqualTo(ClaimStatus.NOT_MEASURED);
        assertThat(e.problems()).singleElement().asString().contains("matches 2 results").contains("add [param=value]");
    }

    static Stream<Arguments> badClaims() {
        return Stream.of(
                Arguments.of("unknown key", "claims:\n  - id: X1\n    claim: c\n    mesures: []\n", "mesures"),
                Arguments.of("bad condition", "claims:\n  - id: X1\n    claim: c\n    measures:\n      - source: jmh\n"
                        + "        a: A.b\n        confirmed: about 4\n", "X1 measures[0] confirmed: bad condition 'about 4'"),
                Arguments.of("duplicate id", "claims:\n  - id: X1\n    claim: c\n  - id: X1\n    claim: d\n", "X1: duplicate claim id"),
                Arguments.of("missing scenario", "claims:\n  - id: X2\n    claim: c\n    measures:\n      - source: scenario\n"
                        + "        metric: wall_s\n        a: x\n        figure: value\n        confirmed: '< 1'\n",
                        "X2 measures[0]: 'scenario' is missing"),
                Arguments.of("ratio without b", "claims:\n  - id: X3\n    claim: c\n    measures:\n      - source: jmh\n"
                        + "        a: A.b\n        figure: ratio\n        confirmed: '>= 2'\n", "X3 measures[0]: 'b' is missing"),
                Arguments.of("unknown source", "claims:\n  - id: X4\n    claim: c\n    measures:\n      - source: wrk\n"
                        + "        a: x\n", "wrk"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badClaims")
    void badClaimsFile_isAnErrorNamingFileAndKey(String description, String yaml, String expected) throws IOException {
        Path file = tmp.resolve("claims.yaml");
        Files.writeString(file, yaml);
        assertThatThrownBy(() -> ClaimsFile.read(file)).isInstanceOf(ResultFileException.class)
                .hasMessageStartingWith(file + ": ").hasMessageContaining(expected);
    }

    static Stream<Arguments> conditions() {
        return Stream.of(
                Arguments.of(">= 4x", 4.0, true), Arguments.of(">= 4x", 3.99, false),
                Arguments.of("< 80%", 0.79, true), Arguments.of("< 80%", 0.8, false),
                Arguments.of("<= 75ns", 75.0, true), Arguments.of("> 150ns", 150.0, false),
                Arguments.of("≥ 2", 2.0, true), Arguments.of("<= 0%", -7.0, true));
    }

    @ParameterizedTest(name = "{0} on {1} → {2}")
    @MethodSource("conditions")
    void condition_testsTheFigure(String text, double value, boolean expected) {
        assertThat(Condition.parse(text, "test").test(value)).isEqualTo(expected);
    }
}
