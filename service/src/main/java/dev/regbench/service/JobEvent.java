package dev.regbench.service;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One message about a job as watchers receive it: {@code snapshot} (the job's current state on
 * subscribe), {@code progress} (cumulative totals; a newer one replaces an unsent older one) or
 * {@code state} (a state change, never dropped). Immutable; its JSON is written once, however
 * many watchers it goes to.
 */
@JsonPropertyOrder({"type", "job", "state", "bytes", "blobs", "tags", "tagsPlanned", "error", "at"})
final class JobEvent {

    static final String SNAPSHOT = "snapshot";
    static final String PROGRESS = "progress";
    static final String STATE = "state";

    private final String type;
    private final String job;
    private final JobState state;
    private final long bytes;
    private final int blobs;
    private final int tags;
    private final int tagsPlanned;
    private final String error;
    private final long at;
    private volatile String json;

    JobEvent(String type, String job, JobState state, long bytes, int blobs, int tags, int tagsPlanned,
             String error, long at) {
        this.type = type;
        this.job = job;
        this.state = state;
        this.bytes = bytes;
        this.blobs = blobs;
        this.tags = tags;
        this.tagsPlanned = tagsPlanned;
        this.error = error;
        this.at = at;
    }

    public String getType() {
        return type;
    }

    public String getJob() {
        return job;
    }

    public JobState getState() {
        return state;
    }

    public long getBytes() {
        return bytes;
    }

    public int getBlobs() {
        return blobs;
    }

    public int getTags() {
        return tags;
    }

    public int getTagsPlanned() {
        return tagsPlanned;
    }

    public String getError() {
        return error;
    }

    /** Epoch millis when the event was made. */
    public long getAt() {
        return at;
    }

    @JsonIgnore
    boolean isProgress() {
        return PROGRESS.equals(type);
    }

    /** True when this event leaves the job in a terminal state. */
    @JsonIgnore
    boolean isFinal() {
        return state.isTerminal();
    }

    String json() {
        String j = json;
        if (j == null) {
            j = Json.write(this);
            json = j;
        }
        return j;
    }
}
