package dev.regbench.engine.resilience;

import java.io.IOException;

/** One attempt of a registry request, re-run by {@link Resilience} on a temporary failure. */
@FunctionalInterface
public interface IoCall<T> {
    T call() throws IOException;
}
