package dev.regbench.engine.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and prints durations the way tuning configs write them: {@code 250ms}, {@code 30s},
 * {@code 5m}, {@code 1h}, and {@code 0} (zero needs no unit). A bare number other than zero is
 * rejected, because {@code timeout: 30} could mean seconds or milliseconds. Stateless.
 */
public final class Durations {

    private static final Pattern FORM = Pattern.compile("\\s*(\\d+)\\s*([A-Za-z]*)\\s*");

    private Durations() {
    }

    /**
     * @throws IllegalArgumentException naming the text and the accepted forms
     */
    public static Duration parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "cannot parse duration '" + text + "' (write 250ms, 30s, 5m or 1h)");
        }
        long n;
        try {
            n = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("duration '" + text + "' is too large");
        }
        String unit = m.group(2).toLowerCase(Locale.ROOT);
        try {
            return switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "" -> {
                    if (n == 0) {
                        yield Duration.ZERO;
                    }
                    throw new IllegalArgumentException(
                            "duration '" + text + "' has no unit (write 250ms, 30s, 5m or 1h)");
                }
                default -> throw new IllegalArgumentException(
                        "unknown duration unit '" + m.group(2) + "' in '" + text + "' (use ms, s, m, h)");
            };
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("duration '" + text + "' is too large");
        }
    }

    /** Shortest exact text in the largest unit that divides: {@code 2m}, {@code 1500ms}, {@code 0}. */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0";
        }
        long ms = d.toMillis();
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }

    static Duration requireNonNegative(Duration d, String key) {
        if (d == null) {
            throw new IllegalArgumentException(key + ": a value is required");
        }
        if (d.isNegative()) {
            throw new IllegalArgumentException(key + ": must not be negative, was " + d);
        }
        return d;
    }

    static Duration requirePositive(Duration d, String key) {
        requireNonNegative(d, key);
        if (d.isZero()) {
            throw new IllegalArgumentException(key + ": must be greater than 0");
        }
        return d;
    }
}
