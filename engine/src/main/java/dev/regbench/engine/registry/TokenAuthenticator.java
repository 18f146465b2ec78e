package dev.regbench.engine.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.regbench.engine.config.AuthCacheConfig;
import dev.regbench.engine.stats.TransferStats;
import dev.regbench.engine.transport.HttpTransport;
import dev.regbench.engine.transport.TransportRequest;
import dev.regbench.engine.transport.TransportResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Registry authentication: follows the {@code WWW-Authenticate} challenge ({@code Bearer realm,
 * service, scope} or {@code Basic}), fetches tokens from the realm with the basic credentials,
 * and caches them per registry and scope (Caffeine) until {@code refreshBeforeExpiry} before they
 * expire — claim C11. With {@code cacheTokens: false} every operation fetches a fresh token (the
 * challenge itself is remembered, so the request is not sent unauthenticated first).
 *
 * <p>Credentials go only where they belong: basic credentials only to the registry's own host (a
 * request redirected or sent to another host that challenges gets none), and to a {@code Bearer}
 * realm only on the registry's host or on one the credentials trust ({@link Credentials#realmHosts()}).
 *
 * <p>Thread-safe. Credentials are never logged or put into messages (only the user name).
 */
final class TokenAuthenticator {
    /** Distribution token spec: a token without {@code expires_in} lives 60 s. */
    private static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(60);

    private final HttpTransport transport;
    /** {@code host[:port]} and scheme of the registry the credentials belong to. */
    private final String registryHost;
    private final String registryScheme;
    private final Optional<Credentials> credentials;
    private final AuthCacheConfig config;
    private final TransferStats stats;
    private final Map<String, Challenge> challenges = new ConcurrentHashMap<>();
    private final Duration refreshEarly;
    /** Made on the first Bearer challenge: a registry that never asks for a token never pays for the cache. */
    private volatile Cache<String, Token> tokens;

    TokenAuthenticator(HttpTransport transport, ImageReference registry, Optional<Credentials> credentials,
                       AuthCacheConfig config, TransferStats stats) {
        this.transport = transport;
        this.registryHost = registry.host();
        this.registryScheme = registry.scheme();
        this.credentials = credentials;
        this.config = config;
        this.stats = stats;
        this.refreshEarly = config.refreshBeforeExpiry() == null ? Duration.ZERO : config.refreshBeforeExpiry();
    }

    private Cache<String, Token> tokens() {
        Cache<String, Token> cache = tokens;
        if (cache == null) {
            synchronized (this) {
                cache = tokens;
                if (cache == null) {
                    Duration early = refreshEarly;
                    cache = Caffeine.newBuilder()
                            .executor(Runnable::run)               // no background threads
                            .maximumSize(1_000)
                            .expireAfter(Expiry.<String, Token>creating((key, token) -> {
                                Duration keep = token.lifetime().minus(early);
                                return keep.isNegative() ? Duration.ZERO : keep;
                            }))
                            .build();
                    tokens = cache;
                }
            }
        }
        return cache;
    }

    /** The Authorization header to send up front, if the registry is known to want one. */
    Optional<String> authorization(String host, Scope scope, String action) throws IOException {
        Challenge challenge = challenges.get(host);
        if (challenge == null) {
            return Optional.empty();
        }
        if (challenge.basic()) {
            return host.equals(registryHost) ? credentials.map(Credentials::basicHeader) : Optional.empty();
        }
        if (config.cacheTokens()) {
            Token cached = tokens().getIfPresent(cacheKey(host, scope));
            if (cached != null) {
                return Optional.of("Bearer " + cached.value());
            }
        }
        return Optional.of("Bearer " + fetch(host, challenge, scope, action).value());
    }

    /**
     * After a {@code 401}: remembers the challenge, drops the cached token, fetches a new one.
     *
     * @return the Authorization header to retry with
     */
    String reauthenticate(String host, Scope scope, String wwwAuthenticate, String action) throws IOException {
        Challenge challenge = Challenge.parse(wwwAuthenticate);
        if (challenge == null) {
            throw new UnauthorizedException(action, 401, "unsupported authentication challenge '" + wwwAuthenticate + "'");
        }
        challenges.put(host, challenge);
        if (challenge.basic()) {
            if (!host.equals(registryHost)) {
                throw new UnauthorizedException(action, 401, host + " asks for basic credentials; the credentials for "
                        + registryHost + " are sent only to " + registryHost);
            }
            return credentials.map(Credentials::basicHeader).orElseThrow(
                    () -> new UnauthorizedException(action, 401, "the registry wants credentials and none were given"
                            + " (--creds/--dest-creds or their -file forms, REGBENCH_SOURCE_USERNAME/_PASSWORD or"
                            + " REGBENCH_DEST_USERNAME/_PASSWORD, or ~/.docker/config.json)"));
        }
        tokens().invalidate(cacheKey(host, scope));
        return "Bearer " + fetch(host, challenge, scope, action).value();
    }

