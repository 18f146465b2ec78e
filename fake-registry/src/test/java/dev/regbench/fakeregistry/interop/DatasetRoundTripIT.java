package dev.regbench.fakeregistry.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regbench.fakeregistry.FakeRegistry;
import dev.regbench.fakeregistry.peers.DistributionRegistry;
import dev.regbench.fakeregistry.peers.Skopeo;
import dev.regbench.fakeregistry.peers.Skopeo.CopyOptions;
import dev.regbench.fakeregistry.peers.Tools.Tool;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dataset copied by skopeo out of the fake registry and back into a fresh one comes back
 * with the same digests: every tag's manifest (or index) and every child manifest of an
 * index, as seeded. Two ways out: {@code skopeo sync --all} through a real distribution
 * registry, and {@code skopeo copy --all --preserve-digests} through an OCI layout directory.
 */
class DatasetRoundTripIT {

    private static DistributionRegistry distribution;
    private static Skopeo skopeo;

    enum Via { DISTRIBUTION_SYNC, OCI_LAYOUT_COPY }

    @BeforeAll
    static void start() {
        Interop.requireTools(Tool.SKOPEO, Tool.DISTRIBUTION);
        skopeo = Skopeo.locate().withTimeout(Duration.ofSeconds(90));
        distribution = DistributionRegistry.start();
    }

    @AfterAll
    static void stop() {
        if (distribution != null) {
            distribution.close();
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("tiny, out and back by skopeo sync through distribution", "tiny", Via.DISTRIBUTION_SYNC),
                Arguments.of("multiarch indexes, out and back by skopeo sync --all through distribution", "multiarch", Via.DISTRIBUTION_SYNC),
                Arguments.of("tiny, out and back by skopeo copy through an OCI layout", "tiny", Via.OCI_LAYOUT_COPY),
                Arguments.of("multiarch indexes, out and back by skopeo copy --all through an OCI layout", "multiarch", Via.OCI_LAYOUT_COPY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void dataset_outOfFakeRegistryAndBackIn_keepsEveryDigest(String description, String dataset, Via via,
                                                            @TempDir Path tmp) throws Exception {
        CopyOptions all = CopyOptions.DEFAULT.withAll(true).withPreserveDigests(true);
        try (FakeRegistry source = FakeRegistry.builder().dataset(dataset).start();
             FakeRegistry target = FakeRegistry.builder().start()) {
            Map<String, Map<String, String>> seeded = source.seeded().manifests();
            assertThat(seeded).as(dataset + " seeds something").isNotEmpty();
            RegistryProbe sourceProbe = new RegistryProbe(source.url(), null);
            RegistryProbe targetProbe = new RegistryProbe(target.url(), null);

            for (var repo : seeded.entrySet()) {
                String name = repo.getKey();
                Map<String, String> before = sourceProbe.digests(name);
                assertThat(before).as("source serves what it seeded").containsAllEntriesOf(repo.getValue());

                if (via == Via.DISTRIBUTION_SYNC) {
                    String parked = "parked-" + dataset + "-" + name.replace('/', '-');
                    skopeo.sync(source.host() + "/" + name, distribution.host() + "/" + parked, all).orThrow();
                    String atDistribution = parked + "/" + lastSegment(name);
                    assertThat(new RegistryProbe(distribution.url(), null).digests(atDistribution))
                            .as("digests at distribution").isEqualTo(before);
                    skopeo.sync(distribution.host() + "/" + atDistribution, target.host() + parentPath(name), all).orThrow();
                } else {
                    Path layout = tmp.resolve(name.replace('/', '_'));
                    for (String tag : repo.getValue().keySet()) {
                        skopeo.copy(Skopeo.dockerRef(source.host(), name, tag), "oci:" + layout + ":" + tag, all).orThrow();
                    }
                    for (String tag : repo.getValue().keySet()) {
                        skopeo.copy("oci:" + layout + ":" + tag, Skopeo.dockerRef(target.host(), name, tag), all).orThrow();
                    }
                }

                assertThat(targetProbe.digests(name)).as("digests back in a fresh fake registry: " + description)
                        .isEqualTo(before)
                        .containsAllEntriesOf(new TreeMap<>(repo.getValue()));
            }
        }
    }

    private static String lastSegment(String repo) {
        return repo.substring(repo.lastIndexOf('/') + 1);
    }

    /** {@code "/team"} for {@code team/app}, {@code ""} for {@code app}: the sync destination keeping the name. */
    private static String parentPath(String repo) {
        int slash = repo.lastIndexOf('/');
        return slash < 0 ? "" : "/" + repo.substring(0, slash);
    }
}
