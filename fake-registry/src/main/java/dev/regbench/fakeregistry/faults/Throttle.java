package dev.regbench.fakeregistry.faults;

import java.util.List;

/**
 * The buckets one response must draw from (its connection's and the server's): a write may
 * send only what every bucket grants. Thread-safe as its buckets are.
 */
final class Throttle {
    /** Wait for at least this many bytes before waking a throttled writer (avoids tiny writes). */
    static final long MIN_WAKE_BYTES = 8 * 1024;

    private final List<TokenBucket> buckets;

    Throttle(List<TokenBucket> buckets) {
        this.buckets = List.copyOf(buckets);
    }

    /** Takes up to {@code wanted} bytes from all buckets; returns what all of them granted. */
    long take(long wanted, long nowNanos) {
        long granted = wanted;
        for (int i = 0; i < buckets.size(); i++) {
            long got = buckets.get(i).take(granted, nowNanos);
            if (got < granted) {
                for (int j = 0; j < i; j++) {
                    buckets.get(j).giveBack(granted - got);
                }
                granted = got;
            }
            if (granted == 0) {
                return 0;
            }
        }
        return granted;
    }

    void giveBack(long bytes) {
        for (TokenBucket b : buckets) {
            b.giveBack(bytes);
        }
    }

    /** Nanoseconds until a worthwhile write can go; 0 when it can now. */
    long nanosUntilWritable(long nowNanos) {
        long wait = 0;
        for (TokenBucket b : buckets) {
            wait = Math.max(wait, b.nanosUntil(MIN_WAKE_BYTES, nowNanos));
        }
        return wait;
    }
}
