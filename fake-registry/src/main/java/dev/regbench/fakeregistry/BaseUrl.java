package dev.regbench.fakeregistry;

import java.util.function.Supplier;

/**
 * The registry's own base URL, known only once the port is bound; handed to the token service
 * as the realm's base before start. Thread-safe (volatile port).
 */
final class BaseUrl implements Supplier<String> {
    private final String scheme;
    private volatile int port;

    BaseUrl(String scheme) {
        this.scheme = scheme;
    }

    void setPort(int port) {
        this.port = port;
    }

    @Override
    public String get() {
        return scheme + "://127.0.0.1:" + port;
    }
}
