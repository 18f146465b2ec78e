package dev.regbench.fakeregistry.dataset;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.regbench.fakeregistry.faults.Units;

/**
 * A layer size distribution: one size ({@code 4MiB}) or a uniform range ({@code 1MiB..8MiB}),
 * inclusive. Sizes are of the layer's payload file before compression.
 *
 * <p>Immutable.
 */
public record SizeRange(long min, long max) {

    public SizeRange {
        if (min < 0 || max < min) {
            throw new IllegalArgumentException("bad size range " + min + ".." + max
                    + ": need 0 <= min <= max");
        }
    }

    /** Exactly {@code bytes}. */
    public static SizeRange fixed(long bytes) {
        return new SizeRange(bytes, bytes);
    }

    /** Parses {@code 4MiB} or {@code 1MiB..8MiB}. */
    @JsonCreator
    public static SizeRange parse(String text) {
        int dots = text.indexOf("..");
        if (dots < 0) {
            return fixed(Units.parseSize(text));
        }
        return new SizeRange(Units.parseSize(text.substring(0, dots)), Units.parseSize(text.substring(dots + 2)));
    }

    @JsonCreator
    static SizeRange ofBytes(long bytes) {
        return fixed(bytes);
    }

    long pick(SplitMix64 random) {
        return random.nextLong(min, max);
    }

    @JsonValue
    @Override
    public String toString() {
        return min == max ? Long.toString(min) : min + ".." + max;
    }
}
