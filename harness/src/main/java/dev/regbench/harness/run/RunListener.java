package dev.regbench.harness.run;

import dev.regbench.reports.model.RunResult;

/** What the runner tells its user while it works. Called from the runner's thread only. */
public interface RunListener {

    /** A run begins; {@code repetition} is negative for warm-up runs. */
    default void runStarted(String variant, int repetition, int repetitions, long expectedBlobBytes) {
    }

    /** Blob bytes copied so far in the current run (called a few times a second). */
    default void progress(long blobBytesCopied) {
    }

    /** A run ended, recorded or not. */
    default void runFinished(String variant, int repetition, RunResult result) {
    }

    /** Anything else worth a line. */
    default void note(String message) {
    }

    RunListener SILENT = new RunListener() { };
}
