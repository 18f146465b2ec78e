package dev.regbench.engine.registry;

import java.util.List;

/**
 * The token scopes an operation needs, as in the distribution token spec:
 * {@code repository:team/app:pull}, {@code repository:team/app:pull,push}, {@code registry:catalog:*}.
 * Immutable.
 */
record Scope(List<String> values) {
    static final Scope NONE = new Scope(List.of());

    Scope {
        values = List.copyOf(values);
    }

    static Scope pull(String repository) {
        return new Scope(List.of("repository:" + repository + ":pull"));
    }

    static Scope push(String repository) {
        return new Scope(List.of("repository:" + repository + ":pull,push"));
    }

    /** Push to {@code repository} and pull from {@code from} (cross-repository mount). */
    static Scope mount(String repository, String from) {
        return new Scope(List.of("repository:" + repository + ":pull,push", "repository:" + from + ":pull"));
    }

    static Scope catalog() {
        return new Scope(List.of("registry:catalog:*"));
    }

    /** Cache key part. */
    String key() {
        return String.join(" ", values);
    }
}
