package dev.regbench.harness.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regbench.reports.model.GateReport;
import dev.regbench.reports.model.JmhResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gate holds bytes/op of the buffer, copy and metrics benchmarks, never their times. */
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
            result("StringsBenchmark.concat", Map.of(), 36, 144));

    @Test
    void sameAllocations_slowerTimes_pass() {
        List<JmhResult> current = List.of(
                result("BuffersBenchmark.pooledGetPut", Map.of("size", "8192"), 200, 0.0007),
                result("BuffersBenchmark.newByteArray", Map.of("size", "8192"), 5000, 8208),
                result("MetricsBenchmark.hdrRecordValue", Map.of(), 70, 0.02));

        List<GateReport.Row> rows = Gate.jmhAllocations(BASELINE, "baseline", current);

        assertThat(rows).extracting(GateReport.Row::metric).containsExactly(
                "JMH BuffersBenchmark.pooledGetPut[size=8192] B/op", "JMH BuffersBenchmark.newByteArray[size=8192] B/op",
                "JMH MetricsBenchmark.hdrRecordValue B/op");
        assertThat(rows).allMatch(GateReport.Row::passed);
    }

    @Test
    void aPoolThatStartsAllocating_andAMissingBenchmark_fail() {
        List<JmhResult> current = List.of(
                result("BuffersBenchmark.pooledGetPut", Map.of("size", "8192"), 20, 8208),
                result("BuffersBenchmark.newByteArray", Map.of("size", "8192"), 1000, 8208));

        List<GateReport.Row> rows = Gate.jmhAllocations(BASELINE, "baseline", current);

        assertThat(rows).filteredOn(r -> !r.passed()).extracting(GateReport.Row::metric).containsExactly(
                "JMH BuffersBenchmark.pooledGetPut[size=8192] B/op", "JMH MetricsBenchmark.hdrRecordValue B/op");
        GateReport report = Gate.withRows(new GateReport(1, "b", "c", "now", true, List.of()), rows);
        assertThat(report.passed()).isFalse();
    }
}
