package dev.regbench.fakeregistry.faults;

/**
 * A token bucket of bytes: refills at {@code bytesPerSecond} up to {@code capacity} (the burst
 * allowed after idling). Time is passed in (nanoseconds) so the arithmetic is testable on byte
 * counts without sleeping. Starts full.
 *
 * <p>Thread-safe (synchronized; one bucket per connection plus one for the server).
 */
final class TokenBucket {
    private final long bytesPerSecond;
    private final long capacity;
    private double tokens;
    private long lastNanos;

    TokenBucket(long bytesPerSecond, long capacity, long nowNanos) {
        if (bytesPerSecond <= 0 || capacity <= 0) {
            throw new IllegalArgumentException("bytesPerSecond and capacity must be positive");
        }
        this.bytesPerSecond = bytesPerSecond;
        this.capacity = capacity;
        this.tokens = capacity;
        this.lastNanos = nowNanos;
    }

    /** A bucket whose burst is 50 ms of traffic, at least 16 KiB. */
    static TokenBucket forRate(long bytesPerSecond, long nowNanos) {
        return new TokenBucket(bytesPerSecond, Math.max(16 * 1024, bytesPerSecond / 20), nowNanos);
    }

    long bytesPerSecond() {
        return bytesPerSecond;
    }

    long capacity() {
        return capacity;
    }

    /** Takes up to {@code wanted} bytes; returns how many were granted (0 when empty). */
    synchronized long take(long wanted, long nowNanos) {
        refill(nowNanos);
        long granted = (long) Math.min(wanted, Math.floor(tokens));
        if (granted <= 0) {
            return 0;
        }
        tokens -= granted;
        return granted;
    }

    /** Returns bytes granted but not written. */
    synchronized void giveBack(long bytes) {
        if (bytes > 0) {
            tokens = Math.min(capacity, tokens + bytes);
        }
    }

    /** Nanoseconds until {@code bytes} (capped at the capacity) are available; 0 when they are now. */
    synchronized long nanosUntil(long bytes, long nowNanos) {
        refill(nowNanos);
        double missing = Math.min(bytes, capacity) - tokens;
        if (missing <= 0) {
            return 0;
        }
        return (long) Math.ceil(missing * 1e9 / bytesPerSecond);
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - lastNanos;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed * (double) bytesPerSecond / 1e9);
            lastNanos = nowNanos;
        }
    }
}
