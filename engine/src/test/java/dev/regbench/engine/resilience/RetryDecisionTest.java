package dev.regbench.engine.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regbench.engine.config.RetryConfig;
import dev.regbench.engine.resilience.TestFailures.MutableClock;
import dev.regbench.engine.resilience.TestFailures.StatusException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RetryDecisionTest {

    private final RetryDecision decision = new RetryDecision(RetryConfig.DEFAULT, () -> 0.0);

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("429 too many requests", new StatusException(429), true),
                Arguments.of("500", new StatusException(500), true),
                Arguments.of("502", new StatusException(502), true),
                Arguments.of("503", new StatusException(503), true),
                Arguments.of("504", new StatusException(504), true),
                Arguments.of("520 Cloudflare", new StatusException(520), true),
                Arguments.of("524 Cloudflare", new StatusException(524), true),
                Arguments.of("401 is re-auth, not retry", new StatusException(401), false),
                Arguments.of("403 is re-auth, not retry", new StatusException(403), false),
                Arguments.of("404", new StatusException(404), false),
                Arguments.of("501 not implemented", new StatusException(501), false),
                Arguments.of("503 with Retry-After under the ceiling", new StatusException(503, Duration.ofSeconds(60)), true),
                Arguments.of("503 with Retry-After over the ceiling", new StatusException(503, Duration.ofSeconds(61)), false),
                Arguments.of("connection refused", new ConnectException("refused"), true),
                Arguments.of("read timeout", new SocketTimeoutException("read timed out"), true),
                Arguments.of("HttpClient connect timeout", new ConnectTimeoutException("connect timed out"), true),
                Arguments.of("JDK client connect timeout", new HttpConnectTimeoutException("timed out"), true),
                Arguments.of("stale pooled connection", new NoHttpResponseException("no response"), true),
                Arguments.of("body ended early", new ConnectionClosedException("premature end"), true),
                Arguments.of("EOF", new EOFException("eof"), true),
                Arguments.of("connection reset", new SocketException("Connection reset"), true),
                Arguments.of("reset during TLS", new SSLException("read", new SocketException("Connection reset")), true),
                Arguments.of("wrapped reset", new IOException("blob_get failed", new SocketException("reset")), true),
                Arguments.of("unknown host", new UnknownHostException("regsitry.example"), false),
                Arguments.of("unverified peer", new SSLPeerUnverifiedException("peer not verified"), false),
                Arguments.of("bad certificate", new SSLHandshakeException("PKIX path building failed"), false),
                Arguments.of("certificate cause", new SSLException("x", new CertificateException("expired")), false),
                Arguments.of("interrupted I/O", new InterruptedIOException("interrupted"), false),
                Arguments.of("plain IOException (e.g. digest mismatch)", new IOException("digest mismatch"), false),
                Arguments.of("programming error", new IllegalStateException("bug"), false),
                Arguments.of("breaker open", new CircuitOpenException("h:1", "blob_get", 100f, Duration.ofSeconds(30), null, null), false),
                Arguments.of("another host's 503 inside this call (already retried there)",
                        new IOException("upload", new UpstreamFailureException("src:1", new TestFailures.StatusException(503))), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void isTemporary_followsTheCommentedSets(String description, Throwable failure, boolean temporary) {
        assertThat(decision.isTemporary(failure)).isEqualTo(temporary);
    }

    @Test
    void isTemporary_neverWhenTheThreadIsInterrupted() {
        Thread.currentThread().interrupt();
        try {
            assertThat(decision.isTemporary(new StatusException(503))).isFalse();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void isTemporary_usesTheConfiguredStatuses() {
        RetryConfig only503 = new RetryConfig(true, 3, Duration.ofMillis(100), Duration.ofSeconds(1), 0,
                java.util.Set.of(503), true, Duration.ofSeconds(10));
        RetryDecision d = new RetryDecision(only503);
        assertThat(d.isTemporary(new StatusException(503))).isTrue();
        assertThat(d.isTemporary(new StatusException(429))).isFalse();
    }

    @Test
    void delay_doublesFromBaseAndCapsAtMax() {
        List<Duration> delays = Stream.of(1, 2, 3, 4, 5, 8, 9, 10, 100, Integer.MAX_VALUE)
                .map(n -> decision.delay(n, Optional.empty())).toList();
        assertThat(delays).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800),
                Duration.ofMillis(1600), Duration.ofMillis(3200), Duration.ofMillis(25600),
                Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(30));
    }

    @Test
    void delay_jitterOnlyShortensByUpToTheJitterFraction() {
        RetryDecision maxJitter = new RetryDecision(RetryConfig.DEFAULT, () -> 0.999_999);
        assertThat(maxJitter.delay(1, Optional.empty())).isBetween(Duration.ofMillis(150), Duration.ofMillis(151));
        assertThat(maxJitter.delay(20, Optional.empty())).isBetween(Duration.ofMillis(22_500), Duration.ofMillis(22_501));
        RetryDecision real = new RetryDecision(RetryConfig.DEFAULT);
        for (int i = 0; i < 1000; i++) {
            assertThat(real.delay(3, Optional.empty())).isBetween(Duration.ofMillis(600), Duration.ofMillis(800));
        }
    }

    @Test
    void delay_retryAfterIsAFloorAndNotCappedByMaxDelay() {
        assertThat(decision.delay(1, Optional.of(Duration.ofSeconds(5)))).isEqualTo(Duration.ofSeconds(5));
        assertThat(decision.delay(1, Optional.of(Duration.ofSeconds(45)))).isEqualTo(Duration.ofSeconds(45));
        assertThat(decision.delay(5, Optional.of(Duration.ofSeconds(1)))).isEqualTo(Duration.ofMillis(3200));
        assertThat(decision.delay(1, Optional.of(Duration.ZERO))).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void delay_ignoresRetryAfterWhenNotHonoured() {
        RetryConfig c = new RetryConfig(true, 3, Duration.ofMillis(100), Duration.ofSeconds(1), 0,
                RetryConfig.DEFAULT_STATUSES, false, Duration.ofSeconds(10));
        RetryDecision d = new RetryDecision(c);
        assertThat(d.delay(1, Optional.of(Duration.ofSeconds(5)))).isEqualTo(Duration.ofMillis(100));
        assertThat(d.isTemporary(new StatusException(503, Duration.ofHours(1)))).isTrue();
    }

    static Stream<Arguments> retryAfterHeaders() {
        return Stream.of(
                Arguments.of("delta seconds", "120", Optional.of(Duration.ofSeconds(120))),
                Arguments.of("zero", "0", Optional.of(Duration.ZERO)),
                Arguments.of("padded", " 7 ", Optional.of(Duration.ofSeconds(7))),
                Arguments.of("HTTP-date 90 s ahead", "Wed, 25 Nov 2026 12:01:30 GMT", Optional.of(Duration.ofSeconds(90))),
                Arguments.of("HTTP-date in the past", "Wed, 25 Nov 2026 11:00:00 GMT", Optional.of(Duration.ZERO)),
                Arguments.of("garbage", "soon", Optional.empty()),
                Arguments.of("negative", "-5", Optional.empty()),
                Arguments.of("absent", null, Optional.empty()),
                Arguments.of("huge number", "99999999999999999999999", Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("retryAfterHeaders")
    void parseRetryAfter_readsBothForms(String description, String header, Optional<Duration> expected) {
        assertThat(RetryDecision.parseRetryAfter(header, new MutableClock())).isEqualTo(expected);
    }
}
