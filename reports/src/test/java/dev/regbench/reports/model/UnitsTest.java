package dev.regbench.reports.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class UnitsTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("throughput keeps three significant digits", 61.456, "MiB/s", "61.5 MiB/s"),
                Arguments.of("sub-millisecond latency", 0.4071, "ms", "0.407 ms"),
                Arguments.of("large latency has no decimals", 1900.4, "ms", "1,900 ms"),
                Arguments.of("fraction as percent", 0.9554, "%", "95.5%"),
                Arguments.of("huge negative reduction has no decimals", -737.02, "%", "-73,702%"),
                Arguments.of("ratio", 4.1234, "×", "4.12×"),
                Arguments.of("infinite ratio", Double.POSITIVE_INFINITY, "×", "∞×"),
                Arguments.of("bytes scale to binary units", 32784.0, "B", "32.0 KiB"),
                Arguments.of("tiny allocation keeps decimals", 0.004, "B/op", "0.00400 B/op"),
                Arguments.of("counts are grouped integers", 12000.0, "", "12,000"),
                Arguments.of("NaN is n/a", Double.NaN, "ms", "n/a"),
                Arguments.of("JMH time unit", 17.81, "ns/op", "17.8 ns/op"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void format_printsSensibleUnitsAndPrecision(String description, double value, String unit, String expected) {
        assertThat(Units.format(value, unit)).isEqualTo(expected);
    }
}
