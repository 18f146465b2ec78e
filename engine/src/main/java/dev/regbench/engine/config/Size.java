package dev.regbench.engine.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A size in bytes, as written in tuning configs: plain bytes ({@code 65536}) or a binary unit
 * ({@code 512B}, {@code 64KiB}, {@code 50MiB}, {@code 1GiB}).
 *
 * <p>Decimal-looking units ({@code 64KB}, {@code 50MB}, {@code 1G}) are rejected rather than
 * guessed: half the world reads {@code KB} as 1000 and the other half as 1024, and a buffer
 * size that is silently 2.4% off defeats the purpose of tuning it. Immutable and thread-safe.
 *
 * @param bytes the size in bytes, never negative
 */
public record Size(long bytes) implements Comparable<Size> {

    private static final Pattern FORM = Pattern.compile("\\s*(\\d+)\\s*([A-Za-z]*)\\s*");
    private static final long KIB = 1024L;
    private static final long MIB = KIB * 1024;
    private static final long GIB = MIB * 1024;

    /** Zero bytes; used by configs to mean "let the operating system decide". */
    public static final Size ZERO = new Size(0);

    public Size {
        if (bytes < 0) {
            throw new IllegalArgumentException("size must not be negative, was " + bytes);
        }
    }

    /** For Jackson mappers other than the config reader: a number of bytes or a size text. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Size fromJson(Object value) {
        if (value instanceof Number n) {
            return new Size(n.longValue());
        }
        return parse(String.valueOf(value));
    }

    public static Size ofBytes(long bytes) {
        return new Size(bytes);
    }

    public static Size ofKiB(long kib) {
        return new Size(Math.multiplyExact(kib, KIB));
    }

    public static Size ofMiB(long mib) {
        return new Size(Math.multiplyExact(mib, MIB));
    }

    /**
     * Parses {@code 65536}, {@code 512B}, {@code 64KiB}, {@code 50MiB} or {@code 1GiB}
     * (unit case-insensitive, blanks allowed between number and unit).
     *
     * @throws IllegalArgumentException naming the text and the accepted forms
     */
    public static Size parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "cannot parse size '" + text + "' (write bytes, or 512B, 64KiB, 50MiB, 1GiB)");
        }
        long n;
        try {
            n = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("size '" + text + "' is too large");
        }
        String unit = m.group(2).toLowerCase(Locale.ROOT);
        long factor = switch (unit) {
            case "", "b" -> 1;
            case "kib" -> KIB;
            case "mib" -> MIB;
            case "gib" -> GIB;
            case "k", "kb", "m", "mb", "g", "gb" -> throw new IllegalArgumentException(
                    "ambiguous size unit in '" + text + "': write KiB/MiB/GiB (powers of 1024) or plain bytes");
            default -> throw new IllegalArgumentException(
                    "unknown size unit '" + m.group(2) + "' in '" + text + "' (use B, KiB, MiB, GiB)");
        };
        try {
            return new Size(Math.multiplyExact(n, factor));
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("size '" + text + "' is too large");
        }
    }

    /** The size as an {@code int}, for array lengths; fails when it does not fit. */
    public int intBytes() {
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException(this + " does not fit in one Java array");
        }
        return (int) bytes;
    }

    /** Canonical text: the largest binary unit that divides exactly ({@code 64KiB}), else bytes. */
    @JsonValue
    @Override
    public String toString() {
        if (bytes != 0 && bytes % GIB == 0) {
            return bytes / GIB + "GiB";
        }
        if (bytes != 0 && bytes % MIB == 0) {
            return bytes / MIB + "MiB";
        }
        if (bytes != 0 && bytes % KIB == 0) {
            return bytes / KIB + "KiB";
        }
        return bytes + "B";
    }

    @Override
    public int compareTo(Size other) {
        return Long.compare(bytes, other.bytes);
    }

    // equals and hashCode written out: a record's generated ones are linked through
    // ObjectMethods' method handles on first use, 19 ms of a cold `regbench replicate`'s CPU
    // (async-profiler; BuffersConfig compares sizes while the tuning defaults load)
    @Override
    public boolean equals(Object o) {
        return o instanceof Size s && s.bytes == bytes;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(bytes);
    }
}
