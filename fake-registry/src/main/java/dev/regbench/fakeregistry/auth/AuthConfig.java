package dev.regbench.fakeregistry.auth;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How the fake registry authenticates: {@link #none()} (default, everything open) or
 * {@link #token} (Docker/OCI token auth: {@code 401} challenge, {@code /token} checks HTTP basic
 * credentials against {@code users} and issues bearer tokens valid for {@code tokenLifetime}).
 * Every user gets pull and push on every repository unless {@link #withAccess} narrows it
 * to repository name prefixes and/or pull only.
 *
 * <p>Immutable.
 *
 * @param enabled whether token auth is on
 * @param users user name -> password
 * @param tokenLifetime how long an issued token is valid (default 5 minutes)
 * @param access per-user restrictions; users not listed may pull and push everywhere
 */
public record AuthConfig(boolean enabled, Map<String, String> users, Duration tokenLifetime,
        Map<String, Access> access) {

    /** The user name and password of {@code named("token")}. */
    public static final String DEFAULT_USER = "regbench";

    public AuthConfig {
        users = Map.copyOf(Objects.requireNonNull(users, "users"));
        access = Map.copyOf(Objects.requireNonNull(access, "access"));
        tokenLifetime = tokenLifetime == null ? Duration.ofMinutes(5) : tokenLifetime;
        if (tokenLifetime.isNegative() || tokenLifetime.isZero()) {
            throw new IllegalArgumentException("tokenLifetime: must be positive, was " + tokenLifetime);
        }
        if (enabled && users.isEmpty()) {
            throw new IllegalArgumentException("users: token auth needs at least one user");
        }
        for (String user : access.keySet()) {
            if (!users.containsKey(user)) {
                throw new IllegalArgumentException("access: unknown user '" + user + "'");
            }
        }
    }

    /** No authentication. */
    public static AuthConfig none() {
        return new AuthConfig(false, Map.of(), Duration.ofMinutes(5), Map.of());
    }

    /** Token auth for {@code users} (name -> password), tokens valid for {@code tokenLifetime}. */
    public static AuthConfig token(Map<String, String> users, Duration tokenLifetime) {
        return new AuthConfig(true, users, tokenLifetime, Map.of());
    }

    /** {@code none}, or {@code token} with user {@code regbench} / password {@code regbench}, 5 minute tokens. */
    public static AuthConfig named(String name) {
        return switch (name) {
            case "none" -> none();
            case "token" -> token(Map.of(DEFAULT_USER, DEFAULT_USER), Duration.ofMinutes(5));
            default -> throw new IllegalArgumentException("unknown auth mode '" + name + "'; expected none or token");
        };
    }

    /** Restricts {@code user} to repositories starting with one of {@code repositoryPrefixes}, push only when {@code push}. */
    public AuthConfig withAccess(String user, List<String> repositoryPrefixes, boolean push) {
        Map<String, Access> more = new LinkedHashMap<>(access);
        more.put(user, new Access(repositoryPrefixes, push));
        return new AuthConfig(enabled, users, tokenLifetime, more);
    }

    /** This config with another token lifetime. */
    public AuthConfig withTokenLifetime(Duration lifetime) {
        return new AuthConfig(enabled, users, lifetime, access);
    }

    /** What {@code user} may do on {@code repository}: "pull,push", "pull" or "" . */
    boolean allows(String user, String repository, String action) {
        Access a = access.get(user);
        if (a == null) {
            return true;
        }
        boolean inPrefix = a.repositoryPrefixes().isEmpty()
                || a.repositoryPrefixes().stream().anyMatch(repository::startsWith);
        return inPrefix && (action.equals("pull") || a.push() && action.equals("push"));
    }

    /**
     * A user's restriction.
     *
     * @param repositoryPrefixes repository name prefixes the user may access (empty: all)
     * @param push whether the user may push (pull is always granted within the prefixes)
     */
    public record Access(List<String> repositoryPrefixes, boolean push) {
        public Access {
            repositoryPrefixes = List.copyOf(repositoryPrefixes);
        }
    }

    @Override
    public String toString() {
        return "AuthConfig[enabled=" + enabled + ", users=" + users.keySet() + ", tokenLifetime=" + tokenLifetime
                + ", access=" + access + "]";
    }
}
