package dev.regbench.harness.run;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Reports a run's copied bytes to the listener five times a second, from its own daemon thread,
 * until closed. Bounded: it only ever lives as long as one run.
 */
final class ProgressTicker implements AutoCloseable {

    private final Thread thread;

    ProgressTicker(AtomicLong copied, RunListener listener) {
        thread = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(200);
                    listener.progress(copied.get());
                }
            } catch (InterruptedException e) {
                // closed
            }
        }, "regbench-progress");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join(1000);
    }
}
