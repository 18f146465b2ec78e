package dev.regbench.engine.registry;

import java.net.URI;
import java.time.Duration;

/** The fields every operation has; subclasses say what the response means. Immutable. */
abstract class BaseOperation<T> implements RegistryOperation<T> {
    private final String description;
    private final String statsName;
    private final String method;
    private final URI uri;
    private final Scope scope;
    private final Duration deadline;

    BaseOperation(String description, String statsName, String method, URI uri, Scope scope, Duration deadline) {
        this.description = description;
        this.statsName = statsName;
        this.method = method;
        this.uri = uri;
        this.scope = scope;
        this.deadline = deadline;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String statsName() {
        return statsName;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public URI uri() {
        return uri;
    }

    @Override
    public Scope scope() {
        return scope;
    }

    @Override
    public Duration deadline() {
        return deadline;
    }
}
