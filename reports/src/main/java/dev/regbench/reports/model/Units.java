package dev.regbench.reports.model;

import java.util.Locale;

/**
 * Prints numbers with sensible units and precision, the same way in every output format:
 * {@code 61.5 MiB/s}, {@code 21.3 ms}, {@code 17.8 ns/op}, {@code 32.0 KiB} for bytes,
 * {@code 95.5%} for fractions with unit {@code %}, {@code 4.12×} for ratios. NaN prints as
 * {@code n/a}. Stateless; thread-safe.
 */
public final class Units {
    private static final String[] BYTE_UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    private Units() {
    }

    /** Formats a value with its unit (see the class comment); the unit is appended. */
    public static String format(double v, String unit) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Double.isInfinite(v)) {
            String sign = v > 0 ? "∞" : "-∞";
            return unit == null || unit.isEmpty() ? sign : sign + (unit.equals("×") || unit.equals("%") ? unit : " " + unit);
        }
        String u = unit == null ? "" : unit;
        Scaled t = time(u, Math.abs(v));
        if (t.factor() != 1) {
            return significant(v * t.factor()) + " " + t.unit();
        }
        return switch (u) {
            case "%" -> String.format(Locale.ROOT, Math.abs(v) >= 10 ? "%,.0f%%" : "%.1f%%", v * 100);
            case "×", "x" -> String.format(Locale.ROOT, Math.abs(v) < 10 ? "%.2f×" : "%.1f×", v);
            case "B", "B/op", "bytes" -> bytes(v) + (u.equals("B/op") ? "/op" : "");
            case "" -> plain(v);
            default -> significant(v) + " " + u;
        };
    }

    /**
     * A unit and the factor to multiply values by.
     *
     * @param unit   the unit after scaling
     * @param factor multiply values by this
     */
    public record Scaled(String unit, double factor) {
    }

    private static final String[] TIME_PREFIXES = {"ns", "us", "ms", "s"};

    /**
     * For a time unit ({@code ns/op}, {@code us/op}, {@code ms}, …), the unit that keeps a value
     * of the given size below 10,000 ({@code 9.8e6 ns/op} → {@code ms/op}, factor 1e-6); other
     * units are returned unchanged with factor 1.
     */
    public static Scaled time(String unit, double magnitude) {
        int slash = unit.indexOf('/');
        String prefix = slash < 0 ? unit : unit.substring(0, slash);
        String rest = slash < 0 ? "" : unit.substring(slash);
        int i = java.util.Arrays.asList(TIME_PREFIXES).indexOf(prefix.equals("µs") ? "us" : prefix);
        if (i < 0 || (slash < 0 && !prefix.equals("ns") && !prefix.equals("us"))) {
            return new Scaled(unit, 1);
        }
        double factor = 1;
        while (magnitude * factor >= 10_000 && i < TIME_PREFIXES.length - 1) {
            factor /= 1000;
            i++;
        }
        String p = TIME_PREFIXES[i].equals("us") ? "µs" : TIME_PREFIXES[i];
        return factor == 1 ? new Scaled(unit, 1) : new Scaled(p + rest, factor);
    }

    /** A number alone with three significant digits (integers as integers, grouped). */
    public static String plain(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        return significant(v);
    }

    /** Three significant digits, no exponent: 0.00412, 4.12, 41.2, 412, 4,120. */
    public static String significant(double v) {
        double a = Math.abs(v);
        if (a == 0) {
            return "0";
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        int decimals = Math.max(0, 2 - (int) Math.floor(Math.log10(a)));
        return String.format(Locale.ROOT, "%." + Math.min(decimals, 6) + "f", v);
    }

    /** Bytes in binary units: 512 B, 32.0 KiB, 1.50 MiB; below 10 B with decimals (0.004 B). */
    public static String bytes(double v) {
        double a = Math.abs(v);
        int i = 0;
        while (a >= 1024 && i < BYTE_UNITS.length - 1) {
            a /= 1024;
            v /= 1024;
            i++;
        }
        return significant(v) + " " + BYTE_UNITS[i];
    }
}
