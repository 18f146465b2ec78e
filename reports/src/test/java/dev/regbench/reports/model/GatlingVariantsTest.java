package dev.regbench.reports.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Phases and per-mode blocks inside a simulation summary become named variants and figures. */
class GatlingVariantsTest {
    @TempDir
    Path tmp;

    @Test
    void phases_becomeVariantsWithTheirOwnConnectionCounts() throws IOException {
        Path file = write("ConnectionReuseSimulation", """
                {"simulation": "ConnectionReuseSimulation", "requests": 1800, "failures": 0, "rps": 90.1,
                 "p50": 2.7, "p95": 41.7, "p99": 114.5, "max": 302.6, "connectionsAccepted": 304,
                 "details": {"usersPerSec": 30, "phases": [
                   {"name": "per-user", "requests": 900, "failures": 0, "rps": 90.3, "p50": 5.1, "p95": 90.9,
                    "p99": 162.2, "max": 302.6, "seconds": 9.97, "connectionsAccepted": 300},
                   {"name": "shared", "requests": 900, "failures": 1, "rps": 90.3, "p50": 1.6, "p95": 10.9,
                    "p99": 24.4, "max": 68.5, "seconds": 9.97, "connectionsAccepted": 4}]}}
                """);

        List<GatlingSummary> all = ResultsIo.readGatlingWithVariants(file);

        assertThat(all).extracting(GatlingSummary::name).containsExactly("ConnectionReuseSimulation",
                "ConnectionReuseSimulation/per-user", "ConnectionReuseSimulation/shared");
        GatlingSummary shared = all.get(2);
        assertThat(shared.requests()).isEqualTo(900);
        assertThat(shared.failures()).isEqualTo(1);
        assertThat(shared.p95()).isEqualTo(10.9);
        assertThat(shared.durationS()).isEqualTo(9.97);
        assertThat(shared.connectionReuse()).isEqualTo(1 - 4 / 900.0);
        assertThat(all.get(0).extra()).containsEntry("details.usersPerSec", 30.0);
    }

    @Test
    void percentileBlocks_becomeVariantsAndNestedNumbersBecomeFigures() throws IOException {
        Path file = write("JobPollingSimulation", """
                {"simulation": "JobPollingSimulation", "requests": 2009, "failures": 0, "p95": 5181.4,
                 "cacheOn": {"requests": 609, "failures": 0, "p50Ms": 642.6, "p95Ms": 5181.4, "xCache": {"HIT": 600}},
                 "cacheOff": {"requests": 1400, "failures": 0, "p50Ms": 128.9, "p95Ms": 1659.9},
                 "shared": {"minClientMiBs": 4.02, "clientMiBs": [4.07, 4.02]},
                 "p95Reduction": -2.12}
                """);

        List<GatlingSummary> all = ResultsIo.readGatlingWithVariants(file);

        assertThat(all).extracting(GatlingSummary::name).containsExactly("JobPollingSimulation",
                "JobPollingSimulation/cacheOn", "JobPollingSimulation/cacheOff");
        assertThat(all.get(1).p95()).isEqualTo(5181.4);
        assertThat(all.get(2).p50()).isEqualTo(128.9);
        assertThat(all.get(2).connectionsAccepted()).isNull();
        assertThat(all.get(0).extra()).containsEntry("shared.minClientMiBs", 4.02)
                .containsEntry("cacheOn.xCache.HIT", 600.0).containsEntry("p95Reduction", -2.12)
                .doesNotContainKey("shared.clientMiBs");
    }

    @Test
    void aVariantFile_isNotOpenedFurther() throws IOException {
        Path file = write("ConnectionReuseSimulation-shared", """
                {"simulation": "ConnectionReuseSimulation", "variant": "shared", "requests": 10,
                 "details": {"phases": [{"name": "x", "requests": 1}]}}
                """);

        assertThat(ResultsIo.readGatlingWithVariants(file)).extracting(GatlingSummary::name)
                .containsExactly("ConnectionReuseSimulation/shared");
    }

    private Path write(String name, String json) throws IOException {
        Path file = tmp.resolve("gatling").resolve(name + "-summary.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, json);
        return file;
    }
}
