package dev.regbench.engine.replicate;

/**
 * Live progress of a run, for progress bars. Called from worker threads: implementations must be
 * thread-safe and quick. Every method has a no-op default.
 */
public interface ProgressListener {
    ProgressListener NONE = new ProgressListener() { };

    /** The tags selected, known once the listing is done. */
    default void tagsSelected(int count) {
    }

    /** Blob bytes streamed to the destination (may count a retried blob twice). */
    default void bytesCopied(long bytes) {
    }

    /** A blob is present at the destination (copied, mounted or skipped). */
    default void blobDone() {
    }

    default void tagDone(TagOutcome outcome) {
    }
}
