package dev.regbench.harness.gate;

/**
 * A baseline or current file the gate cannot judge: a figure a rule needs is absent from the
 * baseline, or too few runs to give a spread. {@code regbench gate} exits 2 on it (bad input),
 * never 1 (a regression).
 */
public final class GateInputException extends RuntimeException {
    public GateInputException(String message) {
        super(message);
    }
}
