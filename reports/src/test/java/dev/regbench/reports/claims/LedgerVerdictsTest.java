package dev.regbench.reports.claims;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regbench.reports.model.ResultSet;
import dev.regbench.reports.model.ResultSetLoader;
import dev.regbench.reports.model.Results;
import dev.regbench.reports.model.RunResult;
import dev.regbench.reports.model.ScenarioInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger decides from intervals, not point figures: table-free, synthetic results with a
 * known paired ratio per repetition, so each verdict follows from the numbers written here.
 */
class LedgerVerdictsTest {

    @TempDir
    Path tmp;

    /** A scenario result where b/a in repetition i is ratios[i] (a = 10 MiB/s every time). */
    private static ResultSet.Loaded<Results> scenario(String name, double... ratios) {
        List<RunResult> runs = new ArrayList<>();
        for (int i = 0; i < ratios.length; i++) {
            runs.add(new RunResult("a", i, true, null, Map.of("throughput_mib_s", 10.0), Map.of()));
            runs.add(new RunResult("b", i, true, null, Map.of("throughput_mib_s", 10.0 * ratios[i]), Map.of()));
        }
        Results r = new Results(Results.SCHEMA_VERSION, null, new ScenarioInfo(name, "quick", "loopback", "none",
                ratios.length, 0, Map.of()), List.of(), runs, List.of(), List.of(), null);
        return new ResultSet.Loaded<>(Path.of("scenarios", name, "results.json"), r);
    }

    private static ResultSet set(List<ResultSet.Loaded<Results>> scenarios) {
        return new ResultSet("m", Path.of("."), scenarios, List.of(), List.of(), Optional.empty());
    }

    private static Measure ratio(String scenario, Measure.Kind kind) {
        return new Measure(Measure.Source.SCENARIO, scenario, null, "throughput_mib_s", "a", "b", null, ">= 4x", "< 2x",
                "between 2× and 4×", null, false, kind);
    }

    private static LedgerEntry evaluate(List<Measure> measures, ResultSet set) {
        return ClaimsLedger.evaluate(new Claim("X1", "000", "5x", "~5×", measures, null), List.of(set));
    }

    @Test
    void wholeIntervalAboveTheThreshold_confirms_andLinksFileAndRuns() {
        LedgerEntry e = evaluate(List.of(ratio("s", Measure.Kind.END_TO_END)),
                set(List.of(scenario("s", 4.2, 4.5, 4.4, 4.9, 4.1, 4.6))));
        assertThat(e.status()).isEqualTo(ClaimStatus.CONFIRMED);
        assertThat(e.deciding().spread().low()).isEqualTo(4.1);
        assertThat(e.deciding().spread().isConfidenceInterval()).isTrue();
        assertThat(e.deciding().file()).isEqualTo(Path.of("scenarios", "s", "results.json"));
        assertThat(e.deciding().runIds()).contains("a#0", "a#5", "b#0", "b#5");
    }

    @Test
    void intervalStraddlingTheThreshold_isInconclusive_withTheIntervalShown() {
        // median ratio 4.35 would have "confirmed" from the point figure; one repetition at 3.6 keeps the interval across 4
        LedgerEntry e = evaluate(List.of(ratio("s", Measure.Kind.END_TO_END)),
                set(List.of(scenario("s", 4.2, 4.5, 4.4, 3.6, 4.1, 4.6))));
        assertThat(e.status()).isEqualTo(ClaimStatus.INCONCLUSIVE);
        assertThat(e.condition()).contains("straddles >= 4x");
        assertThat(e.deciding().spread().low()).isEqualTo(3.6);
        assertThat(e.deciding().spread().high()).isEqualTo(4.6);
    }

    @Test
    void rangeOfTooFewRuns_isInconclusive_evenWhenItClearsTheThreshold() {
        LedgerEntry e = evaluate(List.of(ratio("s", Measure.Kind.END_TO_END)), set(List.of(scenario("s", 4.5, 4.6, 4.7))));
        assertThat(e.status()).isEqualTo(ClaimStatus.INCONCLUSIVE);
        assertThat(e.condition()).contains("range of n=3");
    }

