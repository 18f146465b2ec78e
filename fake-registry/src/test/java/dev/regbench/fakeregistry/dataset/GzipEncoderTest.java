package dev.regbench.fakeregistry.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GzipEncoderTest {

    static Stream<Arguments> contents() {
        return Stream.of(
                Arguments.of("empty stream", new long[] {}),
                Arguments.of("one stored byte", new long[] {1}),
                Arguments.of("stored larger than one 64 KiB block", new long[] {200_000}),
                Arguments.of("run of 1 byte", new long[] {-1}),
                Arguments.of("runs of 2..5 bytes (literal tails)", new long[] {-2, -3, -4, -5}),
                Arguments.of("runs around the 258 match limit", new long[] {-258, -259, -260, -261, -262, -517}),
                Arguments.of("a long run", new long[] {-1_000_003}),
                Arguments.of("stored and runs interleaved", new long[] {10, -300, 70_000, -5, 3, -20_000}));
    }

    /** Positive n = n random bytes (stored), negative n = a run of -n copies of one byte. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("contents")
    void encodes_whatTheJdkInflaterDecodesBackExactly(String description, long[] parts) throws Exception {
        GzipEncoder gzip = new GzipEncoder(16);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        SplitMix64 random = new SplitMix64(42);
        byte value = 7;
        for (long part : parts) {
            if (part > 0) {
                byte[] data = new byte[(int) part];
                random.fill(data, 0, data.length);
                gzip.stored(data, 0, data.length);
                expected.write(data);
            } else {
                value++;
                gzip.run(value, -part);
                for (long i = 0; i < -part; i++) {
                    expected.write(value);
                }
            }
        }
        ByteBuffer out = gzip.finish();
        byte[] gz = new byte[out.remaining()];
        out.get(gz);

        assertThat(TarEntries.gunzip(gz)).isEqualTo(expected.toByteArray());
        assertThat(gz[9]).as("OS byte").isEqualTo((byte) 0xff);
        assertThat(new byte[] {gz[4], gz[5], gz[6], gz[7]}).as("mtime").containsOnly(0);
    }

    @org.junit.jupiter.api.Test
    void runs_compressToAFewBitsPerMatch() {
        GzipEncoder gzip = new GzipEncoder(16);
        gzip.run((byte) 'x', 1_000_000);
        assertThat(gzip.finish().remaining()).isLessThan(10_000);
    }
}
