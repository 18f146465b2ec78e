package dev.regbench.simulations;

import static io.gatling.javaapi.core.CoreDsl.global;

import io.gatling.javaapi.core.Assertion;

/** {@link AssertionProbeSimulation} under an assertion a working registry always meets: no failed request. */
public class AchievableAssertionProbe extends AssertionProbeSimulation {

    /** Achievable on any machine: pings to a healthy embedded registry do not fail. */
    static final Assertion NO_FAILED_REQUEST = global().failedRequests().count().is(0L);

    public AchievableAssertionProbe() {
        super(NO_FAILED_REQUEST);
    }
}