    @Test
    void wholeIntervalBetweenTheThresholds_isDependsWithTheMeasuresCondition() {
        LedgerEntry e = evaluate(List.of(ratio("s", Measure.Kind.END_TO_END)),
                set(List.of(scenario("s", 2.5, 3.0, 2.8, 3.1, 2.6, 2.9))));
        assertThat(e.status()).isEqualTo(ClaimStatus.DEPENDS);
        assertThat(e.condition()).isEqualTo("between 2× and 4×");
    }

    @Test
    void decidingMeasuresThatDisagree_giveDepends_namingEachCondition() {
        Measure wan = ratio("wan", Measure.Kind.END_TO_END);
        Measure loopback = ratio("loopback", Measure.Kind.END_TO_END);
        LedgerEntry e = evaluate(List.of(wan, loopback), set(List.of(
                scenario("wan", 4.2, 4.5, 4.4, 4.9, 4.1, 4.6),
                scenario("loopback", 1.1, 1.0, 1.2, 0.9, 1.05, 1.1))));
        assertThat(e.status()).isEqualTo(ClaimStatus.DEPENDS);
        assertThat(e.condition()).contains("confirmed under scenario wan").contains("refuted under scenario loopback")
                .contains(">= 4x").contains("< 2x");
        assertThat(e.outcomes()).extracting(LedgerEntry.Outcome::status)
                .containsExactly(ClaimStatus.CONFIRMED, ClaimStatus.REFUTED);
    }

    @Test
    void illustrativeMeasure_neverDecides() {
        Measure sleepy = ratio("sleep", Measure.Kind.ILLUSTRATIVE);
        Measure real = ratio("real", Measure.Kind.END_TO_END);
        ResultSet both = set(List.of(scenario("sleep", 8, 8, 8, 8, 8, 8), scenario("real", 1.1, 1.0, 1.2, 0.9, 1.05, 1.1)));
        // the illustrative 8x is listed first and clears the threshold; the end-to-end measure decides
        LedgerEntry e = evaluate(List.of(sleepy, real), both);
        assertThat(e.status()).isEqualTo(ClaimStatus.REFUTED);
        assertThat(e.deciding().measure()).isEqualTo(real);
        assertThat(e.outcomes()).filteredOn(o -> !o.decides()).singleElement()
                .satisfies(o -> assertThat(o.status()).isEqualTo(ClaimStatus.CONFIRMED));
        // alone, it still does not decide
        LedgerEntry alone = evaluate(List.of(sleepy), both);
        assertThat(alone.status()).isEqualTo(ClaimStatus.INCONCLUSIVE);
        assertThat(alone.condition()).contains("only illustrative");
    }

    @Test
    void testsSource_readsJUnitReports_confirmingWhenNoTestFailed() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("r/tests"));
        Files.writeString(dir.resolve("TEST-dev.regbench.engine.replicate.EngineLifecycleTest.xml"),
                "<?xml version=\"1.0\"?><testsuite name=\"dev.regbench.engine.replicate.EngineLifecycleTest\" tests=\"3\" "
                        + "failures=\"0\" errors=\"0\" skipped=\"0\"><testcase name=\"x\"/></testsuite>");
        Measure leaks = new Measure(Measure.Source.TESTS, null, null, null, ".*LifecycleTest", null, Measure.Figure.VALUE,
                "<= 0", "> 0", null, null, false, null);
        LedgerEntry ok = evaluate(List.of(leaks), ResultSetLoader.load(tmp.resolve("r")));
        assertThat(ok.status()).isEqualTo(ClaimStatus.CONFIRMED);
        assertThat(ok.deciding().runIds()).containsExactly("dev.regbench.engine.replicate.EngineLifecycleTest");
        assertThat(ok.deciding().measure().kind()).isEqualTo(Measure.Kind.END_TO_END);

        Files.writeString(dir.resolve("TEST-dev.regbench.fakeregistry.FakeRegistryLifecycleTest.xml"),
                "<?xml version=\"1.0\"?><testsuite name=\"dev.regbench.fakeregistry.FakeRegistryLifecycleTest\" tests=\"2\" "
                        + "failures=\"1\" errors=\"0\" skipped=\"0\"/>");
        LedgerEntry leaked = evaluate(List.of(leaks), ResultSetLoader.load(tmp.resolve("r")));
        assertThat(leaked.status()).isEqualTo(ClaimStatus.REFUTED);
        assertThat(leaked.deciding().detail()).contains("1 of 5 tests failed");
    }
}
