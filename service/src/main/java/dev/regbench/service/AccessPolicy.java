package dev.regbench.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Who may do what, and the browser-safety rules. Immutable.
 * <ul>
 * <li><b>Tokens</b>: {@code Authorization: Bearer <token>} is required for every request that
 *     changes state ({@code POST}, {@code DELETE}) and for log reads; for listings, job views,
 *     WebSocket watches and {@code /metrics} too unless {@link #publicReads}. Tokens come from a
 *     file or the environment, never from a command-line argument (visible in {@code ps}); only
 *     their SHA-256 is kept, compared in constant time.</li>
 * <li><b>Host</b>: the {@code Host} header must name an allowed host (default the loopback
 *     names), so a DNS-rebinding page cannot talk to the service through its own domain name.</li>
 * <li><b>Origin</b>: a state-changing request or a WebSocket upgrade that carries an
 *     {@code Origin} must come from an allowed origin (default: the service's own loopback
 *     origins); a browser page elsewhere gets 403. Requests without {@code Origin} (curl, CLIs)
 *     pass this check.</li>
 * </ul>
 *
 * @param tokenHashes    SHA-256 of each accepted token (at least one)
 * @param publicReads    listings, job views, watches and metrics without a token. Default false.
 * @param allowedHosts   host names accepted in {@code Host} (lower case, no port)
 * @param allowedOrigins extra origins accepted besides {@code http://<allowed host>:<port>}
 */
public record AccessPolicy(Set<String> tokenHashes, boolean publicReads, Set<String> allowedHosts,
                           Set<String> allowedOrigins) {

    /** The environment variable that may hold tokens (comma-separated). */
    public static final String TOKEN_ENV = "REGBENCH_SERVICE_TOKEN";
    public static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "localhost", "[::1]");

    public AccessPolicy {
        tokenHashes = Set.copyOf(tokenHashes);
        allowedHosts = Set.copyOf(allowedHosts);
        allowedOrigins = Set.copyOf(allowedOrigins);
        if (tokenHashes.isEmpty()) {
            throw new IllegalArgumentException("access policy: at least one token is required");
        }
    }

    /** Loopback hosts only, tokens required for everything but {@code /healthz}. */
    public static AccessPolicy of(List<String> tokens) {
        return new AccessPolicy(hash(tokens), false, LOOPBACK_HOSTS, Set.of());
    }

    public AccessPolicy withPublicReads(boolean v) {
        return new AccessPolicy(tokenHashes, v, allowedHosts, allowedOrigins);
    }

    public AccessPolicy withAllowedHosts(Set<String> hosts) {
        return new AccessPolicy(tokenHashes, publicReads, hosts, allowedOrigins);
    }

    public AccessPolicy withAllowedOrigins(Set<String> origins) {
        return new AccessPolicy(tokenHashes, publicReads, allowedHosts, origins);
    }

    /** A new random token (256 bits, URL-safe base64). */
    public static String randomToken() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /**
     * Tokens from a file: one per line, blank lines and {@code #} comments ignored.
     *
     * @throws IllegalArgumentException naming the file when it cannot be read or holds no token
     */
    public static List<String> readTokenFile(Path file) {
        List<String> tokens = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String t = line.strip();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    checkToken(t, file.toString());
                    tokens.add(t);
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("token file " + file + ": cannot read it (" + e.getMessage() + ")", e);
        }
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("token file " + file + ": no token in it");
        }
        return tokens;
    }

    /** Tokens from {@value #TOKEN_ENV} (comma-separated), or an empty list. */
    public static List<String> tokensFromEnv(String value) {
        List<String> tokens = new ArrayList<>();
        if (value != null) {
            for (String t : value.split(",")) {
                if (!t.isBlank()) {
                    checkToken(t.strip(), TOKEN_ENV);
                    tokens.add(t.strip());
                }
            }
        }
        return tokens;
    }

    private static void checkToken(String t, String where) {
        if (t.length() < 16) {
            throw new IllegalArgumentException(where + ": a token must be at least 16 characters");
        }
    }

    static Set<String> hash(List<String> tokens) {
        Objects.requireNonNull(tokens, "tokens");
        java.util.HashSet<String> out = new java.util.HashSet<>();
        for (String t : tokens) {
            out.add(sha256(t));
        }
        return out;
    }

    private static String sha256(String t) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(t.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when {@code authorization} is {@code Bearer <an accepted token>}. Constant time per token. */
    boolean authorized(String authorization) {
        if (authorization == null || authorization.length() < 8
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = sha256(authorization.substring(7).strip()).getBytes(StandardCharsets.US_ASCII);
        boolean ok = false;
        for (String h : tokenHashes) {
            ok |= MessageDigest.isEqual(given, h.getBytes(StandardCharsets.US_ASCII));
        }
        return ok;
    }

    /** True when the {@code Host} header names an allowed host (any port). */
    boolean hostAllowed(String host) {
        if (host == null) {
            return false;
        }
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            h = end < 0 ? h : h.substring(0, end + 1);
        } else {
            int colon = h.indexOf(':');
            h = colon < 0 ? h : h.substring(0, colon);
        }
        return allowedHosts.contains(h);
    }

    /** True when {@code origin} is absent, or one of the allowed hosts on {@code port}, or listed. */
    boolean originAllowed(String origin, int port) {
        if (origin == null) {
            return true;
        }
        String o = origin.strip().toLowerCase(Locale.ROOT);
        if (allowedOrigins.contains(o)) {
            return true;
        }
        for (String h : allowedHosts) {
            if (o.equals("http://" + h + ":" + port) || o.equals("https://" + h + ":" + port)) {
                return true;
            }
        }
        return false;
    }
}
