package dev.regbench.service;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A job as the REST API shows it ({@code GET /jobs/{id}}, listings). Times are epoch millis;
 * absent ones are left out. Immutable.
 */
@JsonPropertyOrder({"id", "state", "source", "destination", "tags", "config", "createdAt", "startedAt",
        "finishedAt", "progress", "error", "cancelRequested"})
record JobView(String id, JobState state, String source, String destination, String tags, String config,
               long createdAt, Long startedAt, Long finishedAt, Progress progress, String error,
               Boolean cancelRequested) {

    /** Cumulative totals: blob bytes copied, blobs done, tags done of tags planned. */
    record Progress(long bytes, int blobs, int tags, int tagsPlanned) {
    }
}
