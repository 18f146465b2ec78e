package dev.regbench.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Cache-aside for the two job listings, with Caffeine: look in the cache; on a miss walk the jobs,
 * store the answer with its time, serve it. Entries expire after the listing's TTL and are all
 * invalidated whenever any job changes state ({@link #invalidate}). An invalidation that races a
 * miss being computed cannot leave stale data behind: each entry records the invalidation
 * generation it was computed in and an entry from an older generation counts as a miss.
 *
 * <p>Progress figures inside a cached listing may be up to the TTL old; every answer says how old
 * ({@link Served#ageMs}). Thread-safe.
 */
final class ListingCache {

    /** One computed listing: the jobs array as JSON, when it was made, in which generation. */
    record Listing(byte[] jobsJson, int count, long asOfMillis, long madeNanos, long generation) {
    }

    /** A listing served, with whether it came from the cache and its age. */
    record Served(Listing listing, boolean hit, long ageMs) {

        /** {@code {"asOf":..,"ageMs":..,"cache":"HIT","count":..,"jobs":[..]}}. */
        byte[] body() {
            String head = "{\"asOf\":" + listing.asOfMillis() + ",\"ageMs\":" + ageMs + ",\"cache\":\""
                    + (hit ? "HIT" : "MISS") + "\",\"count\":" + listing.count() + ",\"jobs\":";
            byte[] h = head.getBytes(StandardCharsets.UTF_8);
            byte[] jobs = listing.jobsJson();
            byte[] out = new byte[h.length + jobs.length + 1];
            System.arraycopy(h, 0, out, 0, h.length);
            System.arraycopy(jobs, 0, out, h.length, jobs.length);
            out[out.length - 1] = '}';
            return out;
        }
    }

    /** Hit and miss counters of one listing. */
    static final class Counters {
        final LongAdder hits = new LongAdder();
        final LongAdder misses = new LongAdder();
    }

    private final boolean enabled;
    private final Ticker ticker;
    private final Clock clock;
    private final Cache<String, Listing> active;
    private final Cache<String, Listing> failed;
    private final AtomicLong generation = new AtomicLong();
    final Counters activeCounters = new Counters();
    final Counters failedCounters = new Counters();

    ListingCache(boolean enabled, Duration activeTtl, Duration failedTtl, Ticker ticker, Clock clock) {
        this.enabled = enabled;
        this.ticker = ticker;
        this.clock = clock;
        this.active = build(activeTtl, 4);
        this.failed = build(failedTtl, 256);
    }

    private Cache<String, Listing> build(Duration ttl, int maxEntries) {
        return Caffeine.newBuilder()
                .expireAfterWrite(ttl)
                .maximumSize(maxEntries)
                .ticker(ticker)
                .executor(Runnable::run) // no maintenance on the common pool: close() leaves no work behind
                .build();
    }

    Served active(Supplier<List<JobView>> source) {
        return serve(active, "active", source, activeCounters);
    }

    Served failed(int limit, Supplier<List<JobView>> source) {
        return serve(failed, "failed:" + limit, source, failedCounters);
    }

    /** Drops every cached listing; called on each job state change. */
    void invalidate() {
        generation.incrementAndGet();
        active.invalidateAll();
        failed.invalidateAll();
    }

    boolean enabled() {
        return enabled;
    }

    private Served serve(Cache<String, Listing> cache, String key, Supplier<List<JobView>> source, Counters counters) {
        if (enabled) {
            Listing cached = cache.getIfPresent(key);
            if (cached != null && cached.generation() == generation.get()) {
                counters.hits.increment();
                return new Served(cached, true, Math.max(0, (ticker.read() - cached.madeNanos()) / 1_000_000));
            }
        }
        counters.misses.increment();
        long gen = generation.get();
        List<JobView> jobs = source.get();
        Listing fresh = new Listing(Json.writeBytes(jobs), jobs.size(), clock.millis(), ticker.read(), gen);
        if (enabled) {
            cache.put(key, fresh);
        }
        return new Served(fresh, false, 0);
    }
}
