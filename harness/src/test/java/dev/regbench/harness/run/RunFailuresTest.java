package dev.regbench.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regbench.reports.model.Results;
import dev.regbench.reports.model.RunResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which failed runs fail a command, and when a run that asked for HTTP/2 failed to get it. */
class RunFailuresTest {

    private static RunResult failed(String error) {
        return new RunResult("no-retry", 0, false, error, Map.of(), Map.of());
    }

    @Test
    void failedByDesign_isARecordedResult_whileDigestErrorsAndCrashesFailTheCommand() {
        RunResult byDesign = failed("3 tag(s) failed: tag app:7: blob sha256:9b1f failed after 1 attempt: 503");
        RunResult digest = failed(OneRun.DIGEST_PREFIX + "app:7 has sha256:aa, expected sha256:bb");
        RunResult crash = failed(OneRun.CRASH_PREFIX + "IOException: cannot bind");
        assertThat(ScenarioRunner.isFatal(byDesign)).isFalse();
        assertThat(ScenarioRunner.isFatal(digest)).isTrue();
        assertThat(ScenarioRunner.isFatal(crash)).isTrue();
        assertThat(ScenarioRunner.exitStatus(results(byDesign))).isZero();
        assertThat(ScenarioRunner.exitStatus(results(byDesign, digest))).isEqualTo(1);
        assertThat(ScenarioRunner.exitStatus(results(crash))).isEqualTo(1);
    }

    @Test
    void askedForHttp2_butTheServersSawNoStream_isAFailedRun() {
        assertThat(OneRun.protocolProblem(true, Map.of("h1_requests", 190.0, "h2_requests", 0.0)))
                .contains("asked for HTTP/2").contains("190 HTTP/1.1 requests");
        assertThat(OneRun.protocolProblem(true, Map.of("h1_requests", 0.0, "h2_requests", 190.0))).isNull();
        assertThat(OneRun.protocolProblem(false, Map.of("h1_requests", 190.0, "h2_requests", 0.0))).isNull();
        // external registries count nothing: nothing to judge
        assertThat(OneRun.protocolProblem(true, Map.of())).isNull();
    }

    private static Results results(RunResult... runs) {
        return new Results(Results.SCHEMA_VERSION, null, null, List.of(), List.of(runs), List.of(), List.of(), null);
    }
}
