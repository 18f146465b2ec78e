package dev.regbench.engine.registry;

import static dev.regbench.engine.registry.CredentialResolver.Role.DESTINATION;
import static dev.regbench.engine.registry.CredentialResolver.Role.SOURCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unit tests of the small protocol pieces: challenges, error documents, Retry-After, links, digests, credentials. */
class ProtocolPartsTest {

    @Test
    void challenge_parsesBearerRealmServiceAndScope() {
        TokenAuthenticator.Challenge c = TokenAuthenticator.Challenge.parse(
                "Bearer realm=\"http://127.0.0.1:5000/token\",service=\"regbench\",scope=\"repository:team/app:pull\"");
        assertThat(c.basic()).isFalse();
        assertThat(c.realm()).isEqualTo("http://127.0.0.1:5000/token");
        assertThat(c.service()).isEqualTo("regbench");
        assertThat(c.scope()).isEqualTo("repository:team/app:pull");
    }

    @Test
    void challenge_recognisesBasicAndRejectsUnknownSchemes() {
        assertThat(TokenAuthenticator.Challenge.parse("Basic realm=\"x\"").basic()).isTrue();
        assertThat(TokenAuthenticator.Challenge.parse("Negotiate abc")).isNull();
    }

    @Test
    void errorDocument_turnsOciErrorsIntoReadableReasons() {
        ErrorDocument doc = ErrorDocument.parse(("{\"errors\":[{\"code\":\"BLOB_UNKNOWN\",\"message\":\"blob unknown to registry\"},"
                + "{\"code\":\"DENIED\",\"message\":\"\"}]}").getBytes(StandardCharsets.UTF_8));
        assertThat(doc.reasons()).isEqualTo("BLOB_UNKNOWN (blob unknown to registry); DENIED");
        assertThat(doc.has("BLOB_UNKNOWN")).isTrue();
        assertThat(ErrorDocument.parse("<html>oops</html>".getBytes(StandardCharsets.UTF_8)).reasons()).isEqualTo("<html>oops</html>");
    }

    @Test
    void page_followsLinkHeaderRelativeToTheRequest() {
        URI current = URI.create("http://127.0.0.1:5000/v2/_catalog?n=2");
        assertThat(Page.nextFrom(current, List.of("</v2/_catalog?last=b&n=2>; rel=\"next\"")))
                .contains(URI.create("http://127.0.0.1:5000/v2/_catalog?last=b&n=2"));
        assertThat(Page.nextFrom(current, List.of())).isEmpty();
    }

    @Test
    void verifyingStream_rejectsContentThatDoesNotHashToTheDigest() {
        byte[] good = "hello".getBytes(StandardCharsets.UTF_8);
        String digest = Digests.of(good);
        InputStream corrupt = new VerifyingInputStream(new ByteArrayInputStream("hellO".getBytes(StandardCharsets.UTF_8)),
                digest, 5, "pulling blob");
        assertThatThrownBy(() -> corrupt.readAllBytes())
                .isInstanceOf(DigestMismatchException.class)
                .hasMessageContaining(digest)
                .hasMessageContaining(Digests.of("hellO".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void verifyingStream_passesMatchingContent() throws Exception {
        byte[] good = "hello".getBytes(StandardCharsets.UTF_8);
        InputStream in = new VerifyingInputStream(new ByteArrayInputStream(good), Digests.of(good), 5, "pulling blob");
        assertThat(in.readAllBytes()).isEqualTo(good);
    }

    @Test
    void credentials_neverShowThePassword() {
        Credentials c = Credentials.parse("alice:s3cr:et", "--creds");
        assertThat(c.password()).isEqualTo("s3cr:et");
        assertThat(c.toString()).doesNotContain("s3cr").contains("alice");
        assertThatThrownBy(() -> Credentials.parse("nocolon", "--creds")).hasMessage("--creds: expected USER:PASS");
    }

    @Test
    void credentialResolver_prefersFlagThenEnvironmentThenDockerConfig(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("config.json");
        String auth = Base64.getEncoder().encodeToString("bob:pw".getBytes(StandardCharsets.UTF_8));
        Files.writeString(config, "{\"auths\":{\"https://127.0.0.1:5001\":{\"auth\":\"" + auth + "\"}}}");
        CredentialResolver noEnv = new CredentialResolver(Map.of(), config);
        assertThat(noEnv.resolve(SOURCE, null, "127.0.0.1:5001")).contains(new Credentials("bob", "pw"));
        assertThat(noEnv.resolve(SOURCE, null, "127.0.0.1:5002")).isEmpty();
        assertThat(noEnv.resolve(SOURCE, "carol:x", "127.0.0.1:5001")).contains(new Credentials("carol", "x"));
        CredentialResolver env = new CredentialResolver(Map.of("REGBENCH_SOURCE_USERNAME", "dan",
                "REGBENCH_SOURCE_PASSWORD", "y"), config);
        assertThat(env.resolve(SOURCE, null, "127.0.0.1:5001")).isEqualTo(Optional.of(new Credentials("dan", "y")));
    }

    @Test
    void credentialResolver_bindsEnvironmentCredentialsToTheirRoleOnly() throws Exception {
        CredentialResolver env = new CredentialResolver(Map.of(
                "REGBENCH_SOURCE_USERNAME", "alice", "REGBENCH_SOURCE_PASSWORD", "src-pw",
                "REGBENCH_DEST_USERNAME", "bob", "REGBENCH_DEST_PASSWORD", "dst-pw"), null);
        assertThat(env.resolve(SOURCE, null, "127.0.0.1:5001")).contains(new Credentials("alice", "src-pw"));
        assertThat(env.resolve(DESTINATION, null, "127.0.0.1:5002")).contains(new Credentials("bob", "dst-pw"));
        CredentialResolver sourceOnly = new CredentialResolver(Map.of(
                "REGBENCH_SOURCE_USERNAME", "alice", "REGBENCH_SOURCE_PASSWORD", "src-pw"), null);
        assertThat(sourceOnly.resolve(DESTINATION, null, "127.0.0.1:5002")).as("the source's never go to the destination")
                .isEmpty();
    }

    @Test
    void credentialResolver_refusesTheUnscopedVariablesSayingWhatToSetWithoutEchoingThem() {
        CredentialResolver old = new CredentialResolver(Map.of("REGBENCH_USERNAME", "alice",
                "REGBENCH_PASSWORD", "s3cretPW"), null);
        assertThatThrownBy(() -> old.resolve(DESTINATION, null, "127.0.0.1:5002"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("REGBENCH_SOURCE_USERNAME").hasMessageContaining("REGBENCH_DEST_PASSWORD")
                .hasMessageNotContaining("s3cretPW").hasMessageNotContaining("alice");
        CredentialResolver half = new CredentialResolver(Map.of("REGBENCH_DEST_PASSWORD", "s3cretPW"), null);
        assertThatThrownBy(() -> half.resolve(DESTINATION, null, "127.0.0.1:5002"))
                .hasMessageContaining("REGBENCH_DEST_USERNAME is not set").hasMessageNotContaining("s3cretPW");
    }
}
