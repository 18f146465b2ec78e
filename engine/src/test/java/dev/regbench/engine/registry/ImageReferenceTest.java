package dev.regbench.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ImageReferenceTest {

    static Stream<Arguments> good() {
        String d = "sha256:" + "a".repeat(64);
        return Stream.of(
                Arguments.of("loopback repo defaults to http", "127.0.0.1:5001/team/app", "http", "127.0.0.1:5001", "team/app", null, null),
                Arguments.of("tag", "127.0.0.1:5001/team/app:v1", "http", "127.0.0.1:5001", "team/app", "v1", null),
                Arguments.of("digest", "127.0.0.1:5001/app@" + d, "http", "127.0.0.1:5001", "app", null, d),
                Arguments.of("registry only", "127.0.0.1:5001", "http", "127.0.0.1:5001", null, null, null),
                Arguments.of("explicit https on loopback", "https://127.0.0.1:5001/app", "https", "127.0.0.1:5001", "app", null, null),
                Arguments.of("remote host defaults to https", "registry.example.com/a/b:latest", "https", "registry.example.com", "a/b", "latest", null),
                Arguments.of("skopeo docker:// prefix", "docker://localhost:5000/app:1.0", "http", "localhost:5000", "app", "1.0", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("good")
    void parse_acceptsWellFormedReferences(String why, String text, String scheme, String host, String repo, String tag,
                                            String digest) {
        ImageReference ref = ImageReference.parse(text);
        assertThat(ref.scheme()).isEqualTo(scheme);
        assertThat(ref.host()).isEqualTo(host);
        assertThat(ref.repository()).isEqualTo(repo);
        assertThat(ref.tag()).isEqualTo(tag);
        assertThat(ref.digest()).isEqualTo(digest);
    }

    static Stream<Arguments> bad() {
        return Stream.of(
                Arguments.of("no registry host", "team/app", "is not a registry host"),
                Arguments.of("upper-case repository", "127.0.0.1:5001/Team/App", "not a valid repository name"),
                Arguments.of("short digest", "127.0.0.1:5001/app@sha256:abc", "is not a digest"),
                Arguments.of("bad tag", "127.0.0.1:5001/app:-x", "is not a valid tag"),
                Arguments.of("ftp scheme", "ftp://127.0.0.1:5001/app", "unsupported scheme"),
                Arguments.of("empty", " ", "empty image reference"),
                Arguments.of("port above 65535", "127.0.0.1:99999/tiny/app0", "port 99999 is out of range"),
                Arguments.of("port 0", "127.0.0.1:0/tiny/app0", "port 0 is out of range"),
                Arguments.of("credentials in the reference", "http://alice:s3cretPW@127.0.0.1:15001/tiny/app0",
                        "credentials do not belong in a reference"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bad")
    void parse_rejectsBadReferencesWithAClearMessage(String why, String text, String message) {
        assertThatThrownBy(() -> ImageReference.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    static Stream<Arguments> secrets() {
        return Stream.of(
                Arguments.of("user:password@ with scheme", "http://alice:s3cretPW@127.0.0.1:15001/tiny/app0"),
                Arguments.of("without scheme", "alice:s3cretPW@127.0.0.1:15001/tiny/app0:v1"),
                Arguments.of("password holding / and @", "https://alice:s3c/ret@PW@registry.example.com/a"),
                Arguments.of("token only", "s3cretPW@localhost:5000/app"),
                Arguments.of("with a digest too", "alice:s3cretPW@127.0.0.1:15001/app@sha256:" + "a".repeat(64)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("secrets")
    void parse_refusesUserInfoWithoutEchoingThePassword(String why, String text) {
        assertThatThrownBy(() -> ImageReference.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("<redacted>@")
                .hasMessageNotContaining("s3c");
        assertThatThrownBy(() -> ImageReference.parseRepository(text)).hasMessageNotContaining("s3c");
        assertThat(ImageReference.redact(text)).doesNotContain("s3c");
    }

    @org.junit.jupiter.api.Test
    void redact_leavesDigestsAndPlainReferencesAlone() {
        String d = "127.0.0.1:5001/app@sha256:" + "b".repeat(64);
        assertThat(ImageReference.redact(d)).isEqualTo(d);
        assertThat(ImageReference.redact("127.0.0.1:5001/app@notadigest")).isEqualTo("127.0.0.1:5001/app@notadigest");
    }

    static Stream<Arguments> repositories() {
        return Stream.of(
                Arguments.of("host without dot or port (no implicit Docker Hub)", "myhost/tiny/app0", "is not a registry host"),
                Arguments.of("registry only", "127.0.0.1:5001", "a repository is needed"),
                Arguments.of("a tag", "127.0.0.1:5001/tiny/app0:v1", "without a tag or digest"),
                Arguments.of("bad port", "127.0.0.1:99999/tiny/app0", "out of range"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("repositories")
    void parseRepository_refusesWhatIsNotOneRepository(String why, String text, String message) {
        assertThatThrownBy(() -> ImageReference.parseRepository(text)).hasMessageContaining(message);
    }

    @org.junit.jupiter.api.Test
    void parseRepository_acceptsAJobsRepository() {
        ImageReference r = ImageReference.parseRepository("127.0.0.1:5001/tiny/app0");
        assertThat(r.host()).isEqualTo("127.0.0.1:5001");
        assertThat(r.repository()).isEqualTo("tiny/app0");
        assertThat(r.scheme()).isEqualTo("http");
    }

    @org.junit.jupiter.api.Test
    void parse_preferTlsUsesHttpsForLoopback() {
        assertThat(ImageReference.parse("127.0.0.1:5001/app", true).scheme()).isEqualTo("https");
    }
}
