package dev.regbench.harness.jmh;

import dev.regbench.engine.config.CircuitBreakerConfig;
import dev.regbench.engine.config.RetryConfig;
import dev.regbench.engine.resilience.IoCall;
import dev.regbench.engine.resilience.Resilience;
import dev.regbench.engine.resilience.RetryDecision;
import dev.regbench.engine.resilience.Sleeper;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Question (claim C20, "a circuit breaker costs 0.05 µs per call"): what does wrapping a
 * successful call in Resilience4j's circuit breaker, retry and bulkhead cost, each alone and
 * composed by the engine's {@link Resilience}, against calling directly? And what does computing
 * a backoff delay cost?
 *
 * <p>The call itself is trivial (returns a counter) so the wrapper is all that is measured.
 * Expected: the breaker costs tens of ns (two {@code System.nanoTime} calls for its duration
 * metric, a permission check and a ring-buffer update: C20's 50 ns is plausible on a fast core),
 * retry a context object and a few atomics, the bulkhead a semaphore; the composed engine path
 * costs the sum plus a host lookup and lambdas (a few hundred ns, a few hundred bytes), nothing
 * next to a registry request (≥ 100 µs even on loopback).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Thread)
public class ResilienceBenchmark {

    /** A cached box: the call returns it so no benchmark pays for boxing a result. */
    private static final Long RESULT = 42L;

    private long counter;
    private Supplier<Long> call;
    private IoCall<Long> ioCall;
    private CircuitBreaker breaker;
    private Retry retry;
    private Bulkhead bulkhead;
    private Resilience engineAll;
    private Resilience engineNone;
    private RetryDecision decision;
    private int attempt;

    @Setup
    public void setUp() {
        call = () -> {
            counter++;
            return RESULT;
        };
        ioCall = call::get;
        breaker = CircuitBreaker.ofDefaults("bench");
        retry = Retry.ofDefaults("bench");
        bulkhead = Bulkhead.of("bench", BulkheadConfig.custom().maxConcurrentCalls(16).build());
        CircuitBreakerConfig withBulkhead = new CircuitBreakerConfig(true, 50, 20, Duration.ofSeconds(30), 3, 16);
        engineAll = Resilience.from(RetryConfig.DEFAULT, withBulkhead, Sleeper.SYSTEM, Clock.systemUTC());
        engineNone = Resilience.none();
        decision = new RetryDecision(RetryConfig.DEFAULT);
    }

    /** Baseline: the call, unwrapped. */
    @Benchmark
    public Long direct() {
        return call.get();
    }

    @Benchmark
    public Long circuitBreaker() {
        return breaker.executeSupplier(call);
    }

    @Benchmark
    public Long retry() {
        return retry.executeSupplier(call);
    }

    @Benchmark
    public Long bulkhead() {
        return bulkhead.executeSupplier(call);
    }

    /** The engine's path with retry, breaker and bulkhead all on. */
    @Benchmark
    public Long engineComposed() throws IOException {
        return engineAll.call("127.0.0.1:5000", "blob_head", ioCall);
    }

    /** The engine's path with everything off (baseline.yaml). */
    @Benchmark
    public Long engineNone() throws IOException {
        return engineNone.call("127.0.0.1:5000", "blob_head", ioCall);
    }

    /** One backoff delay with jitter, attempts 1..8 in turn. */
    @Benchmark
    public Duration backoff() {
        attempt = (attempt & 7) + 1;
        return decision.delay(attempt, Optional.empty());
    }
}
