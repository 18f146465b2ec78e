package dev.regbench.service;

import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Cache-aside for the two job listings, keys {@code active} and {@code failed:<limit>}: look in the
 * cache ({@link Backend}: in-process Caffeine by default, or Redis shared by every instance); on a
 * miss query the store, put the answer with its generation, serve it. Entries expire after the
 * listing's TTL and are invalidated whenever any job changes state ({@link #invalidate} bumps the
 * generation; an entry of an older generation counts as a miss, so an invalidation that races a
 * miss being computed cannot leave stale data behind).
 *
 * <p>The cache never fails a request: a backend that does not answer within its timeout, or
 * errs, is a <em>fallback</em> (counted) and the store answers. When the store is away too, the
 * last listing this instance computed for the key is served, marked {@code STALE} with its age.
 *
 * <p>Progress figures inside a cached listing may be up to the TTL old; every answer says how old
 * ({@link Served#ageMs}). Thread-safe.
 */
final class ListingCache implements AutoCloseable {

    /** One computed listing: the jobs array as JSON, when it was made, in which generation. */
    record Listing(byte[] jobsJson, int count, long asOfMillis, long madeNanos, long generation) {
    }

    /** What a cache lookup found: the entry of the current generation (or null) and that generation. */
    record Lookup(Listing hit, long ageMs, long generation) {
    }

    /** Where listings are cached. Implementations are thread-safe. */
    interface Backend extends AutoCloseable {

        /** The current-generation entry for {@code key} or a miss; throws when the cache did not answer in time. */
        Lookup get(String key) throws Exception;

        /** Stores {@code listing} (best effort, may be asynchronous). */
        void put(String key, Listing listing, Duration ttl);

        /** Makes every entry stale. */
        void invalidate();

        /** {@code caffeine} or {@code redis}. */
        String kind();

        @Override
        void close();
    }

    /** Where an answer came from: the cache, the store, the store after the cache failed, or the last good answer. */
    enum Source { HIT, MISS, FALLBACK, STALE }

    /** A listing served, with where it came from and its age. */
    record Served(Listing listing, Source source, long ageMs) {

        boolean hit() {
            return source == Source.HIT;
        }

        /** {@code {"asOf":..,"ageMs":..,"cache":"HIT","count":..,"jobs":[..]}}. */
        byte[] body() {
            String head = "{\"asOf\":" + listing.asOfMillis() + ",\"ageMs\":" + ageMs + ",\"cache\":\""
                    + source + "\",\"count\":" + listing.count() + ",\"jobs\":";
            byte[] h = head.getBytes(StandardCharsets.UTF_8);
            byte[] jobs = listing.jobsJson();
            byte[] out = new byte[h.length + jobs.length + 1];
            System.arraycopy(h, 0, out, 0, h.length);
            System.arraycopy(jobs, 0, out, h.length, jobs.length);
            out[out.length - 1] = '}';
            return out;
        }
    }

    /** Counters of one listing. */
    static final class Counters {
        final LongAdder hits = new LongAdder();
        final LongAdder misses = new LongAdder();
        final LongAdder fallbacks = new LongAdder();
        final LongAdder stale = new LongAdder();
    }

    private final Backend backend;
    private final Duration activeTtl;
    private final Duration failedTtl;
    private final Ticker ticker;
    private final Clock clock;
    private final Map<String, Listing> lastGood = new ConcurrentHashMap<>();
    final Counters activeCounters = new Counters();
    final Counters failedCounters = new Counters();

    /** @param backend the cache, or null for none (every answer from the store) */
    ListingCache(Backend backend, Duration activeTtl, Duration failedTtl, Ticker ticker, Clock clock) {
        this.backend = backend;
        this.activeTtl = activeTtl;
        this.failedTtl = failedTtl;
        this.ticker = ticker;
        this.clock = clock;
    }

    Served active(Supplier<List<JobView>> source) {
        return serve("active", activeTtl, source, activeCounters);
    }

    Served failed(int limit, Supplier<List<JobView>> source) {
        return serve("failed:" + limit, failedTtl, source, failedCounters);
    }

    /** Drops every cached listing; called on each job state change. */
    void invalidate() {
        if (backend != null) {
            backend.invalidate();
        }
    }

    boolean enabled() {
        return backend != null;
    }

    String kind() {
        return backend == null ? "off" : backend.kind();
    }

    private Served serve(String key, Duration ttl, Supplier<List<JobView>> source, Counters counters) {
        long generation = -1;
        boolean fallback = false;
        if (backend != null) {
            try {
                Lookup lookup = backend.get(key);
                if (lookup.hit() != null) {
                    counters.hits.increment();
                    return new Served(lookup.hit(), Source.HIT, lookup.ageMs());
                }
                generation = lookup.generation();
            } catch (Exception e) {
                fallback = true;
            }
        }
        List<JobView> jobs;
        try {
            jobs = source.get();
        } catch (StoreUnavailableException e) {
            Listing last = lastGood.get(key);
            if (last == null) {
                throw e;
            }
            counters.stale.increment();
            return new Served(last, Source.STALE, Math.max(0, clock.millis() - last.asOfMillis()));
        }
        (fallback ? counters.fallbacks : counters.misses).increment();
        Listing fresh = new Listing(Json.writeBytes(jobs), jobs.size(), clock.millis(), ticker.read(), generation);
        lastGood.put(key, fresh);
        if (backend != null && !fallback) {
            backend.put(key, fresh, ttl);
        }
        return new Served(fresh, fallback ? Source.FALLBACK : Source.MISS, 0);
    }

    @Override
    public void close() {
        if (backend != null) {
            backend.close();
        }
    }
}
