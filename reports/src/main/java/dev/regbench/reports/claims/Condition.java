package dev.regbench.reports.claims;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A threshold such as {@code ">= 4"}, {@code "< 80%"} or {@code "<= 50ns"}: an operator, a
 * number, an optional unit suffix ({@code %} divides by 100, other suffixes are decoration).
 * Immutable; thread-safe.
 *
 * @param op        one of {@code >=}, {@code >}, {@code <=}, {@code <}
 * @param threshold the number, after the % division
 * @param text      the condition as written
 */
record Condition(String op, double threshold, String text) {
    private static final Pattern FORM = Pattern.compile("\\s*(>=|>|<=|<|≥|≤)\\s*(-?[0-9]*\\.?[0-9]+(?:[eE]-?[0-9]+)?)\\s*(%|[a-zA-Zµ/]*)\\s*");

    /** Parses a condition; the message names the claim and key on a bad one. */
    static Condition parse(String text, String where) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(where + ": bad condition '" + text
                    + "' (expected an operator >=, >, <=, < and a number, e.g. \">= 4\" or \"< 80%\")");
        }
        String op = switch (m.group(1)) {
            case "≥" -> ">=";
            case "≤" -> "<=";
            default -> m.group(1);
        };
        double value = Double.parseDouble(m.group(2));
        if (m.group(3).equals("%")) {
            value /= 100;
        }
        return new Condition(op, value, text.trim());
    }

    boolean test(double x) {
        return switch (op) {
            case ">=" -> x >= threshold;
            case ">" -> x > threshold;
            case "<=" -> x <= threshold;
            case "<" -> x < threshold;
            default -> throw new IllegalStateException(op);
        };
    }

    @Override
    public String toString() {
        return text.toLowerCase(Locale.ROOT);
    }
}
