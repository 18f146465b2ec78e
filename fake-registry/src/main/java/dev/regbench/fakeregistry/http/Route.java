package dev.regbench.fakeregistry.http;

import java.util.Locale;

/**
 * The kinds of request the fake registry serves, as used by stats, fault rules and network
 * rules. One classification for everyone, so that "faults on blobs" and "requests to blobs"
 * always mean the same requests.
 */
public enum Route {
    /** {@code GET /v2/}. */
    PING,
    /** {@code GET /v2/_catalog}. */
    CATALOG,
    /** {@code GET /v2/<name>/tags/list}. */
    TAGS,
    /** {@code /v2/<name>/manifests/<reference>}. */
    MANIFESTS,
    /** {@code /v2/<name>/blobs/<digest>} (not uploads). */
    BLOBS,
    /** {@code /v2/<name>/blobs/uploads/...}. */
    UPLOADS,
    /** {@code /v2/<name>/referrers/<digest>}. */
    REFERRERS,
    /** The token endpoint, {@code /token}. */
    TOKEN,
    /** {@code /_regbench/...}: stats and fault administration; never faulted. */
    ADMIN,
    /** Anything else. */
    OTHER;

    /**
     * Classifies a request path (without query string); registry paths through
     * {@link RequestTarget#parse}, so that stats, faults and auth agree with the router.
     */
    public static Route classify(String path) {
        if (path == null) {
            return OTHER;
        }
        if (path.startsWith("/_regbench/")) {
            return ADMIN;
        }
        if (path.equals("/token") || path.startsWith("/token/")) {
            return TOKEN;
        }
        RequestTarget target = RequestTarget.parse(path);
        return target == null ? OTHER : target.route();
    }

    /** Classifies {@code exchange}'s path as {@link #classify} does, parsing it once per exchange. */
    public static Route of(io.undertow.server.HttpServerExchange exchange) {
        String path = exchange.getRequestPath();
        if (path.startsWith("/_regbench/")) {
            return ADMIN;
        }
        if (path.equals("/token") || path.startsWith("/token/")) {
            return TOKEN;
        }
        RequestTarget target = RequestTarget.of(exchange);
        return target == null ? OTHER : target.route();
    }

    /** Parses a route name as written in YAML and JSON ({@code blobs}, {@code manifests}, ...). */
    public static Route parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown route '" + name + "'; expected one of "
                    + java.util.Arrays.toString(values()).toLowerCase(Locale.ROOT));
        }
    }

    /** The lower-case name used in JSON and YAML. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
