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
                Arguments.of("empty", " ", "empty image reference"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bad")
    void parse_rejectsBadReferencesWithAClearMessage(String why, String text, String message) {
        assertThatThrownBy(() -> ImageReference.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @org.junit.jupiter.api.Test
    void parse_preferTlsUsesHttpsForLoopback() {
        assertThat(ImageReference.parse("127.0.0.1:5001/app", true).scheme()).isEqualTo("https");
    }
}
