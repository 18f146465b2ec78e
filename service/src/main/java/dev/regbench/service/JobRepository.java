package dev.regbench.service;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where jobs live: the durable source of truth every instance shares. A job's run is fenced by
 * {@code (owner, attempt)}: writes about a run ({@link #renew}, {@link #finish}) succeed only while
 * that run still holds the job, so an instance whose lease was taken over can never overwrite the
 * new owner's work. Every method throws {@link StoreUnavailableException} when the store cannot be
 * reached. Implementations are thread-safe.
 */
interface JobRepository extends AutoCloseable {

    /** A log line with its position in the job's log. */
    record LogLine(long seq, String line) {
    }

    /** Result of a cancel request. */
    enum CancelOutcome { UNKNOWN, ALREADY_ENDED, CANCELLED, REQUESTED }

    /** What {@link #renew} learned: jobs this instance no longer holds, and jobs asked to cancel. */
    record Renewal(List<String> lost, List<String> cancelRequested) {
    }

    /** Progress of a run, written with each renewal. */
    record Progress(String id, int attempt, long bytes, int blobs, int tagsDone, int tagsPlanned) {
    }

    /** Stores a new QUEUED job and its first log line. */
    void insert(JobRecord job, String firstLogLine);

    Optional<JobRecord> find(String id);

    /** QUEUED jobs waiting, for the queue limit. */
    int queued();

    /**
     * Claims up to {@code max} jobs for {@code owner}: QUEUED ones, oldest first, and RUNNING ones
     * whose lease ended before {@code expiredBefore} (their owner stopped renewing). Each claimed job
     * is RUNNING with {@code attempt + 1} and a lease until {@code now + leaseMs}. A job claimed
     * {@code maxAttempts} times already is failed with the reason instead. Concurrent claimers never
     * get the same job ({@code FOR UPDATE SKIP LOCKED}).
     */
    List<JobRecord> claim(String owner, int max, long now, long expiredBefore, long leaseMs, int maxAttempts);

    /** Extends the leases of the given runs and writes their progress. */
    Renewal renew(String owner, List<Progress> runs, long now, long leaseMs);

    /** Ends a run; false when the run no longer holds the job (its lease was taken over). */
    boolean finish(String id, String owner, int attempt, JobState state, String error, long now, Progress progress);

    /** Gives a run back to the queue (graceful stop); false when it no longer held the job. */
    boolean release(String id, String owner, int attempt, String why);

    /** Cancels a QUEUED job at once, or flags a RUNNING one for its owner. */
    CancelOutcome requestCancel(String id, long now);

    /**
     * Appends a run's log lines with consecutive sequence numbers from {@code firstSeq}; nothing is
     * written when the run no longer holds the job.
     */
    void appendLog(String id, String owner, int attempt, long firstSeq, List<String> lines);

    /** Up to {@code max} log lines after {@code afterSeq}, in order. */
    List<LogLine> logAfter(String id, long afterSeq, int max);

    /** The last {@code max} log lines, in order. */
    List<LogLine> logTail(String id, int max);

    /**
     * Deletes log lines beyond the newest {@code linesPerJob} of each job, and the whole log of
     * every job that ended before {@code finishedBefore}; returns the lines deleted.
     */
    long pruneLogs(int linesPerJob, long finishedBefore);

    /** Queued and running jobs, oldest first. */
    List<JobRecord> active();

    /** The newest {@code limit} failed jobs, newest first. */
    List<JobRecord> failed(int limit);

    Map<JobState, Integer> countByState();

    /** True when the store answers now. */
    boolean ping();

    /** A short description for logs: {@code h2:/path} or {@code postgresql://host:port/db}. */
    String describe();

    @Override
    void close();
}
