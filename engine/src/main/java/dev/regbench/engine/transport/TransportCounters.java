package dev.regbench.engine.transport;

import java.util.concurrent.atomic.LongAdder;

/**
 * Client-side connection counters of one transport. Thread-safe ({@link LongAdder}s).
 *
 * <p>{@code connectionsOpened} counts connections the client created (Apache kind: counted by
 * the connection factory; JDK kind: not observable, always 0 — use the server's count).
 * {@code leases} counts requests sent; {@code reuses} is {@code leases - connectionsOpened}.
 */
public final class TransportCounters {
    private final LongAdder connectionsOpened = new LongAdder();
    private final LongAdder leases = new LongAdder();
    private final boolean connectionsObservable;

    public TransportCounters(boolean connectionsObservable) {
        this.connectionsObservable = connectionsObservable;
    }

    void connectionOpened() {
        connectionsOpened.increment();
    }

    void leased() {
        leases.increment();
    }

    public long connectionsOpened() {
        return connectionsOpened.sum();
    }

    public long leases() {
        return leases.sum();
    }

    /** Requests that went over an already open connection (0 when not observable). */
    public long reuses() {
        return connectionsObservable ? Math.max(0, leases() - connectionsOpened()) : 0;
    }

    /** Whether {@link #connectionsOpened()} is really counted by this kind of client. */
    public boolean connectionsObservable() {
        return connectionsObservable;
    }

    @Override
    public String toString() {
        return "connectionsOpened=" + connectionsOpened() + " leases=" + leases() + " reuses=" + reuses();
    }
}
