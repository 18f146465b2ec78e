package dev.regbench.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The embedded default {@link ListingCache.Backend}: Caffeine in this process, each entry expiring
 * after the TTL it was put with, read on the caller's thread (no timeout needed). Thread-safe.
 */
final class CaffeineListingBackend implements ListingCache.Backend {

    private record Entry(ListingCache.Listing listing, long ttlNanos) {
    }

    private final Ticker ticker;
    private final AtomicLong generation = new AtomicLong();
    private final Cache<String, Entry> cache;

    CaffeineListingBackend(Ticker ticker) {
        this.ticker = ticker;
        this.cache = Caffeine.newBuilder()
                .maximumSize(260) // active + one per failed limit asked for (at most a few in practice)
                .expireAfter(new Expiry<String, Entry>() {
                    @Override
                    public long expireAfterCreate(String key, Entry value, long currentTime) {
                        return value.ttlNanos();
                    }

                    @Override
                    public long expireAfterUpdate(String key, Entry value, long currentTime, long currentDuration) {
                        return value.ttlNanos();
                    }

                    @Override
                    public long expireAfterRead(String key, Entry value, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .ticker(ticker)
                .executor(Runnable::run) // no maintenance on the common pool: close() leaves no work behind
                .build();
    }

    @Override
    public ListingCache.Lookup get(String key) {
        long gen = generation.get();
        Entry e = cache.getIfPresent(key);
        if (e != null && e.listing().generation() == gen) {
            return new ListingCache.Lookup(e.listing(), Math.max(0, (ticker.read() - e.listing().madeNanos()) / 1_000_000), gen);
        }
        return new ListingCache.Lookup(null, 0, gen);
    }

    @Override
    public void put(String key, ListingCache.Listing listing, Duration ttl) {
        cache.put(key, new Entry(listing, ttl.toNanos()));
    }

    @Override
    public void invalidate() {
        generation.incrementAndGet();
        cache.invalidateAll();
    }

    @Override
    public String kind() {
        return "caffeine";
    }

    @Override
    public void close() {
        cache.invalidateAll();
    }
}
