package dev.regbench.fakeregistry.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regbench.fakeregistry.FakeRegistry;
import dev.regbench.fakeregistry.auth.AuthConfig;
import dev.regbench.fakeregistry.peers.DistributionRegistry;
import dev.regbench.fakeregistry.peers.Skopeo;
import dev.regbench.fakeregistry.peers.Skopeo.CopyOptions;
import dev.regbench.fakeregistry.peers.Skopeo.Credentials;
import dev.regbench.fakeregistry.peers.Tools.Tool;
import dev.regbench.fakeregistry.stats.StatsSnapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * skopeo {@code copy} and {@code sync} into and out of the fake registry, with and without
 * token auth, with a real CNCF distribution registry at the other end; every row checks the
 * manifest digests served at the far end against those served at the source.
 */
class SkopeoFakeRegistryIT {

    private static final Credentials ALICE = new Credentials("alice", "secret");
    private static final AtomicInteger ROW = new AtomicInteger();

    private static DistributionRegistry distribution;
    private static Skopeo skopeo;
    private static Map<String, String> distributionApp;

    enum Op { COPY, SYNC }

    enum Direction { OUT_OF_FAKE, INTO_FAKE }

    @BeforeAll
    static void startDistribution(@TempDir Path tmp) throws Exception {
        Interop.requireTools(Tool.SKOPEO, Tool.DISTRIBUTION);
        skopeo = Skopeo.locate().withTimeout(Duration.ofSeconds(60));
        distribution = DistributionRegistry.start();
        OciLayoutFixture layout = new OciLayoutFixture(tmp.resolve("layout"));
        layout.addImage("v1", 11, 2, 32 * 1024);
        layout.addImage("v2", 12, 1, 8 * 1024);
        for (String tag : List.of("v1", "v2")) {
            skopeo.copy(layout.ref(tag), Skopeo.dockerRef(distribution.host(), "src/app", tag),
                    CopyOptions.DEFAULT.withPreserveDigests(true)).orThrow();
        }
        distributionApp = new RegistryProbe(distribution.url(), null).digests("src/app");
    }

