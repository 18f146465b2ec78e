package dev.regbench.engine.resilience;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Test doubles for the resilience tests: an HTTP failure, a recording sleeper, a settable clock. */
final class TestFailures {

    private TestFailures() {
    }

    static final class StatusException extends IOException implements HttpFailure {
        private final int status;
        private final Duration retryAfter;

        StatusException(int status) {
            this(status, null);
        }

        StatusException(int status, Duration retryAfter) {
            super("HTTP " + status);
            this.status = status;
            this.retryAfter = retryAfter;
        }

        @Override
        public int status() {
            return status;
        }

        @Override
        public Optional<Duration> retryAfter() {
            return Optional.ofNullable(retryAfter);
        }
    }

    /** Records every requested wait and returns at once. */
    static final class RecordingSleeper implements Sleeper {
        final List<Duration> delays = new ArrayList<>();

        @Override
        public synchronized void sleep(Duration duration) {
            delays.add(duration);
        }
    }

    /** A clock that moves only when told. */
    static final class MutableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-11-25T12:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
