package dev.regbench.fakeregistry.faults;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;

/**
 * The link between the {@code expire} fault and the token auth layer: the fault layer marks
 * the exchange, the auth layer then treats the request's token as expired (401) and calls
 * {@link #applied} so the fault is counted only when it took effect (with auth off, or without
 * a token, nothing happens). Stateless and thread-safe.
 */
public final class ExpiryFault {
    private static final AttachmentKey<Runnable> KEY = AttachmentKey.create(Runnable.class);

    private ExpiryFault() {
    }

    static void mark(HttpServerExchange exchange, Runnable onApplied) {
        exchange.putAttachment(KEY, onApplied);
    }

    /** True when the fault layer wants this request's token treated as expired. */
    public static boolean isMarked(HttpServerExchange exchange) {
        return exchange.getAttachment(KEY) != null;
    }

    /** Called by the auth layer when it rejected the token because of the mark. */
    public static void applied(HttpServerExchange exchange) {
        Runnable r = exchange.removeAttachment(KEY);
        if (r != null) {
            r.run();
        }
    }
}
