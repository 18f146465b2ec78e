package dev.regbench.engine.registry;

/**
 * A transport failure (connection refused, reset, timeout, TLS) wrapped with the action it
 * interrupted, after retries were given up (the message says how many attempts). The cause is the original {@link java.io.IOException}.
 */
public final class RegistryIoException extends RegistryException {
    public RegistryIoException(String action, Throwable cause) {
        this(action, cause, 1);
    }

    /** @param attempts how many times the action was tried; named in the message when more than once */
    public RegistryIoException(String action, Throwable cause, int attempts) {
        super(action + ": " + describe(cause) + (attempts > 1 ? " (gave up after " + attempts + " attempts)" : ""), cause);
    }

    private static String describe(Throwable cause) {
        if (cause instanceof java.net.ConnectException) {
            return "registry unreachable (" + cause.getMessage() + ")";
        }
        String m = cause.getMessage();
        return cause.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
