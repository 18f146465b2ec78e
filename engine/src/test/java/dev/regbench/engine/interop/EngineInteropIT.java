package dev.regbench.engine.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regbench.engine.config.TuningConfig;
import dev.regbench.engine.registry.ImageReference;
import dev.regbench.engine.replicate.ReplicationRequest;
import dev.regbench.engine.replicate.ReplicationResult;
import dev.regbench.engine.replicate.Replicator;
import dev.regbench.engine.replicate.ReplicatorOptions;
import dev.regbench.fakeregistry.FakeRegistry;
import dev.regbench.fakeregistry.peers.DistributionRegistry;
import dev.regbench.fakeregistry.peers.Skopeo;
import dev.regbench.fakeregistry.peers.Tools;
import dev.regbench.fakeregistry.peers.Tools.Tool;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Interop: the engine replicates from the fake registry into a real CNCF distribution registry and
 * back into a fresh fake registry; skopeo ({@code inspect --raw}, a client that is not ours) then
 * sees the seeded manifest digest at every tag on all three registries. Skips when skopeo or
 * distribution is missing, unless {@code -Dregbench.interop.required=true}, which makes it fail.
 */
class EngineInteropIT {
    private static final String REQUIRED_PROPERTY = "regbench.interop.required";

    @BeforeAll
    static void requireTools() {
        List<Tool> missing = Tools.missing(Tool.SKOPEO, Tool.DISTRIBUTION);
        if (missing.isEmpty()) {
            return;
        }
        String message = Tools.describeMissing(missing);
        if (Boolean.getBoolean(REQUIRED_PROPERTY)) {
            Assertions.fail(message + " — interop tests are required here (-D" + REQUIRED_PROPERTY + "=true)");
        }
        Assumptions.abort(message + " — skipping interop test (set -D" + REQUIRED_PROPERTY + "=true to fail instead)");
    }

    static Stream<Arguments> datasets() {
        return Stream.of(
                Arguments.of("tiny: plain images, shared layers", "tiny"),
                Arguments.of("multiarch: image indexes and their children", "multiarch"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("datasets")
    void fakeToDistributionAndBack_keepsEveryManifestDigest(String why, String dataset) throws Exception {
        Skopeo skopeo = Skopeo.locate().withTimeout(Duration.ofSeconds(60));
        try (FakeRegistry source = FakeRegistry.builder().dataset(dataset).start();
             DistributionRegistry distribution = DistributionRegistry.start();
             FakeRegistry back = FakeRegistry.builder().start();
             Replicator replicator = Replicator.create(TuningConfig.DEFAULT, ReplicatorOptions.DEFAULT)) {
            Map<String, Map<String, String>> seeded = source.seeded().manifests();
            assertThat(seeded).isNotEmpty();
            for (String repo : seeded.keySet()) {
                ReplicationResult there = replicator.replicate(ReplicationRequest.of(
                        ImageReference.parse(source.host() + "/" + repo), ImageReference.parse(distribution.host() + "/" + repo)));
                assertThat(there.failed()).as("into distribution").isEmpty();
                ReplicationResult home = replicator.replicate(ReplicationRequest.of(
                        ImageReference.parse(distribution.host() + "/" + repo), ImageReference.parse(back.host() + "/" + repo)));
                assertThat(home.failed()).as("back from distribution").isEmpty();
                assertThat(home.stats().blobBytesCopied()).isEqualTo(there.stats().blobBytesCopied());
            }
            for (Map.Entry<String, Map<String, String>> repo : seeded.entrySet()) {
                for (Map.Entry<String, String> tag : repo.getValue().entrySet()) {
                    for (String host : List.of(source.host(), distribution.host(), back.host())) {
                        assertThat(skopeo.manifestDigest(Skopeo.dockerRef(host, repo.getKey(), tag.getKey()), null))
                                .as(host + "/" + repo.getKey() + ":" + tag.getKey())
                                .isEqualTo(tag.getValue());
                    }
                }
            }
        }
    }
}
