package dev.regbench.engine.transport;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread that fires operation deadlines ({@link Deadline}) for a transport.
 * Thread-safe; {@link #close()} stops the thread. The thread starts lazily with the first deadline.
 */
final class Watchdog implements AutoCloseable {
    private final ScheduledThreadPoolExecutor scheduler;

    Watchdog(String threadName) {
        scheduler = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        scheduler.setKeepAliveTime(10, TimeUnit.SECONDS);
        scheduler.allowCoreThreadTimeOut(true);
    }

    ScheduledFuture<?> schedule(Runnable task, Duration after) {
        return scheduler.schedule(task, after.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
