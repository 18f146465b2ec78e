package dev.regbench.engine.replicate;

import dev.regbench.engine.registry.Credentials;
import dev.regbench.engine.resilience.Sleeper;
import dev.regbench.engine.transport.TlsOptions;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link Replicator} reaches the registries, beyond the tuning config. Immutable.
 *
 * @param tls                    trust for HTTPS registries (CA file or insecure)
 * @param sourceCredentials      for the source registry (token or basic auth), if it needs any
 * @param destinationCredentials for the destination registry
 * @param serial                 run every tag and blob on the calling thread, one after another
 *                               (jib's {@code StepsRunner} debugging switch); default false
 * @param sleeper                the retry backoff's sleeper (tests pass a fast one)
 * @param clock                  for {@code Retry-After} dates and the circuit breaker
 * @param progress               live progress for a progress bar
 */
public record ReplicatorOptions(TlsOptions tls, Optional<Credentials> sourceCredentials,
                                Optional<Credentials> destinationCredentials, boolean serial, Sleeper sleeper,
                                Clock clock, ProgressListener progress) {

    public static final ReplicatorOptions DEFAULT = new ReplicatorOptions(TlsOptions.DEFAULT, Optional.empty(),
            Optional.empty(), false, Sleeper.SYSTEM, Clock.systemUTC(), ProgressListener.NONE);

    public ReplicatorOptions {
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(sourceCredentials, "sourceCredentials");
        Objects.requireNonNull(destinationCredentials, "destinationCredentials");
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(progress, "progress");
    }

    public ReplicatorOptions withTls(TlsOptions t) {
        return new ReplicatorOptions(t, sourceCredentials, destinationCredentials, serial, sleeper, clock, progress);
    }

    public ReplicatorOptions withCredentials(Optional<Credentials> source, Optional<Credentials> destination) {
        return new ReplicatorOptions(tls, source, destination, serial, sleeper, clock, progress);
    }

    public ReplicatorOptions withSerial(boolean s) {
        return new ReplicatorOptions(tls, sourceCredentials, destinationCredentials, s, sleeper, clock, progress);
    }

    public ReplicatorOptions withSleeper(Sleeper s) {
        return new ReplicatorOptions(tls, sourceCredentials, destinationCredentials, serial, s, clock, progress);
    }

    public ReplicatorOptions withClock(Clock c) {
        return new ReplicatorOptions(tls, sourceCredentials, destinationCredentials, serial, sleeper, c, progress);
    }

    public ReplicatorOptions withProgress(ProgressListener p) {
        return new ReplicatorOptions(tls, sourceCredentials, destinationCredentials, serial, sleeper, clock, p);
    }

    @Override
    public String toString() {
        return "ReplicatorOptions[tls=" + tls + ", serial=" + serial + ", sourceCredentials="
                + sourceCredentials.map(c -> c.username()).orElse("none") + ", destinationCredentials="
                + destinationCredentials.map(c -> c.username()).orElse("none") + "]";
    }
}
