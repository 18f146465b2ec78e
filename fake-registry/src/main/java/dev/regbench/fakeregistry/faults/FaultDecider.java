package dev.regbench.fakeregistry.faults;

import dev.regbench.fakeregistry.http.Route;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Decides, for the n-th request to a route, which fault of a {@link FaultProfile} (if any)
 * hits it. The decision is a pure function of (seed, route, n): one uniform draw picks among
 * the terminal rules by cumulative probability, and each latency rule has its own draw. So the
 * same seed faults the same request indices on every run. The counters belong to one decider:
 * swapping the profile starts counting again from 0.
 *
 * <p>Thread-safe.
 */
final class FaultDecider {
    private final FaultProfile profile;
    private final AtomicLongArray counters = new AtomicLongArray(Route.values().length);

    FaultDecider(FaultProfile profile) {
        this.profile = profile;
    }

    FaultProfile profile() {
        return profile;
    }

    /** Decides for the next request to {@code route}. */
    Decision next(Route route) {
        return decide(route, counters.getAndIncrement(route.ordinal()));
    }

    /** Decides for request number {@code index} (from 0) to {@code route}. */
    Decision decide(Route route, long index) {
        FaultRule terminal = null;
        double u = unit(profile.seed(), route.ordinal(), index, -1);
        double cumulative = 0;
        long delayNanos = 0;
        FaultRule delayRule = null;
        for (int i = 0; i < profile.rules().size(); i++) {
            FaultRule rule = profile.rules().get(i);
            if (!rule.routes().contains(route)) {
                continue;
            }
            if (rule.kind().terminal()) {
                cumulative += rule.probability();
                if (terminal == null && u < cumulative) {
                    terminal = rule;
                }
            } else if (unit(profile.seed(), route.ordinal(), index, 2L * i) < rule.probability()) {
                double jitter = unit(profile.seed(), route.ordinal(), index, 2L * i + 1);
                delayNanos += rule.latency().toNanos() + (long) (jitter * rule.jitter().toNanos());
                delayRule = rule;
            }
        }
        return new Decision(index, terminal, delayNanos, delayRule);
    }

    /** A uniform draw in [0, 1) from the given coordinates. */
    static double unit(long seed, long route, long index, long salt) {
        long h = mix(seed ^ 0x6A09E667F3BCC909L);
        h = mix(h + route * 0x9E3779B97F4A7C15L);
        h = mix(h + index * 0xBF58476D1CE4E5B9L);
        h = mix(h + salt * 0x94D049BB133111EBL);
        return (h >>> 11) * 0x1.0p-53;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * What happens to one request.
     *
     * @param index the request's number on its route, from 0
     * @param terminal the status/reset/stall/expire rule that hit it, or null
     * @param delayNanos latency added by latency rules
     * @param delayRule the (last) latency rule that hit it, or null
     */
    record Decision(long index, FaultRule terminal, long delayNanos, FaultRule delayRule) {
    }
}
