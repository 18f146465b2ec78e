package dev.regbench.service;

import java.time.Duration;
import java.util.Objects;

/**
 * How much of the jobs' logs the store keeps ({@code job_log}); the sweep runs on every instance,
 * off the thread that renews leases, and deletes at most what these limits allow (deleting twice
 * is harmless, so instances need not agree on who sweeps). The job rows themselves are kept.
 * Immutable.
 *
 * @param linesPerJob   log lines kept per job, the newest; older lines are deleted. Default 20,000
 *                      (what a watcher or log follower is replayed at most).
 * @param finishedAge   the log of a job that ended longer ago than this is deleted. Default 7 days.
 * @param sweepInterval how often an instance sweeps. Default 1 min.
 */
public record LogRetention(int linesPerJob, Duration finishedAge, Duration sweepInterval) {

    public static final LogRetention DEFAULT = new LogRetention(20_000, Duration.ofDays(7), Duration.ofMinutes(1));

    public LogRetention {
        if (linesPerJob < 10) {
            throw new IllegalArgumentException("log retention linesPerJob: bad value " + linesPerJob + " (at least 10)");
        }
        Objects.requireNonNull(finishedAge, "finishedAge");
        Objects.requireNonNull(sweepInterval, "sweepInterval");
        if (finishedAge.isNegative() || finishedAge.isZero()) {
            throw new IllegalArgumentException("log retention finishedAge: bad value " + finishedAge);
        }
        if (sweepInterval.isNegative() || sweepInterval.isZero()) {
            throw new IllegalArgumentException("log retention sweepInterval: bad value " + sweepInterval);
        }
    }
}
