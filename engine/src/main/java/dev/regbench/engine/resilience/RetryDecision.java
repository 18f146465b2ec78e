package dev.regbench.engine.resilience;

import dev.regbench.engine.config.RetryConfig;
import java.io.EOFException;
import java.io.InterruptedIOException;
import java.net.BindException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedByInterruptException;
import java.security.cert.CertificateException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.NoHttpResponseException;

/**
 * The one answer to "is this failure temporary, and how long do we wait?", from explicit sets.
 *
 * <p>Temporary, by HTTP status ({@link HttpFailure#status()} in {@code retry.retryableStatuses},
 * by default 429, 500, 502, 503, 504, 520–524). 401 and 403 are not: re-authenticating once is
 * the registry client's job, and a second 401 after a fresh token means wrong credentials.
 *
 * <p>Temporary, by exception type (anywhere in the cause chain), an allow-list:
 * <ul>
 *   <li>{@link java.net.ConnectException} — refused: a registry restarting or shedding load;</li>
 *   <li>{@link SocketTimeoutException} (also HttpClient's {@code ConnectTimeoutException}) and the
 *       JDK client's {@link HttpTimeoutException} — slow, not gone; the per-operation deadline
 *       still bounds the total;</li>
 *   <li>{@link NoHttpResponseException} — the server closed a pooled connection before answering
 *       (the classic stale keep-alive);</li>
 *   <li>{@link ConnectionClosedException}, {@link EOFException} — the body ended early (a reset
 *       mid-body);</li>
 *   <li>other {@link SocketException}s (reset, broken pipe, no route) except {@link BindException}
 *       (a local port problem);</li>
 *   <li>an {@link SSLException} only when caused by one of the above (a reset during TLS).</li>
 * </ul>
 * Never temporary, checked first: {@link UnknownHostException} (a wrong name does not fix itself
 * within a retry budget), {@link SSLPeerUnverifiedException}, {@link SSLHandshakeException} and
 * {@link CertificateException} without a transport cause (trust is configuration), an interrupt
 * ({@link InterruptedException}, {@link ClosedByInterruptException}, a non-timeout
 * {@link InterruptedIOException}, or the current thread's interrupt flag: cancellation), an
 * {@link UpstreamFailureException} anywhere in the chain (another host's failure, already retried
 * by that host's policy: retrying it here would multiply attempts), and a
 * status whose {@code Retry-After} exceeds {@code retry.maxRetryAfter} (we fail instead of parking
 * a worker for longer than the ceiling). Everything else — digest mismatches, 4xx, programming
 * errors — is not temporary: unknown failures surface instead of being hammered.
 *
 * <p>Delay before retry n (n = 1 after the first failure): {@code baseDelay * 2^(n-1)}, capped at
 * {@code maxDelay}, then shortened by a random fraction up to {@code jitter} (so the cap stays a
 * ceiling and clients that failed together spread out). A {@code Retry-After} is a floor: the
 * delay is never shorter than the server asked, and it is not capped by {@code maxDelay}.
 *
 * <p>Immutable and thread-safe (the random source must be thread-safe; the default is
 * {@link ThreadLocalRandom}).
 */
public final class RetryDecision {

    private static final int MAX_CAUSE_DEPTH = 16;

    private final RetryConfig config;
    private final DoubleSupplier random;

    public RetryDecision(RetryConfig config) {
        this(config, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** With a random source in [0, 1) for the jitter, for tests. */
    public RetryDecision(RetryConfig config, DoubleSupplier random) {
        this.config = config;
        this.random = random;
    }

    /** Whether {@code failure} is worth another attempt (see the class comment for the sets). */
    public boolean isTemporary(Throwable failure) {
        if (!isServerTrouble(failure)) {
            return false;
        }
        if (config.honourRetryAfter()) {
            Optional<Duration> after = retryAfterOf(failure);
            if (after.isPresent() && after.get().compareTo(config.maxRetryAfter()) > 0) {
                return false; // the server wants more than our ceiling: fail now, do not park a worker
            }
        }
        return true;
    }

    /**
     * Whether {@code failure} says the registry (or the path to it) is in trouble: a retryable
     * status or transport failure, regardless of any {@code Retry-After}. The circuit breaker
     * counts these; 4xx, digest mismatches and interrupts do not count against a registry.
     */
    public boolean isServerTrouble(Throwable failure) {
        if (failure == null || Thread.currentThread().isInterrupted() || UpstreamFailureException.isUpstream(failure)) {
            return false;
        }
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_CAUSE_DEPTH; depth++, t = t.getCause()) {
            if (t instanceof HttpFailure h) {
                return config.retryableStatuses().contains(h.status());
            }
            if (isNeverTemporary(t)) {
                return false;
            }
            if (isTransientTransport(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * How long to wait after failed attempt number {@code attempt} (1-based) before the next;
     * {@code retryAfter} is the server's {@code Retry-After}, a floor when honoured.
     */
    public Duration delay(int attempt, Optional<Duration> retryAfter) {
        long base = config.baseDelay().toNanos();
        long max = config.maxDelay().toNanos();
        int shift = Math.max(0, attempt - 1);
        long exp = (shift >= 62 || base > (max >> shift)) ? max : Math.min(max, base << shift);
        long jittered = (long) (exp * (1.0 - config.jitter() * random.getAsDouble()));
        Duration computed = Duration.ofNanos(Math.max(0, jittered));
        if (config.honourRetryAfter() && retryAfter.isPresent() && retryAfter.get().compareTo(computed) > 0) {
            return retryAfter.get();
        }
        return computed;
    }

    /** The {@code Retry-After} of the first {@link HttpFailure} in the cause chain, if any. */
    public static Optional<Duration> retryAfterOf(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_CAUSE_DEPTH; depth++, t = t.getCause()) {
            if (t instanceof HttpFailure h) {
                return h.retryAfter() == null ? Optional.empty() : h.retryAfter();
            }
        }
        return Optional.empty();
    }

    /**
     * The one {@code Retry-After} parser (the registry client reads every failed response's header
     * with it). Parses a {@code Retry-After} header in either form: delta-seconds ({@code 120}) or an
     * HTTP-date ({@code Wed, 21 Oct 2015 07:28:00 GMT}, relative to {@code clock}; a date in the
     * past means 0). Empty when absent or unreadable.
     */
    public static Optional<Duration> parseRetryAfter(String header, Clock clock) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String v = header.strip();
        if (v.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
            } catch (NumberFormatException e) {
                return Optional.empty(); // more digits than a long: not a real header
            }
        }
        try {
            ZonedDateTime when = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration d = Duration.between(clock.instant(), when.toInstant());
            return Optional.of(d.isNegative() ? Duration.ZERO : d);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static boolean isNeverTemporary(Throwable t) {
        return t instanceof UnknownHostException
                || t instanceof SSLPeerUnverifiedException
                || t instanceof CertificateException
                || t instanceof InterruptedException
                || t instanceof ClosedByInterruptException
                || t instanceof BindException
                || (t instanceof InterruptedIOException && !(t instanceof SocketTimeoutException));
    }

    private static boolean isTransientTransport(Throwable t) {
        return t instanceof SocketTimeoutException
                || t instanceof HttpTimeoutException
                || t instanceof NoHttpResponseException
                || t instanceof ConnectionClosedException
                || t instanceof EOFException
                || t instanceof SocketException; // includes ConnectException, NoRouteToHostException
        // SSLException and SSLHandshakeException are neither: the loop looks at their cause.
    }
}
