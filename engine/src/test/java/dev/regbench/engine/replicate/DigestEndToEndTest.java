package dev.regbench.engine.replicate;

import static dev.regbench.engine.replicate.Fixtures.options;
import static dev.regbench.engine.replicate.Fixtures.optimized;
import static dev.regbench.engine.replicate.Fixtures.ref;
import static org.assertj.core.api.Assertions.assertThat;

import dev.regbench.engine.registry.ImageReference;
import dev.regbench.fakeregistry.FakeRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A manifest pulled by tag is checked against the source's {@code Docker-Content-Digest} and against
 * the digest the destination answers to its {@code PUT}; a mismatch fails the tag naming both.
 */
class DigestEndToEndTest {

    private static final String FORGED = "sha256:" + "0".repeat(64);

    /** Replaces {@code Docker-Content-Digest} on responses to {@code method} of manifests. */
    private static TamperingProxy.Tamper forgeDigest(String method) {
        return (m, path, status, headers, body) -> {
            if (m.equals(method) && path.contains("/manifests/") && headers.containsKey("docker-content-digest")) {
                headers.put("docker-content-digest", List.of(FORGED));
            }
            return body;
        };
    }

    @Test
    void sourceHeaderDisagreeingWithTheBytes_failsTheTagNamingBothDigests() throws Exception {
        try (FakeRegistry src = FakeRegistry.builder().start();
             FakeRegistry dst = FakeRegistry.builder().start();
             TamperingProxy proxy = new TamperingProxy(src.url(), true, forgeDigest("GET"));
             Replicator replicator = Replicator.create(optimized(), options())) {
            String real = TestImages.image(src.storage(), "team/app", "v1", TestImages.bytes(1, 1000));
            ReplicationResult result = replicator.replicate(ReplicationRequest.of(
                    ImageReference.parse(proxy.host() + "/team/app:v1"), ref(dst, "team/app")));
            assertThat(result.failed()).hasSize(1);
            assertThat(result.failed().get(0).reason()).contains("digest mismatch").contains(FORGED).contains(real);
            assertThat(replicator.client(ref(dst, null), java.util.Optional.empty()).manifestDigest("team/app", "v1"))
                    .as("nothing pushed").isEmpty();
        }
    }

    @Test
    void destinationAnsweringAnotherDigest_failsTheTagNamingBothDigests() throws Exception {
        try (FakeRegistry src = FakeRegistry.builder().start();
             FakeRegistry dst = FakeRegistry.builder().start();
             TamperingProxy proxy = new TamperingProxy(dst.url(), true, forgeDigest("PUT"));
             Replicator replicator = Replicator.create(optimized(), options())) {
            String real = TestImages.image(src.storage(), "team/app", "v1", TestImages.bytes(2, 1000));
            ReplicationResult result = replicator.replicate(ReplicationRequest.of(
                    ref(src, "team/app"), ImageReference.parse(proxy.host() + "/team/app")));
            assertThat(result.success()).isFalse();
            assertThat(result.failed().get(0).reason()).contains("digest mismatch").contains(FORGED).contains(real);
        }
    }
}
