package dev.regbench.simulations;

import static io.gatling.javaapi.core.CoreDsl.exec;

import dev.regbench.simulations.Target.ServerCounters;
import io.gatling.javaapi.core.ChainBuilder;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One phase of a simulation whose phases run one after another ({@code andThen}): its own
 * {@link RequestRecorder}, and the server's counters when its first user starts, which is when
 * every user of the previous phase has finished. Phase k's server counts are therefore
 * {@code start(k+1) - start(k)}, and the last phase's end is taken in {@code after()}.
 *
 * <p>Thread-safe: the start is taken once, by whichever user gets there first.
 */
final class Phase {

    private final String name;
    private final RequestRecorder recorder;
    private final Target target;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile Optional<ServerCounters> atStart = Optional.empty();

    Phase(String name, RequestRecorder parent, Target target) {
        this.name = name;
        this.recorder = parent.phase(name);
        this.target = target;
    }

    String name() {
        return name;
    }

    RequestRecorder recorder() {
        return recorder;
    }

    /** The first step of the phase's scenario: the first user to run it reads the server's counters. */
    ChainBuilder markStart() {
        return exec(s -> {
            if (started.compareAndSet(false, true)) {
                atStart = target.serverCounters();
            }
            return s;
        });
    }

    /** The server's counters when the phase started (empty when unknown or never started). */
    Optional<ServerCounters> atStart() {
        return atStart;
    }

    /** This phase's figures, given the counters at its end (the next phase's start, or the run's end). */
    Figures figures(Optional<ServerCounters> atEnd) {
        Optional<ServerCounters> during = atEnd.flatMap(end -> atStart.map(end::minus));
        return Figures.of(recorder, during);
    }
}
