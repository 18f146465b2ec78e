package dev.regbench.engine.replicate;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP proxy on 127.0.0.1 in front of one registry: forwards every request (any method),
 * records each request's method, path and {@code Authorization} header, and lets a test change
 * responses ({@link Tamper}). With {@code rewriteUrls} the registry's own absolute URLs in
 * {@code Location} and {@code WWW-Authenticate} point back at the proxy, so that every request of
 * a client — uploads, token fetches — passes through it. Requests of the {@code hangOn} methods are
 * read and never answered (a registry hanging on PUT). Bodies are buffered (test-sized).
 */
final class TamperingProxy implements AutoCloseable {

    /** Changes a response: may edit {@code headers} (lower-case names) and returns the body to send. */
    interface Tamper {
        Tamper NONE = (method, path, status, headers, body) -> body;

        byte[] apply(String method, String path, int status, Map<String, List<String>> headers, byte[] body);
    }

    /** One request as the proxy saw it. */
    record Seen(String method, String path, String authorization) {
    }

    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade",
            "transfer-encoding");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    private final String target;
    private final boolean rewriteUrls;
    private final Tamper tamper;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Set<String> hangOn;
    private final java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);

    TamperingProxy(String targetUrl, boolean rewriteUrls, Tamper tamper) throws IOException {
        this(targetUrl, rewriteUrls, tamper, Set.of());
    }

    /** @param hangOn methods never answered: the request is read, then nothing until the proxy closes */
    TamperingProxy(String targetUrl, boolean rewriteUrls, Tamper tamper, Set<String> hangOn) throws IOException {
        this.hangOn = hangOn;
        this.target = targetUrl;
        this.rewriteUrls = rewriteUrls;
        this.tamper = tamper;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every request so far, in arrival order. */
    List<Seen> seen() {
        return new ArrayList<>(seen);
    }

    /** The {@code Authorization} values received (null entries dropped). */
    List<String> authorizations() {
        return seen.stream().map(Seen::authorization).filter(a -> a != null).toList();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            seen.add(new Seen(method, ex.getRequestURI().getPath(), ex.getRequestHeaders().getFirst("Authorization")));
            byte[] requestBody;
            try (InputStream in = ex.getRequestBody()) {
                requestBody = in.readAllBytes();
            }
            if (hangOn.contains(method)) {
                try {
                    closed.await(60, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target + ex.getRequestURI()))
                    .timeout(Duration.ofSeconds(30))
                    .method(method, requestBody.length == 0 && !method.equals("PUT") && !method.equals("PATCH")
                            && !method.equals("POST") ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(requestBody));
            ex.getRequestHeaders().forEach((name, values) -> {
                if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(v -> b.header(name, v));
                }
            });
            HttpResponse<byte[]> response;
            try {
                response = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            Map<String, List<String>> headers = new TreeMap<>();
            response.headers().map().forEach((name, values) -> {
                String lower = name.toLowerCase(Locale.ROOT);
                if (!RESTRICTED.contains(lower) && !lower.equals(":status")) {
                    List<String> copy = new ArrayList<>();
                    for (String v : values) {
                        copy.add(rewriteUrls ? v.replace(target, "http://" + host()) : v);
                    }
                    headers.put(lower, copy);
                }
            });
            byte[] body = tamper.apply(method, ex.getRequestURI().getPath(), response.statusCode(), headers,
                    response.body());
            headers.forEach((name, values) -> ex.getResponseHeaders().put(name, values));
            if (method.equals("HEAD")) {
                response.headers().firstValue("Content-Length").ifPresent(l -> ex.getResponseHeaders().set("Content-Length", l));
                ex.sendResponseHeaders(response.statusCode(), -1);
            } else {
                ex.sendResponseHeaders(response.statusCode(), body.length == 0 ? -1 : body.length);
                if (body.length > 0) {
                    ex.getResponseBody().write(body);
                }
            }
        }
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