    @AfterAll
    static void stopDistribution() {
        if (distribution != null) {
            distribution.close();
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("copy each tag of tiny out of the fake registry into distribution", Op.COPY, Direction.OUT_OF_FAKE, false),
                Arguments.of("copy out of a token-protected fake registry with --src-creds", Op.COPY, Direction.OUT_OF_FAKE, true),
                Arguments.of("copy from distribution into the fake registry", Op.COPY, Direction.INTO_FAKE, false),
                Arguments.of("copy into a token-protected fake registry with --dest-creds", Op.COPY, Direction.INTO_FAKE, true),
                Arguments.of("sync every tag of tiny out of the fake registry into distribution", Op.SYNC, Direction.OUT_OF_FAKE, false),
                Arguments.of("sync out of a token-protected fake registry with --src-creds", Op.SYNC, Direction.OUT_OF_FAKE, true),
                Arguments.of("sync a repository from distribution into the fake registry", Op.SYNC, Direction.INTO_FAKE, false),
                Arguments.of("sync into a token-protected fake registry with --dest-creds", Op.SYNC, Direction.INTO_FAKE, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void skopeo_movesImages_andFarEndServesSameDigests(String description, Op op, Direction dir, boolean auth) throws Exception {
        Credentials creds = auth ? ALICE : null;
        var builder = FakeRegistry.builder();
        if (auth) {
            builder = builder.auth(AuthConfig.token(Map.of(ALICE.user(), ALICE.password()), Duration.ofMinutes(5)));
        }
        if (dir == Direction.OUT_OF_FAKE) {
            builder = builder.dataset("tiny");
        }
        try (FakeRegistry fake = builder.start()) {
            RegistryProbe fakeProbe = new RegistryProbe(fake.url(), creds);
            RegistryProbe distProbe = new RegistryProbe(distribution.url(), null);
            String prefix = "row" + ROW.incrementAndGet();
            if (dir == Direction.OUT_OF_FAKE) {
                Map<String, Map<String, String>> seeded = fake.seeded().manifests();
                assertThat(seeded).as("tiny dataset").isNotEmpty();
                CopyOptions opts = CopyOptions.DEFAULT.withSrcCreds(creds);
                for (var repo : seeded.entrySet()) {
                    String destRepo = prefix + "/" + lastSegment(repo.getKey());
                    if (op == Op.COPY) {
                        for (String tag : repo.getValue().keySet()) {
                            skopeo.copy(Skopeo.dockerRef(fake.host(), repo.getKey(), tag),
                                    Skopeo.dockerRef(distribution.host(), destRepo, tag), opts).orThrow();
                        }
                    } else {
                        skopeo.sync(fake.host() + "/" + repo.getKey(), distribution.host() + "/" + prefix, opts).orThrow();
                    }
                    assertThat(distProbe.digests(destRepo)).as("digests at distribution after: " + description)
                            .isEqualTo(new TreeMap<>(repo.getValue()))
                            .isEqualTo(fakeProbe.digests(repo.getKey()));
                }
            } else {
                CopyOptions opts = CopyOptions.DEFAULT.withDestCreds(creds);
                String destRepo = prefix + "/app";
                if (op == Op.COPY) {
                    for (String tag : distributionApp.keySet()) {
                        skopeo.copy(Skopeo.dockerRef(distribution.host(), "src/app", tag),
                                Skopeo.dockerRef(fake.host(), destRepo, tag), opts).orThrow();
                    }
                } else {
                    skopeo.sync(distribution.host() + "/src/app", fake.host() + "/" + prefix, opts).orThrow();
                }
                assertThat(fakeProbe.digests(destRepo)).as("digests at the fake registry after: " + description)
                        .isEqualTo(distributionApp);
                assertThat(skopeo.listTags("docker://" + fake.host() + "/" + destRepo, creds))
                        .containsExactlyInAnyOrderElementsOf(distributionApp.keySet());
            }
            StatsSnapshot stats = fake.settledStats();
            if (auth) {
                assertThat(stats.requestsByRoute().getOrDefault("token", 0L)).as("token requests").isPositive();
                assertThat(stats.requestsByStatus().getOrDefault(401, 0L)).as("401 challenges").isPositive();
            } else {
                assertThat(stats.requestsByStatus()).as("no auth, no 401").doesNotContainKey(401);
            }
            assertThat(stats.requestsByStatus().keySet()).as("no server errors")
                    .allSatisfy(status -> assertThat(status).isLessThan(500));
        }
    }

    @Test
    void skopeoCopy_withoutCredentials_isRefusedByTokenAuth() throws Exception {
        try (FakeRegistry fake = FakeRegistry.builder().dataset("tiny")
                .auth(AuthConfig.token(Map.of(ALICE.user(), ALICE.password()), Duration.ofMinutes(5))).start()) {
            var repo = fake.seeded().manifests().entrySet().iterator().next();
            String tag = repo.getValue().keySet().iterator().next();

            Skopeo.Result anonymous = skopeo.copy(Skopeo.dockerRef(fake.host(), repo.getKey(), tag),
                    Skopeo.dockerRef(distribution.host(), "denied/anonymous", tag), CopyOptions.DEFAULT);
            Skopeo.Result wrongPassword = skopeo.copy(Skopeo.dockerRef(fake.host(), repo.getKey(), tag),
                    Skopeo.dockerRef(distribution.host(), "denied/wrong", tag),
                    CopyOptions.DEFAULT.withSrcCreds(new Credentials("alice", "wrong")));

            assertThat(anonymous.ok()).as(anonymous.describe()).isFalse();
            assertThat(wrongPassword.ok()).as(wrongPassword.describe()).isFalse();
            assertThat(fake.settledStats().requestsByStatus().getOrDefault(401, 0L)).isPositive();
            assertThat(new RegistryProbe(distribution.url(), null).manifest("denied/anonymous", tag).status()).isEqualTo(404);
        }
    }

    private static String lastSegment(String repo) {
        return repo.substring(repo.lastIndexOf('/') + 1);
    }
}
