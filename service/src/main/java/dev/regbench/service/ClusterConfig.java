package dev.regbench.service;

import java.time.Duration;
import java.util.Objects;

/**
 * How an instance shares the job store with others. Immutable.
 *
 * @param instanceId    this instance's name in the store ({@code owner} of the jobs it runs);
 *                      null picks {@code i-<random>} at start. Default null.
 * @param lease         how long a claimed job stays this instance's without a renewal; after it
 *                      another instance may take the job over. Default 15 s: long enough to ride
 *                      out a GC pause or a brief database hiccup, short enough that a killed
 *                      instance's jobs wait seconds, not minutes.
 * @param renewInterval how often leases are renewed (with the runs' progress, which other
 *                      instances' watchers then see). Default 1 s, so a lease survives 14 missed renewals.
 */
public record ClusterConfig(String instanceId, Duration lease, Duration renewInterval) {

    public static final ClusterConfig DEFAULT = new ClusterConfig(null, Duration.ofSeconds(15), Duration.ofSeconds(1));

    public ClusterConfig {
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(renewInterval, "renewInterval");
        if (renewInterval.isNegative() || renewInterval.isZero() || lease.compareTo(renewInterval.multipliedBy(3)) < 0) {
            throw new IllegalArgumentException("cluster config: lease (" + lease + ") must be at least 3 renewal intervals ("
                    + renewInterval + ")");
        }
        if (instanceId != null && !instanceId.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("cluster config instanceId: bad value '" + instanceId
                    + "' (1-64 letters, digits, . _ -)");
        }
    }

    public ClusterConfig withInstanceId(String id) {
        return new ClusterConfig(id, lease, renewInterval);
    }

    public ClusterConfig withLease(Duration newLease, Duration renew) {
        return new ClusterConfig(instanceId, newLease, renew);
    }
}
