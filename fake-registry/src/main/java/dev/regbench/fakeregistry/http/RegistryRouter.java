package dev.regbench.fakeregistry.http;

import dev.regbench.fakeregistry.storage.Storage;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;

/**
 * The one routing file of the registry API ({@code /v2/...}): parses the path, validates the
 * repository name, picks the resource handler by route and method, and renders every
 * {@link OciException} through {@link ErrorResponder}.
 *
 * <p>Threading: reads that answer from memory (manifest and blob GET/HEAD, ping) run on the IO
 * thread with non-blocking sends; everything that reads a request body or touches storage
 * files is dispatched to a worker thread in blocking mode (the role of Undertow's
 * {@code BlockingHandler}, applied only where it is needed). Thread-safe.
 */
public final class RegistryRouter implements HttpHandler {
    private final ListsHandler lists;
    private final ManifestsHandler manifests;
    private final BlobsHandler blobs;
    private final UploadsHandler uploads;
    private final ReferrersHandler referrers;

    /** Handler of one parsed request. */
    @FunctionalInterface
    private interface Action {
        void run(HttpServerExchange exchange, RequestTarget target) throws Exception;
    }

    public RegistryRouter(Storage storage, Limits limits) {
        this.lists = new ListsHandler(storage);
        this.manifests = new ManifestsHandler(storage, limits);
        this.blobs = new BlobsHandler(storage);
        this.uploads = new UploadsHandler(storage, limits);
        this.referrers = new ReferrersHandler(storage);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        exchange.getResponseHeaders().put(RegistryHeaders.API_VERSION, RegistryHeaders.API_VERSION_VALUE);
        try {
            RequestTarget target = RequestTarget.of(exchange);
            if (target == null) {
                throw OciError.of(ErrorCode.UNSUPPORTED, "no registry endpoint at " + exchange.getRequestPath())
                        .withStatus(404).exception();
            }
            if (target.name() != null) {
                Names.requireValidName(target.name());
            }
            route(exchange, target);
        } catch (OciException e) {
            ErrorResponder.send(exchange, e.error());
        }
    }

    private void route(HttpServerExchange exchange, RequestTarget target) throws Exception {
        HttpString method = exchange.getRequestMethod();
        boolean get = method.equals(Methods.GET);
        boolean head = method.equals(Methods.HEAD);
        switch (target.route()) {
            case PING -> {
                if (get || head) {
                    lists.ping(exchange);
                } else {
                    notAllowed(exchange, "GET, HEAD");
                }
            }
            case CATALOG -> {
                if (get) {
                    lists.catalog(exchange);
                } else {
                    notAllowed(exchange, "GET");
                }
            }
            case TAGS -> {
                if (get) {
                    lists.tags(exchange, target);
                } else {
                    notAllowed(exchange, "GET");
                }
            }
            case MANIFESTS -> {
                if (get || head) {
                    manifests.get(exchange, target, head);
                } else if (method.equals(Methods.PUT)) {
                    blocking(exchange, target, manifests::put);
                } else if (method.equals(Methods.DELETE)) {
                    blocking(exchange, target, (ex, t) -> manifests.delete(ex, t));
                } else {
                    notAllowed(exchange, "GET, HEAD, PUT, DELETE");
                }
            }
            case BLOBS -> {
                if (get || head) {
                    blobs.get(exchange, target, head);
                } else if (method.equals(Methods.DELETE)) {
                    blocking(exchange, target, (ex, t) -> blobs.delete(ex, t));
                } else {
                    notAllowed(exchange, "GET, HEAD, DELETE");
                }
            }
            case UPLOADS -> {
                if (method.equals(Methods.POST) && target.reference() == null) {
                    blocking(exchange, target, uploads::post);
                } else if (method.equals(Methods.PATCH)) {
                    blocking(exchange, target, uploads::patch);
                } else if (method.equals(Methods.PUT)) {
                    blocking(exchange, target, uploads::put);
                } else if (get) {
                    uploads.status(exchange, target);
                } else if (method.equals(Methods.DELETE)) {
                    blocking(exchange, target, (ex, t) -> uploads.cancel(ex, t));
                } else {
                    notAllowed(exchange, target.reference() == null ? "POST" : "GET, PATCH, PUT, DELETE");
                }
            }
            case REFERRERS -> {
                if (get) {
                    referrers.get(exchange, target);
                } else {
                    notAllowed(exchange, "GET");
                }
            }
            default -> throw OciError.of(ErrorCode.UNSUPPORTED, "no registry endpoint at "
                    + exchange.getRequestPath()).withStatus(404).exception();
        }
    }

    /** Runs {@code action} on a worker thread in blocking mode (directly when already there). */
    private static void blocking(HttpServerExchange exchange, RequestTarget target, Action action) throws Exception {
        if (exchange.isInIoThread()) {
            exchange.dispatch((HttpHandler) ex -> runBlocking(ex, target, action));
        } else {
            runBlocking(exchange, target, action);
        }
    }

    private static void runBlocking(HttpServerExchange exchange, RequestTarget target, Action action) throws Exception {
        if (!exchange.isBlocking()) {
            exchange.startBlocking();
        }
        try {
            action.run(exchange, target);
        } catch (OciException e) {
            ErrorResponder.send(exchange, e.error());
        }
    }

    private static void notAllowed(HttpServerExchange exchange, String allowed) {
        exchange.getResponseHeaders().put(Headers.ALLOW, allowed);
        throw OciError.of(ErrorCode.UNSUPPORTED, exchange.getRequestMethod() + " is not supported on "
                + exchange.getRequestPath() + " (allowed: " + allowed + ")").exception();
    }
}
