package dev.regbench.service;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test runner: reports {@code started}, waits until the test opens the gate (or the job is
 * cancelled, which interrupts the wait), then does the real work of the delegate. Lets tests
 * hold a job in RUNNING. Thread-safe.
 */
final class GatedRunner implements JobRunner {
    final CountDownLatch gate = new CountDownLatch(1);
    final AtomicInteger started = new AtomicInteger();
    private final JobRunner delegate;

    GatedRunner(JobRunner delegate) {
        this.delegate = delegate;
    }

    void open() {
        gate.countDown();
    }

    @Override
    public void run(JobSpec spec, JobContext ctx) throws Exception {
        started.incrementAndGet();
        ctx.log("waiting at the gate");
        if (!gate.await(20, TimeUnit.SECONDS)) {
            throw new IllegalStateException("test gate never opened");
        }
        delegate.run(spec, ctx);
    }
}
