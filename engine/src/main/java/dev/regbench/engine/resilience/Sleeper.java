package dev.regbench.engine.resilience;

import java.time.Duration;

/**
 * How the retry loop waits between attempts. {@link #SYSTEM} sleeps the calling thread; tests
 * pass a double that records the delays instead of waiting. Implementations are thread-safe.
 */
@FunctionalInterface
public interface Sleeper {

    /** Sleeps with {@link Thread#sleep}, so an interrupt ends the wait. */
    Sleeper SYSTEM = d -> {
        if (!d.isZero() && !d.isNegative()) {
            Thread.sleep(d.toMillis(), (int) (d.toNanosPart() % 1_000_000));
        }
    };

    void sleep(Duration duration) throws InterruptedException;
}
