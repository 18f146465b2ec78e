package dev.regbench.harness.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs {@link CompressionBenchmark}'s methods once per input and level and checks the bytes they
 * report (wire / body). Times nothing.
 */
class CompressionBenchmarkTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("already-gzip'd layer, level 1: does not shrink", "gzipLayer", 1, 0.95, 1.01),
                Arguments.of("already-gzip'd layer, level 6: does not shrink", "gzipLayer", 6, 0.95, 1.01),
                Arguments.of("JSON-lines text, level 1: more than halved", "text", 1, 0.05, 0.5),
                Arguments.of("JSON-lines text, level 6: more than halved", "text", 6, 0.05, 0.5));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gzip_reportsWireAndBodyBytes(String description, String input, int level, double minRatio, double maxRatio)
            throws Exception {
        CompressionBenchmark bench = new CompressionBenchmark();
        CompressionInput in = input(input);
        CompressionBenchmark.GzipLevel gz = new CompressionBenchmark.GzipLevel();
        gz.level = level;
        CompressionBenchmark.WireCounters wire = new CompressionBenchmark.WireCounters();

        long returned = bench.gzip(in, gz, wire);

        assertThat(wire.bodyBytes).isEqualTo(4L << 20);
        assertThat(returned).isEqualTo(wire.wireBytes);
        assertThat((double) wire.wireBytes / wire.bodyBytes).as(description).isBetween(minRatio, maxRatio);
        // a second invocation sets the same figures (they are per invocation, not running sums)
        bench.gzip(in, gz, wire);
        assertThat(wire.wireBytes).isEqualTo(returned);
    }

    @ParameterizedTest(name = "input={0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"gzipLayer", "text"})
    void identity_putsTheBodyOnTheWireUnchanged(String input) throws Exception {
        CompressionBenchmark.WireCounters wire = new CompressionBenchmark.WireCounters();
        long returned = new CompressionBenchmark().identity(input(input), wire);
        assertThat(returned).isEqualTo(4L << 20);
        assertThat(wire.wireBytes).isEqualTo(wire.bodyBytes).isEqualTo(4L << 20);
    }

    @org.junit.jupiter.api.Test
    void gzipLayerInput_isAGzipStream() throws Exception {
        byte[] body = input("gzipLayer").body;
        assertThat(body[0] & 0xff).isEqualTo(0x1f);
        assertThat(body[1] & 0xff).isEqualTo(0x8b);
    }

    private static CompressionInput input(String name) throws Exception {
        CompressionInput in = new CompressionInput();
        in.input = name;
        in.build();
        return in;
    }
}
