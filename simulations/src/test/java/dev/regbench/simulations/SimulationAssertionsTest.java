package dev.regbench.simulations;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatling.app.Gatling$;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Proves a failing Gatling assertion fails the run: a tiny simulation is run in-process through
 * Gatling's own command-line entry ({@code Gatling.fromArgs}, the one the Maven plugin's forked JVM
 * calls) once with an impossible threshold and once with an achievable one. Gatling answers
 * 2 (assertions failed), which the Maven plugin turns into a build failure ("Gatling simulation
 * assertions failed"), or 0.
 *
 * <p>Also checks the summary the simulation writes: machine-independent counts only.
 */
class SimulationAssertionsTest {

    /** Gatling's exit code for a run whose assertions all hold ({@code io.gatling.app.cli.StatusCode.Success}). */
    private static final int SUCCESS = 0;
    /** Gatling's exit code when an assertion fails ({@code StatusCode.AssertionsFailed}). */
    private static final int ASSERTIONS_FAILED = 2;

    @TempDir
    Path results;

    static Stream<Arguments> probes() {
        return Stream.of(
                Arguments.of("an impossible threshold (max response time < 0 ms) fails the run",
                        ImpossibleAssertionProbe.class, ASSERTIONS_FAILED),
                Arguments.of("an achievable threshold (no failed request) passes",
                        AchievableAssertionProbe.class, SUCCESS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("probes")
    void gatlingRun_exitCodeFollowsAssertions(String description, Class<?> simulation, int expectedExitCode)
            throws Exception {
        Path summaryFile = Summary.path(SimProperties.outputRoot(), simulation.getSimpleName());
        Files.deleteIfExists(summaryFile);

        int exitCode = Gatling$.MODULE$.fromArgs(new String[] {
            "--simulation", simulation.getName(),
            "--results-folder", results.toString(),
            "--no-reports"});

        assertThat(exitCode).as(description).isEqualTo(expectedExitCode);
        Map<String, Object> summary = Summary.read(summaryFile);
        int requests = AssertionProbeSimulation.USERS * AssertionProbeSimulation.PINGS_PER_USER;
        assertThat(summary)
                .containsEntry("simulation", simulation.getSimpleName())
                .containsEntry("requests", requests)
                .containsEntry("failures", 0)
                .containsEntry("serverRequests", requests)
                // Gatling's default: one keep-alive connection per virtual user
                .containsEntry("connectionsAccepted", AssertionProbeSimulation.USERS)
                .containsEntry("users", AssertionProbeSimulation.USERS);
    }
}
