package dev.regbench.engine.registry;

/**
 * A transport failure (connection refused, reset, timeout, TLS) wrapped with the action it
 * interrupted, after retries were given up. The cause is the original {@link java.io.IOException}.
 */
public final class RegistryIoException extends RegistryException {
    public RegistryIoException(String action, Throwable cause) {
        super(action + ": " + describe(cause), cause);
    }

    private static String describe(Throwable cause) {
        if (cause instanceof java.net.ConnectException) {
            return "registry unreachable (" + cause.getMessage() + ")";
        }
        String m = cause.getMessage();
        return cause.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
