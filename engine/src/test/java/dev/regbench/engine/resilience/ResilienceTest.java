package dev.regbench.engine.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regbench.engine.config.CircuitBreakerConfig;
import dev.regbench.engine.config.RetryConfig;
import dev.regbench.engine.resilience.TestFailures.MutableClock;
import dev.regbench.engine.resilience.TestFailures.RecordingSleeper;
import dev.regbench.engine.resilience.TestFailures.StatusException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ResilienceTest {

    private final RecordingSleeper sleeper = new RecordingSleeper();
    private final MutableClock clock = new MutableClock();
    private final RetryDecision noJitter = new RetryDecision(RetryConfig.DEFAULT, () -> 0.0);

    private Resilience resilience(RetryConfig retry, CircuitBreakerConfig breaker) {
        return Resilience.from(retry, breaker, new RetryDecision(retry, () -> 0.0), sleeper, clock);
    }

    /** Fails with the given failures in turn, then answers "ok". */
    private static IoCall<String> failing(AtomicInteger calls, IOException... failures) {
        return () -> {
            int n = calls.getAndIncrement();
            if (n < failures.length) {
                throw failures[n];
            }
            return "ok";
        };
    }

    @Test
    void call_retriesTemporaryFailuresWithExponentialDelays() throws Exception {
        Resilience r = resilience(RetryConfig.DEFAULT, CircuitBreakerConfig.DISABLED);
        AtomicInteger calls = new AtomicInteger();
        String result = r.call("reg:5000", "blob_get", failing(calls,
                new StatusException(503), new ConnectException("refused"), new StatusException(502)));
        assertThat(result).isEqualTo("ok");
        assertThat(calls).hasValue(4);
        assertThat(r.retries()).isEqualTo(3);
        assertThat(sleeper.delays).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800));
    }

    @Test
    void call_honoursRetryAfterWithoutShorteningIt() throws Exception {
        Resilience r = resilience(RetryConfig.DEFAULT, CircuitBreakerConfig.DISABLED);
        AtomicInteger calls = new AtomicInteger();
        r.call("reg:5000", "manifest_get", failing(calls, new StatusException(429, Duration.ofSeconds(42))));
        assertThat(sleeper.delays).containsExactly(Duration.ofSeconds(42));
    }

    @Test
    void call_failsAtOnceWhenRetryAfterExceedsTheCeiling() {
        Resilience r = resilience(RetryConfig.DEFAULT, CircuitBreakerConfig.DISABLED);
        AtomicInteger calls = new AtomicInteger();
        StatusException tooLong = new StatusException(503, Duration.ofMinutes(10));
        assertThatThrownBy(() -> r.call("reg:5000", "blob_get", failing(calls, tooLong))).isSameAs(tooLong);
        assertThat(calls).hasValue(1);
        assertThat(sleeper.delays).isEmpty();
    }

    @Test
    void call_givesUpAfterMaxAttemptsWithTheLastFailure() {
        Resilience r = resilience(RetryConfig.DEFAULT, CircuitBreakerConfig.DISABLED);
        AtomicInteger calls = new AtomicInteger();
        StatusException last = new StatusException(500);
        assertThatThrownBy(() -> r.call("reg:5000", "blob_get", failing(calls,
                new StatusException(503), new StatusException(503), new StatusException(503),
                new StatusException(503), last))).isSameAs(last);
        assertThat(calls).hasValue(5);
        assertThat(r.retries()).isEqualTo(4);
    }

    @Test
    void call_doesNotRetryPermanentFailures() {
        Resilience r = resilience(RetryConfig.DEFAULT, CircuitBreakerConfig.DISABLED);
        AtomicInteger calls = new AtomicInteger();
        StatusException unauthorized = new StatusException(401);
        assertThatThrownBy(() -> r.call("reg:5000", "blob_get", failing(calls, unauthorized))).isSameAs(unauthorized);
        assertThat(calls).hasValue(1);
        assertThat(r.retries()).isZero();
    }

    @Test
    void call_withRetryDisabled_makesOneAttempt() {
        Resilience r = resilience(RetryConfig.DISABLED, CircuitBreakerConfig.DISABLED);
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> r.call("reg:5000", "blob_get", failing(calls, new StatusException(503))))
                .isInstanceOf(StatusException.class);
        assertThat(calls).hasValue(1);
        assertThat(sleeper.delays).isEmpty();
    }

    @Test
    void call_interruptedDuringBackoff_stopsWithTheFailureAndKeepsTheFlag() {
        Sleeper interrupting = d -> {
            throw new InterruptedException("cancelled");
        };
        Resilience r = Resilience.from(RetryConfig.DEFAULT, CircuitBreakerConfig.DISABLED, noJitter, interrupting, clock);
        AtomicInteger calls = new AtomicInteger();
        StatusException first = new StatusException(503);
        try {
            assertThatThrownBy(() -> r.call("reg:5000", "blob_get", failing(calls, first, first, first))).isSameAs(first);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
            assertThat(calls).hasValue(1);
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void breaker_opensAfterThresholdThenFailsFastNamingTheHostThenProbes() throws Exception {
        CircuitBreakerConfig breaker = new CircuitBreakerConfig(true, 50, 4, Duration.ofSeconds(30), 1, 0);
        Resilience r = resilience(RetryConfig.DISABLED, breaker);
        AtomicInteger calls = new AtomicInteger();
        IoCall<String> alwaysDown = () -> {
            calls.incrementAndGet();
            throw new StatusException(503);
        };
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> r.call("down:5000", "blob_get", alwaysDown)).isInstanceOf(StatusException.class);
        }
        assertThat(r.state("down:5000")).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(r.state("other:5000")).isEqualTo(CircuitBreaker.State.CLOSED);

        assertThatThrownBy(() -> r.call("down:5000", "manifest_get", alwaysDown))
                .isInstanceOf(CircuitOpenException.class)
                .hasMessageContaining("down:5000")
                .hasMessageContaining("manifest_get")
                .satisfies(e -> assertThat(((CircuitOpenException) e).host()).isEqualTo("down:5000"));
        assertThat(calls).hasValue(4); // refused without a request

        clock.advance(Duration.ofSeconds(31));
        assertThat(r.call("down:5000", "ping", () -> "up")).isEqualTo("up"); // the half-open probe
        assertThat(r.state("down:5000")).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void breaker_stopsTheRetryLoopOnceOpen() {
        CircuitBreakerConfig breaker = new CircuitBreakerConfig(true, 50, 3, Duration.ofSeconds(30), 1, 0);
        Resilience r = resilience(RetryConfig.DEFAULT, breaker);
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> r.call("down:5000", "blob_get", () -> {
            calls.incrementAndGet();
            throw new ConnectException("refused");
        })).isInstanceOf(CircuitOpenException.class);
        assertThat(calls).hasValue(3); // 3 attempts opened it; the 4th attempt was refused, not made
    }

    @Test
    void breaker_ignoresClientErrors() {
        CircuitBreakerConfig breaker = new CircuitBreakerConfig(true, 50, 2, Duration.ofSeconds(30), 1, 0);
        Resilience r = resilience(RetryConfig.DISABLED, breaker);
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> r.call("reg:5000", "blob_head", () -> {
                throw new StatusException(404);
            })).isInstanceOf(StatusException.class);
        }
        assertThat(r.state("reg:5000")).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void bulkhead_limitsConcurrentCallsPerHost() throws Exception {
        CircuitBreakerConfig bulkhead = new CircuitBreakerConfig(false, 50, 20, Duration.ofSeconds(30), 1, 2);
        Resilience r = resilience(RetryConfig.DISABLED, bulkhead);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(6);
        Thread[] threads = new Thread[6];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = new Thread(() -> {
                try {
                    r.call("reg:5000", "blob_get", () -> {
                        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                        try {
                            Thread.sleep(20);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        inFlight.decrementAndGet();
                        return "ok";
                    });
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                } finally {
                    done.countDown();
                }
            });
            threads[i].start();
        }
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        for (Thread t : threads) {
            t.join(1000);
        }
        assertThat(maxInFlight.get()).isBetween(1, 2);
    }

    @Test
    void none_callsOnceWithoutAnyPolicy() throws Exception {
        Resilience r = Resilience.none();
        assertThat(r.call("reg:5000", "ping", () -> 42)).isEqualTo(42);
        assertThat(r.state("reg:5000")).isEqualTo(CircuitBreaker.State.CLOSED);
    }
}
