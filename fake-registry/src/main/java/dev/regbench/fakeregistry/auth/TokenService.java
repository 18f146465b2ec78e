package dev.regbench.fakeregistry.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.regbench.fakeregistry.faults.ExpiryFault;
import dev.regbench.fakeregistry.faults.OciErrors;
import dev.regbench.fakeregistry.http.RequestTarget;
import dev.regbench.fakeregistry.http.Route;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Docker/OCI token authentication for the fake registry.
 *
 * <p>{@link #tokenHandler()} serves {@code GET /token?service=regbench&scope=...}: HTTP basic
 * credentials are checked against the users (no or wrong credentials: {@code 401}); each
 * requested {@code repository:<name>:<actions>} scope is granted as far as the user's access
 * allows, {@code registry:catalog:*} always; the answer is
 * {@code {"token","access_token","expires_in","issued_at"}} as the Docker token spec says.
 *
 * <p>{@link #protect} guards {@code /v2/...}: no, foreign or expired token (or one the
 * {@code expire} fault marks) gets {@code 401 UNAUTHORIZED} with
 * {@code WWW-Authenticate: Bearer realm="<base>/token",service="regbench",scope="repository:<name>:pull"}
 * ({@code pull,push} for writes; no scope for {@code /v2/}); a valid token without the scope
 * gets {@code 403 DENIED}. A cross-repository mount whose token cannot pull the source
 * repository loses its {@code mount}/{@code from} parameters, so it becomes a plain upload as
 * with distribution. The repository is the one {@link RequestTarget} parses, the parser the
 * router uses; a path it cannot parse is refused with {@code 404} here, so no request reaches
 * the guarded handler unchecked. ({@code /token} and {@code /_regbench/...} are routed before
 * this guard.)
 *
 * <p>Thread-safe.
 */
public final class TokenService {
    /** The {@code service} of challenges and tokens. */
    public static final String SERVICE = "regbench";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AuthConfig config;
    private final Supplier<String> baseUrl;
    private final Clock clock;
    private final Tokens tokens = new Tokens();
    private final AtomicLong issued = new AtomicLong();

    public TokenService(AuthConfig config, Supplier<String> baseUrl) {
        this(config, baseUrl, Clock.systemUTC());
    }

    /** With a clock, so tests can make tokens expire without waiting. */
    public TokenService(AuthConfig config, Supplier<String> baseUrl, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public AuthConfig config() {
        return config;
    }

    /** Tokens issued since start. */
    public long tokensIssued() {
        return issued.get();
    }

    /** The handler for {@code GET /token}. */
    public HttpHandler tokenHandler() {
        return this::issueToken;
    }

    /** {@code next} behind token auth; {@code next} itself when auth is off. */
    public HttpHandler protect(HttpHandler next) {
        if (!config.enabled()) {
            return next;
        }
        return exchange -> guard(exchange, next);
    }

    private void issueToken(HttpServerExchange exchange) {
        if (!config.enabled()) {
            OciErrors.send(exchange, 404, "UNSUPPORTED", "token auth is off on this registry");
            return;
        }
        if (!exchange.getRequestMethod().equals(Methods.GET)) {
            OciErrors.send(exchange, 405, "UNSUPPORTED", "use GET /token");
            return;
        }
        String user = basicUser(exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION));
        if (user == null) {
            exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Basic realm=\"" + SERVICE + "\"");
            OciErrors.send(exchange, 401, "UNAUTHORIZED", "valid HTTP basic credentials are required for a token");
            return;
        }
        List<Scope> grants = new ArrayList<>();
        Deque<String> scopes = exchange.getQueryParameters().get("scope");
        try {
            for (String text : scopes == null ? List.<String>of() : scopes) {
                for (Scope requested : Scope.parseAll(text)) {
                    Scope granted = grant(user, requested);
                    if (granted != null) {
                        grants.add(granted);
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            OciErrors.send(exchange, 400, "UNSUPPORTED", e.getMessage());
            return;
        }
        Instant now = clock.instant();
        long lifetimeSeconds = Math.max(1, config.tokenLifetime().toSeconds());
        String token = tokens.sign(user, now.toEpochMilli() + config.tokenLifetime().toMillis(), grants);
        issued.incrementAndGet();
        ObjectNode body = JSON.createObjectNode();
        body.put("token", token);
        body.put("access_token", token);
        body.put("expires_in", lifetimeSeconds);
        body.put("issued_at", now.truncatedTo(ChronoUnit.SECONDS).toString());
        exchange.setStatusCode(200);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseSender().send(body.toString());
    }

    private Scope grant(String user, Scope requested) {
        if (requested.type().equals("registry") && requested.name().equals("catalog")) {
            return new Scope("registry", "catalog", Set.of("*"));
        }
        if (!requested.type().equals("repository")) {
            return null;
        }
        List<String> allowed = requested.actions().stream()
                .filter(a -> a.equals("pull") || a.equals("push"))
                .filter(a -> config.allows(user, requested.name(), a))
                .toList();
        return allowed.isEmpty() ? null : new Scope("repository", requested.name(), Set.copyOf(allowed));
    }

    /** The user of valid basic credentials, or null. */
    private String basicUser(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String user = decoded.substring(0, colon);
        String expected = config.users().get(user);
        boolean ok = expected != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8));
        return ok ? user : null;
    }

    private void guard(HttpServerExchange exchange, HttpHandler next) throws Exception {
        Required required = Required.of(exchange);
        if (required == null) {
            // Nothing unparsed reaches a handler: the router would refuse it too, as distribution does (404).
            OciErrors.send(exchange, 404, "NAME_UNKNOWN", "no registry endpoint at " + exchange.getRequestPath());
            return;
        }
        Tokens.Claims claims = bearer(exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION));
        if (claims == null) {
            challenge(exchange, required, "authentication required");
            return;
        }
        if (claims.expiresAtMillis() <= clock.millis()) {
            challenge(exchange, required, "token expired");
            return;
        }
        if (ExpiryFault.isMarked(exchange)) {
            ExpiryFault.applied(exchange);
            challenge(exchange, required, "token expired");
            return;
        }
        if (required.scope() != null && !required.allowedBy(claims)) {
            OciErrors.send(exchange, 403, "DENIED", "requested access to the resource is denied: token lacks "
                    + required.scope().format());
            return;
        }
        if (required.mountFrom() != null && !claims.allows("repository", required.mountFrom().name(), "pull")) {
            exchange.getQueryParameters().remove("mount");
            exchange.getQueryParameters().remove("from");
        }
        next.handleRequest(exchange);
    }

    private Tokens.Claims bearer(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return tokens.verify(header.substring(7).trim()).orElse(null);
    }

    private void challenge(HttpServerExchange exchange, Required required, String message) {
        StringBuilder value = new StringBuilder("Bearer realm=\"").append(baseUrl.get()).append("/token\",service=\"")
                .append(SERVICE).append('"');
        if (required.scope() != null) {
            value.append(",scope=\"").append(required.scope().format());
            if (required.mountFrom() != null) {
                value.append(' ').append(required.mountFrom().format());
            }
            value.append('"');
        }
        exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, value.toString());
        OciErrors.send(exchange, 401, "UNAUTHORIZED", message);
    }

    /** What a request needs: a valid token, and the scope (null for {@code /v2/}); a mount source. */
    private record Required(Scope scope, Scope mountFrom) {

        /**
         * What the request needs, from the registry's own path parser ({@link RequestTarget#of}),
         * so the scope checked is always the repository the router will act on; null when the
         * path is no registry endpoint (refused, never passed on unchecked).
         */
        static Required of(HttpServerExchange exchange) {
            RequestTarget target = RequestTarget.of(exchange);
            if (target == null) {
                return null;
            }
            Route route = target.route();
            if (route == Route.PING) {
                return new Required(null, null);
            }
            if (route == Route.CATALOG) {
                return new Required(new Scope("registry", "catalog", Set.of("*")), null);
            }
            String name = target.name();
            boolean read = exchange.getRequestMethod().equals(Methods.GET)
                    || exchange.getRequestMethod().equals(Methods.HEAD);
            Scope scope = new Scope("repository", name, read ? Set.of("pull") : Set.of("pull", "push"));
            Scope from = null;
            if (route == Route.UPLOADS && exchange.getRequestMethod().equals(Methods.POST)) {
                Deque<String> mount = exchange.getQueryParameters().get("mount");
                Deque<String> source = exchange.getQueryParameters().get("from");
                if (mount != null && source != null && !source.isEmpty()) {
                    from = new Scope("repository", source.getFirst(), Set.of("pull"));
                }
            }
            return new Required(scope, from);
        }

        boolean allowedBy(Tokens.Claims claims) {
            if (scope.type().equals("registry")) {
                return claims.allows("registry", "catalog", "*");
            }
            String action = scope.actions().contains("push") ? "push" : "pull";
            return claims.allows("repository", scope.name(), action);
        }
    }
}
