package dev.regbench.reports.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regbench.reports.claims.ClaimStatus;
import dev.regbench.reports.claims.ClaimsFile;
import dev.regbench.reports.claims.ClaimsLedger;
import dev.regbench.reports.claims.LedgerEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep where `regbench sweep` (and -Pbench-full) writes it, DIR/sweeps/<key>/, is read like one under scenarios/. */
class SweepsFolderTest {

    @TempDir
    Path dir;

    @Test
    void sweepUnderSweepsFolder_isLoaded_andDecidesItsClaims() throws Exception {
        Path sweep = dir.resolve("sweeps/tagConcurrency/results.json");
        Files.createDirectories(sweep.getParent());
        Files.copy(Path.of("src/test/resources/samples/machine-a/scenarios/wan-sweep-tagConcurrency/results.json"), sweep);
        ResultSet set = ResultSetLoader.load(dir);
        assertThat(set.scenarios()).extracting(ResultSet.Loaded::file).containsExactly(sweep);
        LedgerEntry c1 = ClaimsLedger.evaluate(ClaimsFile.read(Path.of("../configs/claims.yaml")), List.of(set)).stream()
                .filter(e -> e.claim().id().equals("C1")).findFirst().orElseThrow();
        assertThat(c1.status()).isNotEqualTo(ClaimStatus.NOT_MEASURED);
        assertThat(c1.deciding().file()).isEqualTo(sweep);
    }
}
