package dev.regbench.engine.resilience;

import dev.regbench.engine.config.CircuitBreakerConfig;
import dev.regbench.engine.config.RetryConfig;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.functions.CheckedSupplier;
import io.github.resilience4j.retry.Retry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Retry, circuit breaker and bulkhead per registry host, with Resilience4j inside; one instance
 * per engine run. Thread-safe.
 *
 * <p>Order, as Resilience4j recommends: {@code Retry( Bulkhead( CircuitBreaker( call )))}. Every
 * attempt is seen by the breaker (an always-failing registry opens it after
 * {@code circuitBreaker.minimumCalls} attempts, and the retry loop then stops at once because
 * {@link CircuitOpenException} is not temporary); a retry waiting out its backoff holds no
 * bulkhead permit. The breaker counts only {@link RetryDecision#isServerTrouble} failures: a 404 or
 * a digest mismatch says nothing about the registry's health, and an {@link UpstreamFailureException}
 * (the source failing while it feeds an upload to this host) is ignored altogether: the source's
 * own policy retried it and its own breaker counted it.
 *
 * <p>Waiting: Resilience4j's retry sleeps through a static hook; to keep the wait injectable
 * (tests record delays instead of sleeping) the interval function asks {@link RetryDecision} for
 * the delay, waits with the given {@link Sleeper}, and hands Resilience4j a zero interval. An
 * interrupt during the wait ends the retries with the last failure and the interrupt flag set.
 */
public final class Resilience {

    private final RetryConfig retryConfig;
    private final CircuitBreakerConfig breakerConfig;
    private final RetryDecision decision;
    private final Sleeper sleeper;
    private final Clock clock;
    private final LongAdder retries = new LongAdder();
    private final ConcurrentHashMap<String, HostPolicy> hosts = new ConcurrentHashMap<>();

    private Resilience(RetryConfig retry, CircuitBreakerConfig breaker, RetryDecision decision, Sleeper sleeper,
            Clock clock) {
        this.retryConfig = retry;
        this.breakerConfig = breaker;
        this.decision = decision;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    public static Resilience from(RetryConfig retry, CircuitBreakerConfig breaker, Sleeper sleeper, Clock clock) {
        return new Resilience(retry, breaker, new RetryDecision(retry), sleeper, clock);
    }

    /** With a given decision (e.g. a deterministic jitter source), for tests and benchmarks. */
    public static Resilience from(RetryConfig retry, CircuitBreakerConfig breaker, RetryDecision decision,
            Sleeper sleeper, Clock clock) {
        return new Resilience(retry, breaker, decision, sleeper, clock);
    }

    /** Neither retry nor breaker nor bulkhead: every call is made once, directly. */
    public static Resilience none() {
        return from(RetryConfig.DISABLED, CircuitBreakerConfig.DISABLED, Sleeper.SYSTEM, Clock.systemUTC());
    }

    /**
     * Runs {@code call} against {@code host} ({@code host:port}) under this host's policy.
     * {@code operation} ({@code blob_get}, ...) names the call in errors.
     *
     * @throws IOException the last failure when it is not temporary or attempts ran out;
     *     {@link CircuitOpenException} or {@link BulkheadFullException} when refused
     */
    public <T> T call(String host, String operation, IoCall<T> call) throws IOException {
        HostPolicy p = hosts.get(host);
        if (p == null) {
            p = hosts.computeIfAbsent(host, HostPolicy::new);
        }
        CheckedSupplier<T> guarded = p.guard(operation, call);
        if (p.retry != null) {
            guarded = Retry.decorateCheckedSupplier(p.retry, guarded);
        }
        try {
            return guarded.get();
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException(operation + " on " + host + " failed: " + t, t);
        }
    }

    /** Retries made so far, all hosts. */
    public long retries() {
        return retries.sum();
    }

    /** The breaker state of {@code host}; {@code CLOSED} when it has none (disabled or never called). */
    public CircuitBreaker.State state(String host) {
        HostPolicy p = hosts.get(host);
        return p == null || p.breaker == null ? CircuitBreaker.State.CLOSED : p.breaker.getState();
    }

    /**
     * Failed calls of {@code host} in its breaker's current window: the failures counted against
     * that host (0 without a breaker or before any call).
     */
    public int breakerFailures(String host) {
        HostPolicy p = hosts.get(host);
        return p == null || p.breaker == null ? 0 : p.breaker.getMetrics().getNumberOfFailedCalls();
    }

    /** A failure in one line: its message, or its type when it has none. */
    private static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + m;
    }

    /** The decision this instance retries by. */
    public RetryDecision decision() {
        return decision;
    }

    /** Retry, bulkhead and breaker of one host. */
    private final class HostPolicy {
        final String host;
        final Retry retry;
        final CircuitBreaker breaker;
        final Bulkhead bulkhead;
        /** The last failure the breaker counted, named in {@link CircuitOpenException}s: why it opened. */
        volatile String lastFailure;

        HostPolicy(String host) {
            this.host = host;
            this.retry = retryConfig.enabled() && retryConfig.maxAttempts() > 1 ? newRetry() : null;
            this.breaker = breakerConfig.enabled() ? newBreaker() : null;
            this.bulkhead = breakerConfig.maxConcurrent() > 0 ? newBulkhead() : null;
        }

        <T> CheckedSupplier<T> guard(String operation, IoCall<T> call) {
            CheckedSupplier<T> s = call::call;
            if (breaker != null) {
                CheckedSupplier<T> counted = () -> {
                    try {
                        return call.call();
                    } catch (IOException | RuntimeException e) {
                        if (decision.isServerTrouble(e)) {
                            lastFailure = operation + ": " + describe(e);
                        }
                        throw e;
                    }
                };
                CheckedSupplier<T> inner = CircuitBreaker.decorateCheckedSupplier(breaker, counted);
                s = () -> {
                    try {
                        return inner.get();
                    } catch (CallNotPermittedException e) {
                        throw new CircuitOpenException(host, operation, breaker.getMetrics().getFailureRate(),
                                breakerConfig.openDuration(), lastFailure, e);
                    }
                };
            }
            if (bulkhead != null) {
                CheckedSupplier<T> inner = Bulkhead.decorateCheckedSupplier(bulkhead, s);
                s = () -> {
                    try {
                        return inner.get();
                    } catch (io.github.resilience4j.bulkhead.BulkheadFullException e) {
                        throw new BulkheadFullException(host, operation, breakerConfig.maxConcurrent(), e);
                    }
                };
            }
            return s;
        }

        private Retry newRetry() {
            IntervalBiFunction<Object> waitWithSleeper = (attempt, outcome) -> {
                Throwable failure = outcome.isLeft() ? outcome.getLeft() : null;
                Duration d = decision.delay(attempt, RetryDecision.retryAfterOf(failure));
                retries.increment();
                try {
                    sleeper.sleep(d);
                } catch (InterruptedException e) {
                    // Resilience4j's own zero-length sleep sees the flag and ends the retries.
                    Thread.currentThread().interrupt();
                }
                return 0L;
            };
            io.github.resilience4j.retry.RetryConfig c = io.github.resilience4j.retry.RetryConfig.custom()
                    .maxAttempts(retryConfig.maxAttempts())
                    .retryOnException(decision::isTemporary)
                    .intervalBiFunction(waitWithSleeper)
                    .build();
            return Retry.of("retry-" + host, c);
        }

        private CircuitBreaker newBreaker() {
            io.github.resilience4j.circuitbreaker.CircuitBreakerConfig c =
                    io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.custom()
                            .slidingWindow(breakerConfig.minimumCalls(), breakerConfig.minimumCalls(),
                                    io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                            .failureRateThreshold(breakerConfig.failureThreshold())
                            .waitDurationInOpenState(breakerConfig.openDuration())
                            .permittedNumberOfCallsInHalfOpenState(breakerConfig.halfOpenCalls())
                            .recordException(decision::isServerTrouble)
                            // another host's failure is neither a failure nor a success of this one
                            .ignoreException(UpstreamFailureException::isUpstream)
                            .clock(clock)
                            .writableStackTraceEnabled(false)
                            .build();
            return CircuitBreaker.of("breaker-" + host, c);
        }

        private Bulkhead newBulkhead() {
            BulkheadConfig c = BulkheadConfig.custom()
                    .maxConcurrentCalls(breakerConfig.maxConcurrent())
                    // Wait for a permit about as long as a request may wait for a response.
                    .maxWaitDuration(Duration.ofSeconds(30))
                    .writableStackTraceEnabled(false)
                    .build();
            return Bulkhead.of("bulkhead-" + host, c);
        }
    }
}
