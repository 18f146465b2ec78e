package dev.regbench.service;

/**
 * One job as the store holds it. Immutable.
 *
 * @param request       the submitted JSON body, re-read by whichever instance claims the job
 * @param owner         the instance running it (null unless RUNNING)
 * @param attempt       how many times it was claimed; also the fencing token of the current run
 * @param leaseUntil    epoch ms until which {@code owner} holds it (renewed by heartbeat)
 * @param orphanWaitMs  total time it waited for a new owner after an owner stopped renewing
 */
record JobRecord(String id, JobState state, String source, String destination, String tags, String configName,
                 String request, long createdAt, Long startedAt, Long finishedAt, String error,
                 boolean cancelRequested, String owner, int attempt, Long leaseUntil, long orphanWaitMs,
                 long bytes, int blobs, int tagsDone, int tagsPlanned) {

    JobView view() {
        return new JobView(id, state, source, destination, tags, configName, createdAt, startedAt, finishedAt,
                new JobView.Progress(bytes, blobs, tagsDone, tagsPlanned), error,
                cancelRequested && !state.isTerminal() ? Boolean.TRUE : null);
    }
}
