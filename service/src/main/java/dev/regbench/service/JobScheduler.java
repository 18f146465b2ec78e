package dev.regbench.service;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs jobs on a fixed number of threads ({@code maxRunning}) with a bounded queue in front:
 * a submission that finds the queue full is refused ({@link QueueFullException}), never queued
 * without bound. Cancelling a queued job takes it out of the queue; cancelling a running one
 * interrupts its thread and lets the runner stop. Thread-safe.
 */
final class JobScheduler implements AutoCloseable {

    /** The queue was full: the caller answers 503. */
    static final class QueueFullException extends Exception {
        QueueFullException(String message) {
            super(message);
        }
    }

    private final JobRunner runner;
    private final JobStore store;
    private final ThreadPoolExecutor pool;
    private final int queueCapacity;

    JobScheduler(JobRunner runner, JobStore store, int maxRunning, int queueCapacity) {
        this.runner = runner;
        this.store = store;
        this.queueCapacity = queueCapacity;
        BlockingQueue<Runnable> queue = queueCapacity == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queueCapacity);
        this.pool = new ThreadPoolExecutor(maxRunning, maxRunning, 0, TimeUnit.MILLISECONDS, queue,
                new NamedThreads("regbench-job-"), new ThreadPoolExecutor.AbortPolicy());
    }

    /** Queues {@code job} (already in the store); removes it again and throws when the queue is full. */
    void submit(Job job) throws QueueFullException {
        try {
            pool.execute(new JobTask(job));
        } catch (RejectedExecutionException e) {
            store.remove(job);
            throw new QueueFullException("job queue is full: " + pool.getActiveCount() + " running, "
                    + pool.getQueue().size() + " of " + queueCapacity + " queued; retry later");
        }
    }

    /** Cancels {@code job}; false when it had already ended. */
    boolean cancel(Job job) {
        if (!job.requestCancel()) {
            return false;
        }
        if (job.state() == JobState.QUEUED && pool.getQueue().removeIf(t -> t instanceof JobTask jt && jt.job == job)) {
            job.finish(JobState.CANCELLED, "cancelled before it started");
        }
        return true;
    }

    int running() {
        return pool.getActiveCount();
    }

    int queued() {
        return pool.getQueue().size();
    }

    /** Cancels every job and waits (up to 10 s) for the job threads to end. */
    @Override
    public void close() {
        for (Runnable r : pool.shutdownNow()) {
            if (r instanceof JobTask jt) {
                jt.job.requestCancel();
                jt.job.finish(JobState.CANCELLED, "service stopped");
            }
        }
        for (Job job : store.all()) {
            job.requestCancel();
        }
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs one job and records how it ended. */
    private final class JobTask implements Runnable {
        final Job job;

        JobTask(Job job) {
            this.job = job;
        }

        @Override
        public void run() {
            if (!job.start(Thread.currentThread())) {
                job.finish(JobState.CANCELLED, "cancelled before it started");
                return;
            }
            try {
                runner.run(job.spec(), job);
                if (job.cancelRequested()) {
                    job.finish(JobState.CANCELLED, "cancelled");
                } else {
                    job.finish(JobState.SUCCEEDED, null);
                }
            } catch (CancellationException | InterruptedException e) {
                job.finish(job.cancelRequested() ? JobState.CANCELLED : JobState.FAILED,
                        job.cancelRequested() ? "cancelled" : "interrupted: " + e.getMessage());
            } catch (Exception | Error e) {
                if (job.cancelRequested()) {
                    job.finish(JobState.CANCELLED, "cancelled (" + describe(e) + ")");
                } else {
                    job.finish(JobState.FAILED, describe(e));
                }
            } finally {
                Thread.interrupted(); // a cancel's interrupt must not leak into the next job
            }
        }
    }

    static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** Named non-daemon threads: {@code regbench-job-1}, ... */
    static final class NamedThreads implements ThreadFactory {
        private final String prefix;
        private final AtomicInteger n = new AtomicInteger();

        NamedThreads(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Thread newThread(Runnable r) {
            return new Thread(r, prefix + n.incrementAndGet());
        }
    }
}
