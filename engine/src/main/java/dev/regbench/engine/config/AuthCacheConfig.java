package dev.regbench.engine.config;

import static dev.regbench.engine.config.Durations.requireNonNegative;

import java.time.Duration;

/**
 * Registry token caching. Immutable. Defaults ({@link #DEFAULT}):
 * <ul>
 *   <li>{@code cacheTokens: true} — a bearer token is reused per registry and scope until shortly
 *       before it expires (seed 001's auth cache, claim C11); {@code false} fetches a token for
 *       every operation.</li>
 *   <li>{@code refreshBeforeExpiry: 30s} — a token is dropped 30 s before its {@code expires_in}
 *       runs out, so a request never leaves with a token that expires in flight (registries'
 *       tokens usually live 5 min; 30 s is 10%).</li>
 * </ul>
 */
public record AuthCacheConfig(boolean cacheTokens, @ConfigDuration Duration refreshBeforeExpiry) {

    public static final AuthCacheConfig DEFAULT = new AuthCacheConfig(true, Duration.ofSeconds(30));

    public AuthCacheConfig {
        requireNonNegative(refreshBeforeExpiry, "auth.refreshBeforeExpiry");
    }
}
