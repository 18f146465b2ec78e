package dev.regbench.reports.stats;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The outcome of comparing config B against config A on one metric. Immutable; thread-safe.
 * Serialized in lower case with dashes ({@code "no-significant-difference"}).
 */
public enum Verdict {
    /** The whole confidence interval of B/A lies on the good side of 1. */
    BETTER("better"),
    /** The whole confidence interval of B/A lies on the bad side of 1. */
    WORSE("worse"),
    /** The confidence interval of B/A contains 1 (or the change is within the minimum effect). */
    NO_SIGNIFICANT_DIFFERENCE("no significant difference"),
    /** A neutral metric whose interval excludes 1: it changed, which is neither good nor bad. */
    DIFFERENT("different"),
    /** Fewer than two values on a side: no interval can be trusted. */
    INSUFFICIENT_DATA("insufficient data");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    /** Human label, e.g. "no significant difference". */
    public String label() {
        return label;
    }

    @JsonValue
    String json() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    static Verdict fromJson(String s) {
        for (Verdict v : values()) {
            if (v.json().equalsIgnoreCase(s) || v.name().equalsIgnoreCase(s) || v.label.equalsIgnoreCase(s)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown verdict '" + s + "' (expected one of better, worse, "
                + "no-significant-difference, different, insufficient-data)");
    }
}
