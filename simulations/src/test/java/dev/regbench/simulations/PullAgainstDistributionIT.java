package dev.regbench.simulations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regbench.fakeregistry.FakeRegistry;
import dev.regbench.fakeregistry.peers.DistributionRegistry;
import dev.regbench.fakeregistry.peers.Skopeo;
import dev.regbench.fakeregistry.peers.Tools;
import dev.regbench.fakeregistry.peers.Tools.Tool;
import io.gatling.app.Gatling$;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs a short {@link PullSimulation} against a real CNCF distribution registry on 127.0.0.1:
 * the {@code tiny} dataset is copied into it with skopeo from an embedded fake registry, then the
 * simulation discovers the images through {@code /v2/_catalog} and {@code tags/list} and pulls them
 * with {@code -Dregbench.target}. Skips when skopeo or docker-registry is missing, unless
 * {@code -Dregbench.interop.required=true}.
 *
 * <p>Asserts counts only: every pull succeeded, no request failed, and no server counters
 * (a real registry has none). The latency thresholds are lifted for this run.
 */
class PullAgainstDistributionIT {

    private static final String REQUIRED_PROPERTY = "regbench.interop.required";

    @TempDir
    Path results;

    @Test
    void pullSimulation_pullsEveryImageFromDistributionRegistry() throws Exception {
        requireTools(Tool.SKOPEO, Tool.DISTRIBUTION);
        Skopeo skopeo = Skopeo.locate();
        try (FakeRegistry source = FakeRegistry.builder().dataset("tiny").start();
                DistributionRegistry distribution = DistributionRegistry.start()) {
            int copied = 0;
            for (Map.Entry<String, Map<String, String>> repo : source.seeded().manifests().entrySet()) {
                for (String tag : repo.getValue().keySet()) {
                    skopeo.copy(Skopeo.dockerRef(source.host(), repo.getKey(), tag),
                            Skopeo.dockerRef(distribution.host(), repo.getKey(), tag),
                            Skopeo.CopyOptions.DEFAULT.withPreserveDigests(true)).orThrow();
                    copied++;
                }
            }
            assertThat(copied).as("images copied into the distribution registry").isPositive();

            Path summaryFile = Summary.path(SimProperties.outputRoot(), "PullSimulation");
            Files.deleteIfExists(summaryFile);
            int exitCode = withProperties(Map.of(
                    "regbench.target", distribution.url(),
                    "regbench.pull.usersPerSec", "5",
                    "regbench.pull.rampS", "1",
                    "regbench.pull.durationS", "3",
                    "regbench.pull.p95LimitMs", "600000",
                    "regbench.pull.p99LimitMs", "600000"),
                    () -> Gatling$.MODULE$.fromArgs(new String[] {
                        "--simulation", PullSimulation.class.getName(),
                        "--results-folder", results.toString(),
                        "--no-reports"}));

            assertThat(exitCode).as("Gatling exit code (0: every assertion held)").isZero();
            Map<String, Object> summary = Summary.read(summaryFile);
            @SuppressWarnings("unchecked")
            Map<String, Object> details = (Map<String, Object>) summary.get("details");
            assertThat(summary.get("target")).isEqualTo(distribution.url());
            assertThat(summary.get("failures")).isEqualTo(0);
            assertThat(((Number) summary.get("requests")).longValue()).isPositive();
            assertThat(details.get("pullsSucceeded")).isEqualTo(details.get("pullsStarted"));
            assertThat(details.get("images")).isEqualTo(copied + " images in " + source.seeded().manifests().size()
                    + " repositories");
            assertThat(summary).doesNotContainKey("connectionsAccepted");
        }
    }

    private static void requireTools(Tool... tools) {
        List<Tool> missing = Tools.missing(tools);
        if (missing.isEmpty()) {
            return;
        }
        String message = Tools.describeMissing(missing);
        if (Boolean.getBoolean(REQUIRED_PROPERTY)) {
            Assertions.fail(message + " — interop tests are required here (-D" + REQUIRED_PROPERTY + "=true)");
        }
        Assumptions.abort(message + " — skipping (set -D" + REQUIRED_PROPERTY + "=true to fail instead)");
    }

    /** Runs {@code body} with {@code properties} set, restoring the previous values after. */
    private static int withProperties(Map<String, String> properties, java.util.function.IntSupplier body) {
        Map<String, String> previous = new LinkedHashMap<>();
        properties.forEach((k, v) -> previous.put(k, System.setProperty(k, v)));
        try {
            return body.getAsInt();
        } finally {
            previous.forEach((k, v) -> {
                if (v == null) {
                    System.clearProperty(k);
                } else {
                    System.setProperty(k, v);
                }
            });
        }
    }
}
