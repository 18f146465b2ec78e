package dev.regbench.engine.pool;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Executors with a fixed number of named, non-daemon threads and a bounded queue: nothing in the
 * engine queues without limit. Stateless factory; the executors it returns are thread-safe.
 */
public final class BoundedExecutors {

    /** What a submit does when every thread is busy and the queue is full. */
    public enum Overflow {
        /**
         * The submitting thread waits for queue space. Keeps concurrency at exactly
         * {@code threads}. Never submit to the same executor from its own tasks with this policy:
         * when all workers wait for queue space, nobody drains it.
         */
        BLOCK,
        /**
         * The submitting thread runs the task itself: never deadlocks, but up to one extra task
         * per submitting thread runs beside the {@code threads} workers.
         */
        CALLER_RUNS
    }

    private BoundedExecutors() {
    }

    /** {@link #fixed(String, int, int, Overflow)} with {@link Overflow#BLOCK}. */
    public static ExecutorService fixed(String namePrefix, int threads, int queueCapacity) {
        return fixed(namePrefix, threads, queueCapacity, Overflow.BLOCK);
    }

    /**
     * {@code threads} threads named {@code namePrefix-1..n} (non-daemon: call {@code shutdown}),
     * a queue of {@code queueCapacity} tasks, and {@code overflow} when both are full.
     */
    public static ExecutorService fixed(String namePrefix, int threads, int queueCapacity, Overflow overflow) {
        if (threads < 1) {
            throw new IllegalArgumentException(namePrefix + ": threads must be at least 1, was " + threads);
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException(namePrefix + ": queueCapacity must be at least 1, was " + queueCapacity);
        }
        RejectedExecutionHandler handler = overflow == Overflow.BLOCK
                ? new BlockingSubmit() : new ThreadPoolExecutor.CallerRunsPolicy();
        return new ThreadPoolExecutor(threads, threads, 0L, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queueCapacity), new NamedThreads(namePrefix), handler);
    }

    /**
     * Shuts {@code executor} down, waits up to {@code timeout} for running tasks, then interrupts
     * them and waits once more. Returns whether every thread ended.
     */
    public static boolean shutdownAndAwait(ExecutorService executor, Duration timeout) {
        executor.shutdown();
        try {
            if (executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
            executor.shutdownNow();
            return executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static final class NamedThreads implements ThreadFactory {
        private final String prefix;
        private final AtomicInteger next = new AtomicInteger();

        NamedThreads(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, prefix + "-" + next.incrementAndGet());
            t.setDaemon(false);
            return t;
        }
    }

    /** Waits for queue space instead of rejecting; rejects once the executor is shut down. */
    private static final class BlockingSubmit implements RejectedExecutionHandler {
        @Override
        public void rejectedExecution(Runnable r, ThreadPoolExecutor executor) {
            BlockingQueue<Runnable> queue = executor.getQueue();
            try {
                while (!executor.isShutdown()) {
                    if (queue.offer(r, 100, TimeUnit.MILLISECONDS)) {
                        if (executor.isShutdown() && queue.remove(r)) {
                            break;
                        }
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RejectedExecutionException("interrupted while waiting for queue space", e);
            }
            throw new RejectedExecutionException("executor is shut down");
        }
    }
}