    private Token fetch(String host, Challenge challenge, Scope scope, String action) throws IOException {
        StringBuilder url = new StringBuilder(challenge.realm());
        char sep = challenge.realm().contains("?") ? '&' : '?';
        if (challenge.service() != null) {
            url.append(sep).append("service=").append(enc(challenge.service()));
            sep = '&';
        }
        java.util.LinkedHashSet<String> scopes = new java.util.LinkedHashSet<>(scope.values());
        if (challenge.scope() != null) {
            scopes.addAll(java.util.Arrays.asList(challenge.scope().split(" ")));
        }
        for (String s : scopes) {
            url.append(sep).append("scope=").append(enc(s));
            sep = '&';
        }
        TransportRequest request = TransportRequest.of("GET", URI.create(url.toString()));
        if (credentials.isPresent()) {
            checkRealm(challenge.realm(), action);
            request = request.withHeader("Authorization", credentials.get().basicHeader());
        }
        String who = credentials.map(c -> " as " + c.username()).orElse(" anonymously");
        String what = action + ": authenticating" + who + " at " + challenge.realm() + " for " + String.join(" ", scopes);
        long start = System.nanoTime();
        byte[] body;
        int status;
        try (TransportResponse response = transport.execute(request)) {
            status = response.status();
            body = response.bodyBytes(1 << 20);
        }
        stats.request("token", status, System.nanoTime() - start);
        if (status == 401 || status == 403) {
            throw new UnauthorizedException(what, status, ErrorDocument.parse(body).reasons());
        }
        if (status != 200) {
            throw new RegistryHttpException(what, status, ErrorDocument.parse(body).reasons(), null);
        }
        JsonNode json = JsonTree.read(body);
        String value = json.path("token").asText(json.path("access_token").asText(""));
        if (value.isEmpty()) {
            throw new RegistryException(what + ": the token response has no token");
        }
        long expiresIn = json.path("expires_in").asLong(DEFAULT_LIFETIME.toSeconds());
        Token token = new Token(value, Duration.ofSeconds(Math.max(0, expiresIn)));
        if (config.cacheTokens()) {
            tokens().put(cacheKey(host, scope), token);
        }
        return token;
    }

    /**
     * The credentials go to a token realm only on the registry's own host, or on a host they were
     * explicitly trusted for ({@link Credentials#realmHosts()}), and never over plain HTTP when the
     * registry itself is reached over HTTPS.
     */
    private void checkRealm(String realm, String action) throws UnauthorizedException {
        URI uri;
        try {
            uri = URI.create(realm);
        } catch (IllegalArgumentException e) {
            throw new UnauthorizedException(action, 401, "the token realm is not a URL");
        }
        if (uri.getHost() == null || uri.getScheme() == null) {
            throw new UnauthorizedException(action, 401, "the token realm is not an absolute URL");
        }
        String realmHost = RegistryCaller.hostOf(uri).toLowerCase(Locale.ROOT);
        if (!realmHost.equals(registryHost) && !credentials.get().realmHosts().contains(realmHost)) {
            throw new UnauthorizedException(action, 401, registryHost + " sends us to the token realm " + realmHost
                    + ", another host; the credentials for " + registryHost + " are sent there only when it is"
                    + " trusted (--trust-realm " + realmHost + ")");
        }
        if (registryScheme.equals("https") && !uri.getScheme().equalsIgnoreCase("https")) {
            throw new UnauthorizedException(action, 401, "the token realm of " + registryHost
                    + " is plain HTTP while the registry is HTTPS; credentials are not sent over it");
        }
    }

    private static String cacheKey(String host, Scope scope) {
        return host + "|" + scope.key();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A bearer token and how long it lives. {@code toString} hides the value. */
    private record Token(String value, Duration lifetime) {
        @Override
        public String toString() {
            return "Token[lifetime=" + lifetime + "]";
        }
    }

    /** A parsed {@code WWW-Authenticate} challenge. */
    record Challenge(boolean basic, String realm, String service, String scope) {

        /** Parses {@code Bearer realm="…",service="…",scope="…"} or {@code Basic realm="…"}; null otherwise. */
        static Challenge parse(String header) {
            if (header == null) {
                return null;
            }
            String h = header.trim();
            int space = h.indexOf(' ');
            String scheme = (space < 0 ? h : h.substring(0, space)).toLowerCase(Locale.ROOT);
            Map<String, String> params = params(space < 0 ? "" : h.substring(space + 1));
            if (scheme.equals("basic")) {
                return new Challenge(true, params.get("realm"), null, null);
            }
            if (scheme.equals("bearer") && params.containsKey("realm")) {
                return new Challenge(false, params.get("realm"), params.get("service"), params.get("scope"));
            }
            return null;
        }

        private static Map<String, String> params(String s) {
            Map<String, String> out = new java.util.HashMap<>();
            int i = 0;
            while (i < s.length()) {
                while (i < s.length() && (s.charAt(i) == ',' || s.charAt(i) == ' ')) {
                    i++;
                }
                int eq = s.indexOf('=', i);
                if (eq < 0) {
                    break;
                }
                String key = s.substring(i, eq).trim().toLowerCase(Locale.ROOT);
                i = eq + 1;
                String value;
                if (i < s.length() && s.charAt(i) == '"') {
                    int end = s.indexOf('"', i + 1);
                    if (end < 0) {
                        end = s.length();
                    }
                    value = s.substring(i + 1, end);
                    i = end + 1;
                } else {
                    int end = s.indexOf(',', i);
                    if (end < 0) {
                        end = s.length();
                    }
                    value = s.substring(i, end).trim();
                    i = end;
                }
                out.put(key, value);
            }
            return out;
        }
    }
}
