package dev.regbench.service;

import java.util.concurrent.CancellationException;

/**
 * What a {@link JobRunner} sees of its job: it reports progress and log lines here and checks
 * whether the job was cancelled. Progress figures are deltas; the service keeps the totals and
 * streams them to watchers. Implementations are thread-safe: a runner may report from several
 * threads at once, and no method blocks on slow watchers.
 */
public interface JobContext {

    /** The job's id. */
    String jobId();

    /** Announces how many tags the job will copy (once the tag list is known). */
    void tagsPlanned(int tags);

    /** Adds to the job's progress: blob bytes copied, blobs done, tags done. */
    void progress(long bytes, int blobs, int tags);

    /** Appends one line to the job's log (a newline is added). */
    void log(String line);

    /** True once the job was cancelled; runners stop at the next convenient point. */
    boolean isCancelled();

    /**
     * Runs {@code hook} when the job is cancelled (at once if it already was), e.g. to abort
     * in-flight requests. Hooks run on the cancelling thread and must be quick.
     */
    void onCancel(Runnable hook);

    /** Throws when the job was cancelled. */
    default void throwIfCancelled() {
        if (isCancelled()) {
            throw new CancellationException("job " + jobId() + " was cancelled");
        }
    }
}
