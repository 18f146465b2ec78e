package dev.regbench.service;

/**
 * The life of a replication job: {@code QUEUED → RUNNING → SUCCEEDED | FAILED | CANCELLED};
 * a queued job may also go straight to {@code CANCELLED}. Immutable.
 */
public enum JobState {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    /** True for the states a job never leaves. */
    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    /** True for the states {@code GET /jobs/active} lists. */
    public boolean isActive() {
        return this == QUEUED || this == RUNNING;
    }
}
