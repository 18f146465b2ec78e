package dev.regbench.engine.config;

import static dev.regbench.engine.config.Checks.atLeast;
import static dev.regbench.engine.config.Checks.present;
import static dev.regbench.engine.config.Durations.requireNonNegative;
import static dev.regbench.engine.config.Durations.requirePositive;

import java.time.Duration;

/**
 * How the engine talks HTTP: which client, how big its connection pool is, and its timeouts.
 * Immutable. Defaults ({@link #DEFAULT}) are the seed 000 AFTER transport:
 * <ul>
 *   <li>{@code kind: APACHE} — Apache HttpClient 5 classic: a real pool with per-route limits,
 *       idle eviction and counters; {@code JDK} is the second kind for comparison.</li>
 *   <li>{@code maxTotal: 200} — seed 000's {@code MaxIdleConns: 200}; enough for 5 tags × a few
 *       blobs each against two registries without ever being the bottleneck.</li>
 *   <li>{@code maxPerHost: 50} — seed 000's {@code MaxConnsPerHost: 50}; a registry behind a CDN
 *       serves many streams per client, but 50 keeps one client from looking like an attack.</li>
 *   <li>{@code idleTimeout: 120s} — seed 000's {@code IdleConnTimeout}; longer than the gap
 *       between a run's phases (list tags → copy blobs → push manifests), so the pool stays warm.</li>
 *   <li>{@code connectionTtl: 0} — no limit on a connection's lifetime; 0 means unlimited.</li>
 *   <li>{@code connectTimeout: 10s} — seed 000's TLS handshake timeout; a registry that cannot
 *       complete a handshake in 10 s is down, not slow.</li>
 *   <li>{@code responseTimeout: 30s} — seed 000's {@code ResponseHeaderTimeout}: time to the
 *       first response byte or between reads; large blobs stream for longer than this in total,
 *       which is what {@code timeouts.blob} bounds.</li>
 *   <li>{@code keepAlive: true} — connections return to the pool after each response;
 *       {@code false} closes every connection after one request (a new connection per request).</li>
 *   <li>{@code http2: false} — HTTP/1.1: blob streams on separate connections do not share one
 *       TCP window; HTTP/2 is measured as claim C6. Only {@code kind: JDK} speaks HTTP/2 (h2c,
 *       upgraded from HTTP/1.1); {@code http2: true} with {@code kind: APACHE} (the classic
 *       client, HTTP/1.1 only) is an error naming the key rather than a silent HTTP/1.1.</li>
 *   <li>{@code socketSendBuffer, socketReceiveBuffer: 64KiB} — seed 000's write/read buffer
 *       sizes; {@code 0} leaves the kernel's auto-tuning alone.</li>
 * </ul>
 */
public record TransportConfig(
        Kind kind,
        int maxTotal,
        int maxPerHost,
        @ConfigDuration Duration idleTimeout,
        @ConfigDuration Duration connectionTtl,
        @ConfigDuration Duration connectTimeout,
        @ConfigDuration Duration responseTimeout,
        boolean keepAlive,
        boolean http2,
        Size socketSendBuffer,
        Size socketReceiveBuffer) {

    /** The HTTP client implementation. */
    public enum Kind { APACHE, JDK }

    public static final TransportConfig DEFAULT = new TransportConfig(
            Kind.APACHE, 200, 50, Duration.ofSeconds(120), Duration.ZERO,
            Duration.ofSeconds(10), Duration.ofSeconds(30), true, false,
            Size.ofKiB(64), Size.ofKiB(64));

    public TransportConfig {
        present(kind, "transport.kind");
        atLeast(maxTotal, 1, "transport.maxTotal");
        atLeast(maxPerHost, 1, "transport.maxPerHost");
        if (maxPerHost > maxTotal) {
            throw new IllegalArgumentException("transport.maxPerHost: must not exceed transport.maxTotal ("
                    + maxTotal + "), was " + maxPerHost);
        }
        requireNonNegative(idleTimeout, "transport.idleTimeout");
        requireNonNegative(connectionTtl, "transport.connectionTtl");
        requirePositive(connectTimeout, "transport.connectTimeout");
        requirePositive(responseTimeout, "transport.responseTimeout");
        present(socketSendBuffer, "transport.socketSendBuffer");
        present(socketReceiveBuffer, "transport.socketReceiveBuffer");
        if (http2 && kind == Kind.APACHE) {
            throw new IllegalArgumentException("transport.http2: the APACHE client speaks HTTP/1.1 only, so http2: true "
                    + "would silently run HTTP/1.1; use kind: JDK for HTTP/2 (h2c), or http2: false");
        }
    }
}
