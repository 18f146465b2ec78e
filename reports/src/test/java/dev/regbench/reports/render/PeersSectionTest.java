package dev.regbench.reports.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regbench.reports.model.ResultFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeersSectionTest {

    @Test
    void orderStatisticRank_needsSixRunsAndWidensWithFewer() {
        // P(Bin(6,1/2) = 0) = 1/64 <= 0.025 < 7/64: [x(1), x(6)]; n = 10: 11/1024 <= 0.025 < 56/1024: [x(2), x(9)]
        assertThat(PeersSection.orderStatisticRank(5)).isZero();
        assertThat(PeersSection.orderStatisticRank(6)).isEqualTo(1);
        assertThat(PeersSection.orderStatisticRank(10)).isEqualTo(2);
    }

    @Test
    void cell_isARangeBelowSixRunsAndAnIntervalFromSix() {
        assertThat(PeersSection.cell(new double[] {3, 1, 2}, true)).isEqualTo("2.00 (1.00..3.00) range, n=3");
        assertThat(PeersSection.cell(new double[] {0.6, 0.1, 0.5, 0.2, 0.4, 0.3}, true))
                .isEqualTo("0.350 [0.100, 0.600] 95% order-statistic interval, n=6");
        assertThat(PeersSection.cell(new double[] {43, 41, 43}, false)).isEqualTo("43 (41..43) range, n=3");
        assertThat(PeersSection.cell(new double[0], true)).isEqualTo("—");
    }

    @Test
    @SuppressWarnings("unchecked")
    void render_usesOnlySuccessfulRunsPerToolAndWorkload() throws Exception {
        JsonNode doc = new ObjectMapper().readTree("""
                {"schema": "regbench-peers/1", "tools": ["crane", "regbench-cold"], "method": "ABBA",
                 "environment": {"cores": 2, "date": "d", "commit": "c", "loadavg_start": [1.0], "loadavg_end": [2.0]},
                 "runs": [
                  {"mode": "fake", "workload": "noop-20", "tool": "crane", "exit": 0, "wall_s": 0.05, "requests": 43},
                  {"mode": "fake", "workload": "noop-20", "tool": "regbench-cold", "exit": 0, "wall_s": 0.4, "requests": 41},
                  {"mode": "fake", "workload": "noop-20", "tool": "regbench-cold", "exit": 1, "wall_s": 9.0, "requests": 1}
                 ]}""");
        Map<String, Object> out = PeersSection.render("set", Path.of("r.json"), doc);
        List<Map<String, Object>> tables = (List<Map<String, Object>>) out.get("tables");
        assertThat(tables).extracting(t -> t.get("title")).containsExactly("wall time, s",
                "requests, source + destination (counted by the fake registries)");
        Map<String, Object> row = ((List<Map<String, Object>>) tables.get(0).get("rows")).get(0);
        assertThat((List<String>) row.get("cells")).containsExactly("fake → fake", "noop-20",
                "0.050 (0.050..0.050) range, n=1", "0.400 (0.400..0.400) range, n=1");
    }

    @Test
    void read_rejectsAFileOfAnotherKind(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("results.json");
        Files.writeString(file, "{\"schema\": \"other\"}");
        assertThatThrownBy(() -> PeersSection.read(file)).isInstanceOf(ResultFileException.class)
                .hasMessageContaining("regbench-peers/1");
    }
}
