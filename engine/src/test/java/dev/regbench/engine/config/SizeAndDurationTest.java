package dev.regbench.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SizeAndDurationTest {

    static Stream<Arguments> sizes() {
        return Stream.of(
                Arguments.of("65536", 65536L, "64KiB"),
                Arguments.of("512B", 512L, "512B"),
                Arguments.of("64KiB", 65536L, "64KiB"),
                Arguments.of("64 kib", 65536L, "64KiB"),
                Arguments.of("50MiB", 50L * 1024 * 1024, "50MiB"),
                Arguments.of("1GiB", 1L << 30, "1GiB"),
                Arguments.of("1536", 1536L, "1536B"),
                Arguments.of("0", 0L, "0B"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sizes")
    void size_parsesAndPrintsCanonically(String text, long bytes, String canonical) {
        Size s = Size.parse(text);
        assertThat(s.bytes()).isEqualTo(bytes);
        assertThat(s.toString()).isEqualTo(canonical);
        assertThat(Size.parse(s.toString())).isEqualTo(s);
    }

    @ParameterizedTest
    @ValueSource(strings = {"64KB", "50MB", "1G", "-1", "1.5MiB", "lots", "", "64 parsecs", "99999999999GiB"})
    void size_rejectsAmbiguousOrBadText(String text) {
        assertThatThrownBy(() -> Size.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'");
    }

    static Stream<Arguments> durations() {
        return Stream.of(
                Arguments.of("250ms", Duration.ofMillis(250), "250ms"),
                Arguments.of("30s", Duration.ofSeconds(30), "30s"),
                Arguments.of("120s", Duration.ofSeconds(120), "2m"),
                Arguments.of("5m", Duration.ofMinutes(5), "5m"),
                Arguments.of("1h", Duration.ofHours(1), "1h"),
                Arguments.of("1500ms", Duration.ofMillis(1500), "1500ms"),
                Arguments.of("0", Duration.ZERO, "0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("durations")
    void duration_parsesAndPrintsCanonically(String text, Duration expected, String canonical) {
        assertThat(Durations.parse(text)).isEqualTo(expected);
        assertThat(Durations.format(expected)).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"12 parsecs", "30", "-5s", "1.5s", "", "PT30S"})
    void duration_rejectsBadText(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'");
    }

    @Test
    void size_rejectsNegativeBytes() {
        assertThatThrownBy(() -> new Size(-1)).hasMessageContaining("negative");
    }
}
