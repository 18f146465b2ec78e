package dev.regbench.fakeregistry.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regbench.fakeregistry.peers.Skopeo.CopyOptions;
import dev.regbench.fakeregistry.peers.Skopeo.Credentials;
import dev.regbench.fakeregistry.peers.Tools.Tool;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** What the peer launchers write and pass, without starting any process. */
class PeersConfigTest {

    @Test
    void distributionConfig_bindsLoopbackOnly_enablesDelete_hasNoDebugListener() {
        String yaml = DistributionRegistry.configYaml(Path.of("/tmp/x/storage"), 5123);

        assertThat(yaml).contains("addr: 127.0.0.1:5123", "rootdirectory: /tmp/x/storage", "delete:\n    enabled: true",
                "level: warn");
        assertThat(yaml).doesNotContain("debug", "auth:", ":5000");
    }

    static Stream<Arguments> copyOptions() {
        Credentials alice = new Credentials("alice", "s3cret");
        return Stream.of(
                Arguments.of("defaults: TLS verification off both ways, nothing else", CopyOptions.DEFAULT,
                        List.of("--src-tls-verify=false", "--dest-tls-verify=false")),
                Arguments.of("source credentials", CopyOptions.DEFAULT.withSrcCreds(alice),
                        List.of("--src-tls-verify=false", "--dest-tls-verify=false", "--src-creds=alice:s3cret")),
                Arguments.of("destination credentials, --all, --preserve-digests and extras",
                        CopyOptions.DEFAULT.withDestCreds(alice).withAll(true).withPreserveDigests(true).withExtra("--retry-times", "2"),
                        List.of("--src-tls-verify=false", "--dest-tls-verify=false", "--dest-creds=alice:s3cret", "--all",
                                "--preserve-digests", "--retry-times", "2")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("copyOptions")
    void copyOptions_becomeSkopeoArguments(String description, CopyOptions options, List<String> expected) {
        List<String> args = new ArrayList<>();
        options.appendTo(args);
        assertThat(args).isEqualTo(expected);
    }

    @Test
    void credentials_rejectColonInUserName() {
        assertThatThrownBy(() -> new Credentials("a:b", "pw")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'a:b'");
    }

    @Test
    void dockerRef_usesAtForDigests_andColonForTags() {
        assertThat(Skopeo.dockerRef("127.0.0.1:5000", "team/app", "v1")).isEqualTo("docker://127.0.0.1:5000/team/app:v1");
        assertThat(Skopeo.dockerRef("127.0.0.1:5000", "team/app", "sha256:abc"))
                .isEqualTo("docker://127.0.0.1:5000/team/app@sha256:abc");
    }

    @Test
    void describeMissing_namesToolAndDebianPackage() {
        assertThat(Tools.describeMissing(List.of(Tool.DISTRIBUTION, Tool.SKOPEO)))
                .contains("docker-registry", "apt-get install -y docker-registry", "skopeo", "apt-get install -y skopeo");
    }

    @Test
    void sha256_ofEmptyInput_isTheWellKnownDigest() {
        assertThat(Skopeo.sha256(new byte[0]))
                .isEqualTo("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }
}
