package dev.regbench.fakeregistry.http;

/**
 * A parsed registry path: which resource, for which repository, with which reference (tag,
 * digest or upload id; null when the path has none). Immutable.
 */
record RequestTarget(Route route, String name, String reference) {
    static final RequestTarget PING = new RequestTarget(Route.PING, null, null);
    static final RequestTarget CATALOG = new RequestTarget(Route.CATALOG, null, null);

    private static final String MANIFESTS = "/manifests/";
    private static final String BLOBS = "/blobs/";
    private static final String REFERRERS = "/referrers/";
    private static final String TAGS = "/tags/list";

    /**
     * Parses a request path under {@code /v2/}; null when it is no registry endpoint. The name
     * is not validated here.
     */
    static RequestTarget parse(String path) {
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
            return new RequestTarget(Route.TAGS, rest.substring(0, rest.length() - TAGS.length()), null);
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

    private static RequestTarget leaf(Route route, String name, String reference) {
        if (reference.isEmpty() || reference.indexOf('/') >= 0) {
            return null;
        }
        return new RequestTarget(route, name, reference);
    }
}
