package dev.regbench.simulations;

import static io.gatling.javaapi.core.CoreDsl.global;

import io.gatling.javaapi.core.Assertion;

/** {@link AssertionProbeSimulation} under an assertion no run can meet: every response in under 0 ms. */
public class ImpossibleAssertionProbe extends AssertionProbeSimulation {

    /** Impossible: a response time is never negative. */
    static final Assertion MAX_BELOW_ZERO_MS = global().responseTime().max().lt(0);

    public ImpossibleAssertionProbe() {
        super(MAX_BELOW_ZERO_MS);
    }
}
