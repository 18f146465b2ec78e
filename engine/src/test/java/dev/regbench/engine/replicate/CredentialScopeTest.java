package dev.regbench.engine.replicate;

import static dev.regbench.engine.replicate.Fixtures.options;
import static dev.regbench.engine.replicate.Fixtures.optimized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regbench.engine.registry.CredentialResolver;
import dev.regbench.engine.registry.Credentials;
import dev.regbench.engine.registry.ImageReference;
import dev.regbench.engine.registry.UnauthorizedException;
import dev.regbench.fakeregistry.FakeRegistry;
import dev.regbench.fakeregistry.auth.AuthConfig;
import dev.regbench.fakeregistry.http.Route;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Credentials go only to the host they belong to: two token-auth registries with different users,
 * each behind a recording proxy, and a count of which basic credentials each host received.
 */
class CredentialScopeTest {

    private static final AuthConfig SOURCE_USERS = AuthConfig.token(Map.of("alice", "src-s3cret"), Duration.ofMinutes(5));
    private static final AuthConfig DEST_USERS = AuthConfig.token(Map.of("bob", "dst-s3cret"), Duration.ofMinutes(5));

    private static String basic(String user, String pass) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + pass).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void environmentCredentials_reachOnlyTheirOwnRegistry() throws Exception {
        CredentialResolver resolver = new CredentialResolver(Map.of(
                "REGBENCH_SOURCE_USERNAME", "alice", "REGBENCH_SOURCE_PASSWORD", "src-s3cret",
                "REGBENCH_DEST_USERNAME", "bob", "REGBENCH_DEST_PASSWORD", "dst-s3cret"), null);
        try (FakeRegistry src = FakeRegistry.builder().dataset("tiny").auth(SOURCE_USERS).start();
             FakeRegistry dst = FakeRegistry.builder().auth(DEST_USERS).start();
             TamperingProxy srcProxy = new TamperingProxy(src.url(), true, TamperingProxy.Tamper.NONE);
             TamperingProxy dstProxy = new TamperingProxy(dst.url(), true, TamperingProxy.Tamper.NONE)) {
            ImageReference from = ImageReference.parse(srcProxy.host() + "/tiny/app0");
            ImageReference to = ImageReference.parse(dstProxy.host() + "/mirror/app0");
            Optional<Credentials> srcCreds = resolver.resolve(CredentialResolver.Role.SOURCE, null, from.host());
            Optional<Credentials> dstCreds = resolver.resolve(CredentialResolver.Role.DESTINATION, null, to.host());
            try (Replicator replicator = Replicator.create(optimized(), options().withCredentials(srcCreds, dstCreds))) {
                ReplicationResult result = replicator.replicate(ReplicationRequest.of(from, to));
                assertThat(result.failed()).isEmpty();
                assertThat(result.tags()).isNotEmpty();
            }
            assertThat(srcProxy.authorizations()).as("source host").contains(basic("alice", "src-s3cret"))
                    .doesNotContain(basic("bob", "dst-s3cret"));
            assertThat(dstProxy.authorizations()).as("destination host").contains(basic("bob", "dst-s3cret"))
                    .doesNotContain(basic("alice", "src-s3cret"));
            assertThat(srcProxy.authorizations()).allMatch(a -> a.startsWith("Bearer ") || a.equals(basic("alice", "src-s3cret")));
            assertThat(dstProxy.authorizations()).allMatch(a -> a.startsWith("Bearer ") || a.equals(basic("bob", "dst-s3cret")));
        }
    }

    @Test
    void tokenRealmOnAnotherHost_getsNoCredentialsUnlessTrusted() throws Exception {
        try (FakeRegistry src = FakeRegistry.builder().dataset("tiny").auth(SOURCE_USERS).start();
             // not rewriting: the challenge's realm names the registry's own port, another host than the proxy's
             TamperingProxy proxy = new TamperingProxy(src.url(), false, TamperingProxy.Tamper.NONE)) {
            ImageReference from = ImageReference.parse(proxy.host() + "/tiny/app0");
            Credentials alice = new Credentials("alice", "src-s3cret");
            try (Replicator replicator = Replicator.create(optimized(), options())) {
                assertThatThrownBy(() -> replicator.client(from, Optional.of(alice)).tags("tiny/app0"))
                        .isInstanceOf(UnauthorizedException.class)
                        .hasMessageContaining("token realm " + src.host())
                        .hasMessageContaining("--trust-realm " + src.host())
                        .hasMessageNotContaining("src-s3cret");
                assertThat(src.settledStats().requests(Route.TOKEN.key())).as("no credentials sent to the realm").isZero();

                assertThat(replicator.client(from, Optional.of(alice.withRealmHosts(Set.of(src.host())))).tags("tiny/app0"))
                        .as("trusted realm").isNotEmpty();
                assertThat(src.settledStats().requests(Route.TOKEN.key())).isPositive();
            }
        }
    }
}
