package dev.regbench.harness.scenario;

/** A scenario file that cannot be used; the message names the file and the key. */
public final class ScenarioException extends RuntimeException {
    public ScenarioException(String message) {
        super(message);
    }

    public ScenarioException(String message, Throwable cause) {
        super(message, cause);
    }
}
