package dev.regbench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.regbench.reports.model.ResultsIo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import picocli.CommandLine;

/** {@code regbench gate} on the committed baseline: itself passes, a doctored copy fails, a stripped one is bad input. */
class GateCommandTest {
    private static final Path BASELINE = Workspace.root().resolve("baselines/ci.json");

    @TempDir
    Path tmp;

    private record Outcome(int exit, String out, String err) {
    }

    private static Outcome gate(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = RegbenchCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "gate";
        System.arraycopy(args, 0, all, 1, args.length);
        int exit = cli.execute(all);
        return new Outcome(exit, out.toString(), err.toString());
    }

    /** A copy of the baseline with {@code metric} of every run of {@code config} multiplied (or removed when factor is NaN). */
    private Path doctored(String config, String metric, double factor) throws Exception {
        JsonNode root = ResultsIo.mapper().readTree(BASELINE.toFile());
        for (JsonNode run : root.get("runs")) {
            if (config == null || run.get("config").asText().equals(config)) {
                ObjectNode m = (ObjectNode) run.get("metrics");
                if (Double.isNaN(factor)) {
                    m.remove(metric);
                } else {
                    m.put(metric, m.get(metric).asDouble() * factor);
                }
            }
        }
        if (root.has("summary")) {
            ((ObjectNode) root).remove("summary"); // derived figures must not disagree with the runs
        }
        Path file = tmp.resolve("doctored.json");
        ResultsIo.mapper().writeValue(file.toFile(), root);
        return file;
    }

    private static Document xml(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    @Test
    void gate_committedBaselineAgainstItself_exits0_andWritesOneJUnitTestcasePerRule() throws Exception {
        Outcome o = gate("--baseline", BASELINE.toString(), "--current", BASELINE.toString(), "--out", tmp.toString());

        assertThat(o.exit()).as(o.err()).isZero();
        assertThat(o.out()).contains("gate passed", "optimized peak_inflight_per_host", "bound");
        Document junit = xml(tmp.resolve("gate-junit.xml"));
        NodeList cases = junit.getElementsByTagName("testcase");
        long rules = o.out().lines().filter(l -> l.endsWith(" ok") || l.endsWith(" REGRESSED")).count();
        assertThat(cases.getLength()).isEqualTo((int) rules).isGreaterThan(10);
        assertThat(junit.getElementsByTagName("failure").getLength()).isZero();
        assertThat(junit.getDocumentElement().getAttribute("failures")).isEqualTo("0");
    }

    @Test
    void gate_aCopyWithRequestsDoctoredPastTheirBound_exits1_namingTheRule() throws Exception {
        Path doctored = doctored("optimized", "requests_total", 1.5);

        Outcome o = gate("--baseline", BASELINE.toString(), "--current", doctored.toString(), "--out", tmp.toString());

        assertThat(o.exit()).as(o.err()).isEqualTo(1);
        assertThat(o.out()).contains("gate FAILED: 1 regression(s)")
                .containsPattern("optimized requests_total .*REGRESSED");
        NodeList failures = xml(tmp.resolve("gate-junit.xml")).getElementsByTagName("failure");
        assertThat(failures.getLength()).isEqualTo(1);
        Element failed = (Element) failures.item(0).getParentNode();
        assertThat(failed.getAttribute("name")).isEqualTo("optimized requests_total");
        assertThat(((Element) failures.item(0)).getAttribute("message")).contains("bound <=", "REGRESSED");
    }

    @Test
    void gate_aCopyThatWentSequential_failsOnPeakInflight() throws Exception {
        Path doctored = doctored("optimized", "peak_inflight_per_host", 1e-9); // rounds to 0 requests in flight

        Outcome o = gate("--baseline", BASELINE.toString(), "--current", doctored.toString());

        assertThat(o.exit()).isEqualTo(1);
        assertThat(o.out()).containsPattern("optimized peak_inflight_per_host .*REGRESSED");
    }

    @Test
    void gate_aBaselineWithoutTheFiguresTheRulesNeed_isBadInput_exit2() throws Exception {
        Path stripped = doctored(null, "peak_inflight_per_host", Double.NaN);

        Outcome o = gate("--baseline", stripped.toString(), "--current", BASELINE.toString(), "--out", tmp.toString());

        assertThat(o.exit()).isEqualTo(2);
        assertThat(o.err().strip()).startsWith("regbench gate: " + stripped)
                .contains("'peak_inflight_per_host'", "regbench gate --update").doesNotContain("Exception");
        assertThat(o.err().lines().count()).isEqualTo(1);
        assertThat(tmp.resolve("gate.json")).doesNotExist();
    }

    @Test
    void gate_committedBaseline_hasTheRunsTheDefaultRulesWereCalibratedFor() throws Exception {
        dev.regbench.reports.model.Results r = ResultsIo.read(BASELINE);
        for (String config : r.configNames()) {
            assertThat(r.okRuns(config)).as(config).hasSize(dev.regbench.harness.gate.GateRules.CALIBRATED_RUNS);
        }
        assertThat(r.scenario().repetitions()).isEqualTo(dev.regbench.harness.gate.GateRules.CALIBRATED_RUNS);
    }

    @Test
    void gate_aBaselineWithFewerRunsThanTheRulesNeed_isBadInput_exit2_namingTheCount() throws Exception {
        JsonNode root = ResultsIo.mapper().readTree(BASELINE.toFile());
        com.fasterxml.jackson.databind.node.ArrayNode runs = (com.fasterxml.jackson.databind.node.ArrayNode) root.get("runs");
        for (int i = runs.size() - 1; i >= 0; i--) {
            if (runs.get(i).get("repetition").asInt() >= 3) {
                runs.remove(i); // a 3-repetition baseline, as baselines/ci.json once was
            }
        }
        ((ObjectNode) root).remove("summary");
        Path short3 = tmp.resolve("three-runs.json");
        ResultsIo.mapper().writeValue(short3.toFile(), root);

        Outcome o = gate("--baseline", short3.toString(), "--current", BASELINE.toString(), "--out", tmp.toString());

        assertThat(o.exit()).isEqualTo(2);
        assertThat(o.err().strip()).startsWith("regbench gate: " + short3)
                .contains("has 3 runs", "at least " + dev.regbench.harness.gate.GateRules.CALIBRATED_RUNS)
                .doesNotContain("Exception");
        assertThat(o.err().lines().count()).isEqualTo(1);
        assertThat(tmp.resolve("gate.json")).doesNotExist();
    }

    @Test
    void gate_aMissingBaselineFile_isBadInput_exit2() {
        Outcome o = gate("--baseline", tmp.resolve("nope.json").toString(), "--current", BASELINE.toString());

        assertThat(o.exit()).isEqualTo(2);
        assertThat(o.err()).contains("nope.json");
    }

    @Test
    void update_refusesAResultWithoutTheFiguresTheRulesNeed() throws Exception {
        Path stripped = doctored(null, "peak_inflight_per_host", Double.NaN);
        Path target = tmp.resolve("new-baseline.json");

        Outcome o = gate("--baseline", target.toString(), "--current", stripped.toString(), "--update");

        assertThat(o.exit()).isEqualTo(2);
        assertThat(Files.exists(target)).isFalse();
    }
}
