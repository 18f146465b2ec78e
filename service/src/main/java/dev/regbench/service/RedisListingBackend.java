package dev.regbench.service;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The shared {@link ListingCache.Backend}: Redis through Lettuce, as the seed describes. Keys (with
 * a prefix, default {@code regbench:jobs:}): {@code active}, {@code failed:<limit>} and
 * {@code generation}. A lookup is one {@code MGET generation key} that must answer within the
 * timeout (default 1 s); an entry carries the generation it was computed in, and
 * {@link #invalidate} is one {@code INCR generation}, so every instance's cached listings go stale
 * at once. Entries are written with {@code SET ... PX ttl} without waiting for the reply.
 *
 * <p>Redis down: commands are rejected at once (not queued while disconnected), so lookups fail
 * fast and the {@link ListingCache} falls back to the store; Lettuce reconnects in the background.
 * If Redis cannot be reached at start, a connection is tried again at most every 2 s. An
 * invalidation sent while Redis is away is lost; entries written before then live at most their
 * TTL. Thread-safe (one multiplexed connection).
 */
final class RedisListingBackend implements ListingCache.Backend {

    private static final Logger LOG = Logger.getLogger(RedisListingBackend.class.getName());
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    private final ClientResources resources;
    private final RedisClient client;
    private final String prefix;
    private final Duration timeout;
    private final Clock clock;
    private final String description;
    private volatile StatefulRedisConnection<String, byte[]> connection;
    private volatile long nextConnectAttempt;

    RedisListingBackend(String url, String prefix, Duration timeout, Clock clock) {
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(timeout);
        this.description = uri.getHost() + ":" + uri.getPort();
        this.prefix = prefix;
        this.timeout = timeout;
        this.clock = clock;
        this.resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(1)
                .reconnectDelay(Delay.constant(Duration.ofSeconds(1))) // back within a second of Redis
                // the JDK's resolver: netty's DNS client would query name servers even for 127.0.0.1
                .addressResolverGroup(io.netty.resolver.DefaultAddressResolverGroup.INSTANCE)
                .build();
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(5)).build())
                .build());
        try {
            connect();
        } catch (RuntimeException e) {
            // logged in connect(); listings come from the store until Redis answers
        }
    }

    private StatefulRedisConnection<String, byte[]> connect() {
        StatefulRedisConnection<String, byte[]> c = connection;
        if (c != null) {
            return c;
        }
        synchronized (this) {
            if (connection != null) {
                return connection;
            }
            long now = System.nanoTime();
            if (now < nextConnectAttempt) {
                throw new IllegalStateException("redis " + description + " unreachable");
            }
            try {
                connection = client.connect(CODEC);
                LOG.info("listing cache: connected to redis " + description);
                return connection;
            } catch (RuntimeException e) {
                nextConnectAttempt = now + TimeUnit.SECONDS.toNanos(2);
                LOG.warning("listing cache: redis " + description + " unreachable (" + e.getMessage()
                        + "); listings come from the job store until it answers");
                throw e;
            }
        }
    }

    @Override
    public ListingCache.Lookup get(String key) throws Exception {
        List<KeyValue<String, byte[]>> got = connect().async().mget(prefix + "generation", prefix + key)
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        long gen = got.get(0).hasValue() ? Long.parseLong(new String(got.get(0).getValue(), StandardCharsets.US_ASCII)) : 0;
        if (!got.get(1).hasValue()) {
            return new ListingCache.Lookup(null, 0, gen);
        }
        ListingCache.Listing l = decode(got.get(1).getValue());
        if (l == null || l.generation() != gen) {
            return new ListingCache.Lookup(null, 0, gen);
        }
        return new ListingCache.Lookup(l, Math.max(0, clock.millis() - l.asOfMillis()), gen);
    }

    @Override
    public void put(String key, ListingCache.Listing listing, Duration ttl) {
        try {
            connect().async().set(prefix + key, encode(listing), SetArgs.Builder.px(ttl.toMillis()));
        } catch (RuntimeException e) {
            // best effort: the next reader misses and recomputes
        }
    }

    @Override
    public void invalidate() {
        try {
            connect().async().incr(prefix + "generation");
        } catch (RuntimeException e) {
            // Redis away: entries written before expire after their TTL
        }
    }

    /** {@code <generation> <asOf> <count>\n<jobs json>}. */
    static byte[] encode(ListingCache.Listing l) {
        byte[] head = (l.generation() + " " + l.asOfMillis() + " " + l.count() + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[head.length + l.jobsJson().length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(l.jobsJson(), 0, out, head.length, l.jobsJson().length);
        return out;
    }

    static ListingCache.Listing decode(byte[] v) {
        int nl = 0;
        while (nl < v.length && v[nl] != '\n') {
            nl++;
        }
        if (nl == v.length) {
            return null;
        }
        String[] head = new String(v, 0, nl, StandardCharsets.US_ASCII).split(" ");
        if (head.length != 3) {
            return null;
        }
        byte[] json = new byte[v.length - nl - 1];
        System.arraycopy(v, nl + 1, json, 0, json.length);
        return new ListingCache.Listing(json, Integer.parseInt(head[2]), Long.parseLong(head[1]), 0,
                Long.parseLong(head[0]));
    }

    @Override
    public String kind() {
        return "redis";
    }

    @Override
    public void close() {
        StatefulRedisConnection<String, byte[]> c = connection;
        if (c != null) {
            c.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
