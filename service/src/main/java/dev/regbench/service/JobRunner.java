package dev.regbench.service;

/**
 * Runs one job to the end: copies what {@code spec} names, reporting through {@code ctx}.
 * Returning normally means success; an exception means failure (its message becomes the job's
 * error), except a {@link java.util.concurrent.CancellationException} or an interruption after
 * the job was cancelled, which mean cancelled. Implementations must be thread-safe: the service
 * runs several jobs at once.
 */
@FunctionalInterface
public interface JobRunner {

    void run(JobSpec spec, JobContext ctx) throws Exception;
}
