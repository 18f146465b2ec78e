package dev.regbench.reports.stats;

/**
 * Which way a metric is better: used to turn "B is higher than A" into "better" or "worse".
 * Immutable; thread-safe.
 */
public enum Direction {
    /** Throughput, connection reuse: more is better. */
    HIGHER_IS_BETTER,
    /** Time, requests, retries, allocations: less is better. */
    LOWER_IS_BETTER,
    /** Bytes copied and similar bookkeeping figures: a change is reported, never judged. */
    NEUTRAL
}
