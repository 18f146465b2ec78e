package dev.regbench.engine.resilience;

import java.io.IOException;

/**
 * A failure of another host surfacing inside a call to this one: the source's blob stream failing
 * while it is the body of an upload to the destination. The source path already retried it under
 * the source host's own policy, so the destination's policy neither retries it (attempts would
 * multiply: max x max) nor counts it against the destination's circuit breaker (the destination
 * did nothing wrong). {@link RetryDecision} recognises it anywhere in a cause chain. The message
 * is the original failure's.
 */
public final class UpstreamFailureException extends IOException {

    private final String host;

    public UpstreamFailureException(String host, Throwable cause) {
        super(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage(), cause);
        this.host = host;
    }

    /** The host ({@code host:port}) that failed. */
    public String host() {
        return host;
    }

    /** Whether {@code failure} or one of its causes is an upstream failure. */
    public static boolean isUpstream(Throwable failure) {
        return find(failure) != null;
    }

    /** The upstream failure in {@code failure}'s cause chain, or null. */
    public static UpstreamFailureException find(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
            if (t instanceof UpstreamFailureException u) {
                return u;
            }
        }
        return null;
    }
}
