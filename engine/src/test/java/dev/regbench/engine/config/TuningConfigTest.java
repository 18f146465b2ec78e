package dev.regbench.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TuningConfigTest {

    static Path configsDir() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("configs/baseline.yaml"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("configs/ above " + Path.of("").toAbsolutePath()).isNotNull();
        return dir.resolve("configs");
    }

    @Test
    void load_baselineIsSequentialUnpooledWithoutRetry() {
        TuningConfig c = TuningConfig.load(configsDir().resolve("baseline.yaml"));
        assertThat(c.name()).isEqualTo("baseline");
        assertThat(c.replication().tagConcurrency()).isEqualTo(1);
        assertThat(c.replication().blobConcurrency()).isEqualTo(1);
        assertThat(c.transport().keepAlive()).isFalse();
        assertThat(c.retry().enabled()).isFalse();
        assertThat(c.circuitBreaker().enabled()).isFalse();
        assertThat(c.buffers().pooled()).isFalse();
        assertThat(c.auth().cacheTokens()).isFalse();
        assertThat(c.timeouts().manifest()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void load_optimizedHasTheSeedsAfterValues() {
        TuningConfig c = TuningConfig.load(configsDir().resolve("optimized.yaml"));
        assertThat(c.name()).isEqualTo("optimized");
        assertThat(c.replication().tagConcurrency()).isEqualTo(5);
        assertThat(c.transport().maxTotal()).isEqualTo(200);
        assertThat(c.transport().maxPerHost()).isEqualTo(50);
        assertThat(c.transport().idleTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(c.transport().keepAlive()).isTrue();
        assertThat(c.retry().enabled()).isTrue();
        assertThat(c.retry().jitter()).isEqualTo(0.25);
        assertThat(c.buffers().pooled()).isTrue();
        assertThat(c.buffers().copyBufferSize()).isEqualTo(Size.ofKiB(64));
        assertThat(c.auth().cacheTokens()).isTrue();
        assertThat(c.replication().skipExisting()).isTrue();
        assertThat(c.replication().crossRepoMount()).isTrue();
    }

    @Test
    void parse_emptyDocumentIsTheDefaultNamedAfterTheFile() {
        TuningConfig c = TuningConfig.parse("", "configs/empty.yaml");
        assertThat(c).isEqualTo(new TuningConfig("empty", TuningConfig.DEFAULT.transport(),
                TuningConfig.DEFAULT.replication(), TuningConfig.DEFAULT.buffers(), TuningConfig.DEFAULT.retry(),
                TuningConfig.DEFAULT.circuitBreaker(), TuningConfig.DEFAULT.auth(),
                TuningConfig.DEFAULT.timeouts()));
    }

    @Test
    void parse_omittedKeysInsideASectionTakeTheirDefaults() {
        TuningConfig c = TuningConfig.parse("transport:\n  maxTotal: 300\nretry:\n", "x.yaml");
        assertThat(c.transport().maxTotal()).isEqualTo(300);
        assertThat(c.transport().maxPerHost()).isEqualTo(TransportConfig.DEFAULT.maxPerHost());
        assertThat(c.transport().idleTimeout()).isEqualTo(TransportConfig.DEFAULT.idleTimeout());
        assertThat(c.retry()).isEqualTo(RetryConfig.DEFAULT);
        assertThat(c.buffers()).isEqualTo(BuffersConfig.DEFAULT);
    }

    @Test
    void parse_readsSizesDurationsEnumsAndLists() {
        TuningConfig c = TuningConfig.parse("""
                transport: {kind: jdk, idleTimeout: 250ms, connectTimeout: 1h, socketSendBuffer: 65536}
                buffers: {tiers: [1GiB, 4KiB, 50MiB], copyBufferSize: 512B}
                retry: {retryableStatuses: [503, 429], maxDelay: 5m}
                """, "x.yaml");
        assertThat(c.transport().kind()).isEqualTo(TransportConfig.Kind.JDK);
        assertThat(c.transport().idleTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(c.transport().connectTimeout()).isEqualTo(Duration.ofHours(1));
        assertThat(c.transport().socketSendBuffer()).isEqualTo(Size.ofKiB(64));
        assertThat(c.buffers().tiers()).containsExactly(Size.ofKiB(4), Size.ofMiB(50), Size.ofMiB(1024));
        assertThat(c.buffers().copyBufferSize().bytes()).isEqualTo(512);
        assertThat(c.retry().retryableStatuses()).containsExactly(429, 503);
        assertThat(c.retry().maxDelay()).isEqualTo(Duration.ofMinutes(5));
    }

    static Stream<Path> shippedConfigs() {
        return Stream.of("baseline.yaml", "optimized.yaml").map(f -> configsDir().resolve(f));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shippedConfigs")
    void toYaml_roundTripsEveryShippedConfig(Path file) {
        TuningConfig c = TuningConfig.load(file);
        assertThat(TuningConfig.parse(c.toYaml(), "roundtrip.yaml")).isEqualTo(c);
    }

    @Test
    void anyJacksonMapper_writesAndReadsAConfigAsJson() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper plain = new com.fasterxml.jackson.databind.ObjectMapper();
        TuningConfig c = TuningConfig.load(configsDir().resolve("optimized.yaml"));
        String json = plain.writeValueAsString(c);
        assertThat(json).contains("\"idleTimeout\":\"2m\"").contains("\"copyBufferSize\":\"64KiB\"");
        assertThat(plain.readValue(json, TuningConfig.class)).isEqualTo(c);
    }

    @Test
    void toYaml_roundTripsTheDefault() {
        assertThat(TuningConfig.parse(TuningConfig.DEFAULT.toYaml(), "d.yaml")).isEqualTo(TuningConfig.DEFAULT);
    }

    @Test
    void load_missingFileNamesTheFile(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> TuningConfig.load(missing))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(missing + ": cannot read file");
    }

    @Test
    void load_fileErrorsNameTheFileAndKey(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "transport:\n  maxTotl: 5\n");
        assertThatThrownBy(() -> TuningConfig.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ": unknown key 'transport.maxTotl' (known: ")
                .hasMessageContaining("maxTotal");
    }

    static Stream<Arguments> badConfigs() {
        return Stream.of(
                Arguments.of("unknown key inside a section", "transport:\n  maxTotl: 5\n",
                        "unknown key 'transport.maxTotl'", ""),
                Arguments.of("unknown section", "transprot:\n  maxTotal: 5\n", "unknown key 'transprot'", ""),
                Arguments.of("negative pool size", "transport:\n  maxTotal: -1\n", "must be at least 1", "transport.maxTotal"),
                Arguments.of("per-host above total", "transport:\n  maxTotal: 10\n  maxPerHost: 20\n",
                        "must not exceed", "transport.maxPerHost"),
                Arguments.of("duration in parsecs", "retry:\n  baseDelay: 12 parsecs\n",
                        "unknown duration unit 'parsecs'", "retry.baseDelay"),
                Arguments.of("duration without unit", "timeouts:\n  blob: 30\n", "has no unit", "timeouts.blob"),
                Arguments.of("ambiguous KB size", "buffers:\n  copyBufferSize: 64KB\n",
                        "ambiguous size unit", "buffers.copyBufferSize"),
                Arguments.of("bad size in a list", "buffers:\n  tiers: [8KiB, lots]\n",
                        "cannot parse size 'lots'", "buffers.tiers[1]"),
                Arguments.of("unknown enum value", "transport:\n  kind: CURL\n", "one of [APACHE, JDK]", "transport.kind"),
                Arguments.of("text for a number", "replication:\n  tagConcurrency: many\n",
                        "expected a whole number", "replication.tagConcurrency"),
                Arguments.of("fraction for a whole number", "replication:\n  tagConcurrency: 2.5\n",
                        "expected a whole number", "replication.tagConcurrency"),
                Arguments.of("jitter above one", "retry:\n  jitter: 1.5\n", "between 0.0 and 1.0", "retry.jitter"),
                Arguments.of("not an HTTP status", "retry:\n  retryableStatuses: [503, 42]\n",
                        "not an HTTP status: 42", "retry.retryableStatuses"),
                Arguments.of("threshold above 100%", "circuitBreaker:\n  failureThreshold: 150\n",
                        "between 1 and 100", "circuitBreaker.failureThreshold"),
                Arguments.of("removed compression section", "compression:\n  codec: GZIP\n",
                        "registry blobs are stored and digested compressed", "compression"),
                Arguments.of("HTTP/2 on the HTTP/1.1-only client", "transport:\n  kind: APACHE\n  http2: true\n",
                        "the APACHE client speaks HTTP/1.1 only", "transport.http2"),
                Arguments.of("duplicate key", "replication:\n  tagConcurrency: 2\n  tagConcurrency: 8\n",
                        "duplicate key", "replication.tagConcurrency"),
                Arguments.of("duplicate section", "retry:\n  maxAttempts: 2\nretry:\n  maxAttempts: 3\n",
                        "duplicate key", "retry"),
                Arguments.of("empty value", "transport:\n  maxTotal:\n", "has no value", "transport.maxTotal"),
                Arguments.of("section that is not a mapping", "transport: fast\n", "expected a mapping", "transport"),
                Arguments.of("YAML syntax error", "transport:\n  maxTotal: [1\n", "YAML syntax error at line", ""),
                Arguments.of("document that is a list", "- a\n- b\n", "expected a mapping of sections", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badConfigs")
    void parse_rejectsBadInputNamingFileAndKey(String description, String yaml, String problem, String key) {
        assertThatThrownBy(() -> TuningConfig.parse(yaml, "configs/x.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("configs/x.yaml: " + (key.isEmpty() ? "" : key + ": "))
                .hasMessageContaining(problem)
                .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo(key));
    }

    @Test
    void with_changesOneKeyAndLeavesTheRest() {
        TuningConfig c = TuningConfig.DEFAULT.with("replication.tagConcurrency", "4")
                .with("transport.keepAlive", "false")
                .with("retry.baseDelay", "1s")
                .with("buffers.tiers", "[4KiB, 64KiB]")
                .with("retry.retryableStatuses", "503,429")
                .with("name", "sweep-4");
        assertThat(c.replication().tagConcurrency()).isEqualTo(4);
        assertThat(c.transport().keepAlive()).isFalse();
        assertThat(c.retry().baseDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.buffers().tiers()).isEqualTo(List.of(Size.ofKiB(4), Size.ofKiB(64)));
        assertThat(c.retry().retryableStatuses()).containsExactly(429, 503);
        assertThat(c.name()).isEqualTo("sweep-4");
        assertThat(c.transport().maxTotal()).isEqualTo(TransportConfig.DEFAULT.maxTotal());
        assertThat(TuningConfig.DEFAULT.replication().tagConcurrency()).isEqualTo(5);
    }

    @Test
    void with_unknownKeyNamesIt() {
        assertThatThrownBy(() -> TuningConfig.DEFAULT.with("replication.tagConcurency", "4"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown key 'replication.tagConcurency'")
                .hasMessageContaining("tagConcurrency");
        assertThatThrownBy(() -> TuningConfig.DEFAULT.with("replication", "4"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown key 'replication'");
    }

    @Test
    void with_badValueNamesTheKey() {
        assertThatThrownBy(() -> TuningConfig.DEFAULT.with("replication.tagConcurrency", "0"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("with(replication.tagConcurrency=0): replication.tagConcurrency: must be at least 1, was 0");
    }
}
