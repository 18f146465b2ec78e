package dev.regbench.harness.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regbench.reports.model.GateReport;
import dev.regbench.reports.model.JmhResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gate holds bytes/op of the engine's own benchmarks (Gate.JMH_GATED), never their times, with 16 B/op of slack. */
class JmhAllocationGateTest {
    private static final String PKG = "dev.regbench.harness.jmh.";

    private static JmhResult result(String benchmark, Map<String, String> params, double nsPerOp, double bytesPerOp) {
        return new JmhResult(PKG + benchmark, "avgt", 1, 1, params, new JmhResult.Metric(nsPerOp, 1, "ns/op"),
                Map.of(JmhResult.ALLOC_NORM, new JmhResult.Metric(bytesPerOp, 0, "B/op")));
    }

    private static final List<JmhResult> BASELINE = List.of(
            result("BuffersBenchmark.pooledGetPut", Map.of("size", "8192"), 20, 0.0005),
            result("BuffersBenchmark.newByteArray", Map.of("size", "8192"), 1000, 8208),
            result("MetricsBenchmark.hdrRecordValue", Map.of(), 7, 0.01),
            result("MetricsBenchmark.transferStatsRequest", Map.of(), 20, 0.03),
            result("StringsBenchmark.concat", Map.of(), 36, 144));

    @Test
    void sameAllocations_slowerTimes_pass() {
        List<JmhResult> current = List.of(
                result("BuffersBenchmark.pooledGetPut", Map.of("size", "8192"), 200, 0.0007),
                result("BuffersBenchmark.newByteArray", Map.of("size", "8192"), 5000, 8208),
                result("MetricsBenchmark.hdrRecordValue", Map.of(), 70, 9000),
                result("MetricsBenchmark.transferStatsRequest", Map.of(), 70, 16.03));

        List<GateReport.Row> rows = Gate.jmhAllocations(BASELINE, "baseline", current);

        assertThat(rows).as("only the engine's own paths; another library's allocations are not gated")
                .extracting(GateReport.Row::metric).containsExactly(
                "JMH BuffersBenchmark.pooledGetPut[size=8192] B/op", "JMH MetricsBenchmark.transferStatsRequest B/op");
        assertThat(rows).allMatch(GateReport.Row::passed);
        assertThat(rows.get(1).bound()).as("16 B/op absolute slack").isEqualTo(16.03);
    }

    @Test
    void theGatedSetIsNamedOnce_andTheJmhIncludeMatchesExactlyIt() {
        java.util.regex.Pattern include = java.util.regex.Pattern.compile(Gate.jmhInclude());
        assertThat(include.matcher(PKG + "BuffersBenchmark.pooledGetPut").find()).isTrue();
        assertThat(include.matcher(PKG + "CopyBenchmark.copyPooled").find()).isFalse();
        assertThat(include.matcher(PKG + "MetricsBenchmark.transferStatsRequest").find()).isTrue();
        assertThat(include.matcher(PKG + "CopyBenchmark.copy").find()).isFalse();
        assertThat(include.matcher(PKG + "BuffersBenchmark.nettyPooled").find()).isFalse();
    }

    @Test
    void aPoolThatStartsAllocating_andAMissingBenchmark_fail() {
        List<JmhResult> current = List.of(
                result("BuffersBenchmark.pooledGetPut", Map.of("size", "8192"), 20, 64.0005),
                result("BuffersBenchmark.newByteArray", Map.of("size", "8192"), 1000, 8208));

        List<GateReport.Row> rows = Gate.jmhAllocations(BASELINE, "baseline", current);

        assertThat(rows).as("64 B more per get fails; a gated benchmark gone missing fails")
                .filteredOn(r -> !r.passed()).extracting(GateReport.Row::metric).containsExactly(
                "JMH BuffersBenchmark.pooledGetPut[size=8192] B/op", "JMH MetricsBenchmark.transferStatsRequest B/op");
        GateReport report = Gate.withRows(new GateReport(1, "b", "c", "now", true, List.of()), rows);
        assertThat(report.passed()).isFalse();
    }
}
