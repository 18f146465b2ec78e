package dev.regbench.fakeregistry.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;

/**
 * A parsed registry path: which resource, for which repository, with which reference (tag,
 * digest or upload id; null when the path has none). The one parser of registry paths: the
 * router, the token check ({@code auth}), the stats and the fault rules all classify a request
 * through it, so they can never disagree about which repository a request touches. Immutable.
 *
 * <p>Names are resolved as CNCF distribution resolves them (its routes are
 * {@code /v2/{name}/manifests/{reference}}, {@code /v2/{name}/blobs/{digest}}, ... with a
 * greedy name): the path's <em>last</em> resource suffix decides, and everything before it is
 * the name, even when the name itself holds {@code manifests}, {@code blobs} or
 * {@code blobs/uploads} components. So {@code /v2/blobs/uploads/manifests/v1} is manifest
 * {@code v1} of repository {@code blobs/uploads}, and {@code /v2/a/manifests/s/blobs/<d>} is
 * blob {@code <d>} of repository {@code a/manifests/s}.
 *
 * @param route     the resource
 * @param name      the repository (null for ping and catalog); not validated here
 * @param reference tag, digest or upload id; null when the path has none
 */
public record RequestTarget(Route route, String name, String reference) {
    static final RequestTarget PING = new RequestTarget(Route.PING, null, null);
    static final RequestTarget CATALOG = new RequestTarget(Route.CATALOG, null, null);
    /** Marks, in the attachment, a path that was parsed and is no registry endpoint. */
    private static final RequestTarget NONE = new RequestTarget(Route.OTHER, null, null);
    private static final AttachmentKey<RequestTarget> PARSED = AttachmentKey.create(RequestTarget.class);

    private static final String MANIFESTS = "/manifests/";
    private static final String BLOBS = "/blobs/";
    private static final String REFERRERS = "/referrers/";
    private static final String TAGS = "/tags/list";

    /**
     * The target of {@code exchange}'s path, parsed once per exchange (the result is attached to
     * it, so every layer sees the same answer); null when the path is no registry endpoint.
     */
    public static RequestTarget of(HttpServerExchange exchange) {
        RequestTarget parsed = exchange.getAttachment(PARSED);
        if (parsed == null) {
            parsed = parse(exchange.getRequestPath());
            exchange.putAttachment(PARSED, parsed == null ? NONE : parsed);
        }
        return parsed == NONE ? null : parsed;
    }

    /**
     * Parses a request path under {@code /v2/}; null when it is no registry endpoint (which
     * includes an empty name or a reference holding a {@code /}). The name is not validated here.
     */
    public static RequestTarget parse(String path) {
        if (path.equals("/v2/") || path.equals("/v2")) {
            return PING;
        }
        if (!path.startsWith("/v2/")) {
            return null;
        }
        String rest = path.substring(4);
        if (rest.equals("_catalog")) {
            return CATALOG;
        }
        if (rest.endsWith(TAGS)) {
            return named(Route.TAGS, rest.substring(0, rest.length() - TAGS.length()), null);
        }
        int m = rest.lastIndexOf(MANIFESTS);
        int b = rest.lastIndexOf(BLOBS);
        int r = rest.lastIndexOf(REFERRERS);
        int at = Math.max(m, Math.max(b, r));
        if (at <= 0) {
            return null;
        }
        String name = rest.substring(0, at);
        if (at == m) {
            return leaf(Route.MANIFESTS, name, rest.substring(at + MANIFESTS.length()));
        }
        if (at == r) {
            return leaf(Route.REFERRERS, name, rest.substring(at + REFERRERS.length()));
        }
        String tail = rest.substring(at + BLOBS.length());
        if (tail.equals("uploads") || tail.equals("uploads/")) {
            return new RequestTarget(Route.UPLOADS, name, null);
        }
        if (tail.startsWith("uploads/")) {
            return leaf(Route.UPLOADS, name, tail.substring("uploads/".length()));
        }
        return leaf(Route.BLOBS, name, tail);
    }

    private static RequestTarget named(Route route, String name, String reference) {
        return name.isEmpty() ? null : new RequestTarget(route, name, reference);
    }

    private static RequestTarget leaf(Route route, String name, String reference) {
        if (reference.isEmpty() || reference.indexOf('/') >= 0) {
            return null;
        }
        return new RequestTarget(route, name, reference);
    }
}
