package dev.regbench.harness.gate.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regbench.harness.gate.GateRule;
import dev.regbench.reports.model.GateReport.Kind;
import dev.regbench.reports.model.Results;
import dev.regbench.reports.model.RunResult;
import dev.regbench.reports.stats.Direction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How the self-test derives slack from clean runs: every run judged against every other, and the
 * spread that tells a deterministic count from a figure that varies. Figures built in code.
 */
class SelftestSlackTest {
    private static final GateRule REQUESTS = new GateRule("requests_total", Kind.MACHINE_INDEPENDENT,
            Direction.LOWER_IS_BETTER, "*", null, null, 0, 0, null);
    private static final GateRule ALLOC = new GateRule("alloc_bytes", Kind.MACHINE_INDEPENDENT,
            Direction.LOWER_IS_BETTER, "*", null, null, 0.01, 0, null);

    /** One clean run of 3 repetitions: the same requests every time, allocations from {@code alloc}. */
    private static Results run(double... alloc) {
        List<RunResult> runs = new ArrayList<>();
        for (int rep = 0; rep < alloc.length; rep++) {
            runs.add(new RunResult("optimized", rep, true, null, Map.of("requests_total", 200.0, "alloc_bytes", alloc[rep]), Map.of()));
        }
        return new Results(Results.SCHEMA_VERSION, null, null, List.of(), runs, null, null, null);
    }

    @Test
    void pairs_judgeEveryRunAgainstEveryOther_andNeedTheWorstPairing() {
        // run c lies wholly above run a (102..104 against 98..100): only the pairing a -> c needs slack
        List<Results> clean = List.of(run(98, 99, 100), run(99, 100, 101), run(102, 103, 104));

        Selftest.Pairs p = Selftest.pairs(clean, List.of(REQUESTS, ALLOC));

        assertThat(p.count()).isEqualTo(6);
        assertThat(p.falseAlarms()).as("a -> c at 1%% of 99: bound 100.99, c's best run 102").isEqualTo(1);
        assertThat(p.needed().get("requests_total")).isZero();
        assertThat(p.needed().get("alloc_bytes")).as("(102 - 100) / median 99").isCloseTo(2 / 99.0, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void spread_isZeroOnlyForAFigureEqualInEveryRepetitionOfEveryRun() {
        List<Results> clean = List.of(run(98, 99, 100), run(99, 100, 101), run(102, 103, 104));

        assertThat(Selftest.spread(clean, REQUESTS)).isZero();
        assertThat(Selftest.spread(clean, ALLOC)).as("(104 - 98) / pooled median 100, relative rule")
                .isCloseTo(0.06, org.assertj.core.data.Offset.offset(1e-12));
    }
}
