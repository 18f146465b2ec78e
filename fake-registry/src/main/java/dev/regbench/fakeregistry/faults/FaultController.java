package dev.regbench.fakeregistry.faults;

import dev.regbench.fakeregistry.stats.ServerStats;
import io.undertow.server.HttpHandler;
import io.undertow.server.ServerConnection;
import io.undertow.util.AttachmentKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the network and fault profiles the server plays now, and swaps them atomically at
 * run time (the admin API, the harness between runs). A swap starts fresh fault counters (so a
 * seed replays the same sequence from the swap on) and fresh bandwidth buckets.
 * {@link #wrap} builds the decorator that applies them; {@link #close()} ends stalled
 * responses (call it when the server closes).
 *
 * <p>Thread-safe: the state is one immutable snapshot in an {@link AtomicReference}.
 */
public final class FaultController implements AutoCloseable {
    private static final AttachmentKey<TokenBucket> CONNECTION_BUCKET = AttachmentKey.create(TokenBucket.class);

    private final ServerStats stats;
    private final Stalls stalls = new Stalls();
    private final AtomicReference<State> state = new AtomicReference<>();

    public FaultController(NetworkProfile network, FaultProfile faults, ServerStats stats) {
        this.stats = Objects.requireNonNull(stats, "stats");
        state.set(new State(Objects.requireNonNull(network, "network"), Objects.requireNonNull(faults, "faults")));
    }

    public NetworkProfile network() {
        return state.get().network;
    }

    public FaultProfile faults() {
        return state.get().decider.profile();
    }

    public void setNetwork(NetworkProfile network) {
        Objects.requireNonNull(network, "network");
        state.updateAndGet(s -> new State(network, s.decider.profile()));
    }

    public void setFaults(FaultProfile faults) {
        Objects.requireNonNull(faults, "faults");
        state.updateAndGet(s -> new State(s.network, faults));
    }

    /** Sets both at once (one swap). */
    public void set(NetworkProfile network, FaultProfile faults) {
        state.set(new State(Objects.requireNonNull(network, "network"), Objects.requireNonNull(faults, "faults")));
    }

    /** Back to {@code loopback} and {@code none}. */
    public void reset() {
        set(NetworkProfile.loopback(), FaultProfile.none());
    }

    /** The network and fault decorators around {@code next}. */
    public HttpHandler wrap(HttpHandler next) {
        return new FaultHandler(this, next);
    }

    /** Responses stalled right now. */
    public int stalledResponses() {
        return stalls.count();
    }

    /** Closes the connections of stalled responses. */
    @Override
    public void close() {
        stalls.closeAll();
    }

    State state() {
        return state.get();
    }

    ServerStats stats() {
        return stats;
    }

    Stalls stalls() {
        return stalls;
    }

    /** One immutable generation of profiles, with its decider, server bucket and delay draws. */
    static final class State {
        final NetworkProfile network;
        private final FaultDecider decider;
        private final TokenBucket serverBucket;
        private final AtomicLong networkDraws = new AtomicLong();

        State(NetworkProfile network, FaultProfile faults) {
            this.network = network;
            this.decider = new FaultDecider(faults);
            this.serverBucket = network.serverBandwidth() > 0
                    ? TokenBucket.forRate(network.serverBandwidth(), System.nanoTime()) : null;
        }

        FaultDecider decider() {
            return decider;
        }

        long networkDelayNanos() {
            long base = network.latency().toNanos();
            long jitter = network.jitter().toNanos();
            if (jitter == 0) {
                return base;
            }
            double u = FaultDecider.unit(network.seed(), -1, networkDraws.getAndIncrement(), 0);
            return base + (long) (u * jitter);
        }

        /** The buckets a response on {@code connection} draws from, or null when uncapped. */
        Throttle throttleFor(ServerConnection connection) {
            List<TokenBucket> buckets = new ArrayList<>(2);
            long perConnection = network.connectionBandwidth();
            if (perConnection > 0) {
                TokenBucket bucket = connection.getAttachment(CONNECTION_BUCKET);
                if (bucket == null || bucket.bytesPerSecond() != perConnection) {
                    bucket = TokenBucket.forRate(perConnection, System.nanoTime());
                    connection.putAttachment(CONNECTION_BUCKET, bucket);
                }
                buckets.add(bucket);
            }
            if (serverBucket != null) {
                buckets.add(serverBucket);
            }
            return buckets.isEmpty() ? null : new Throttle(buckets);
        }
    }
}
