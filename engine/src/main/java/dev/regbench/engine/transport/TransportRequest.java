package dev.regbench.engine.transport;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request as the registry client builds it. Immutable.
 *
 * @param method  {@code GET}, {@code HEAD}, {@code PUT}, ...
 * @param uri     absolute URI
 * @param headers header name to value (one value each; join several with {@code ", "})
 * @param body    the body, or {@code null} for none
 * @param timeout  how long to wait for the response head and, with the Apache kind, for each read
 *                 of the body (a stall detector); {@code null} = the transport's response timeout
 * @param deadline the whole exchange, request start to the last body byte ({@code timeouts.*});
 *                 {@code null} or zero = none. When it passes the exchange is aborted and the
 *                 caller sees a {@link java.net.SocketTimeoutException} naming it.
 */
public record TransportRequest(String method, URI uri, Map<String, String> headers, RequestBody body,
                               Duration timeout, Duration deadline) {

    public TransportRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        headers = Map.copyOf(headers == null ? Map.of() : headers);
    }

    /** A request without body and with the default timeout. */
    public static TransportRequest of(String method, URI uri) {
        return new TransportRequest(method, uri, Map.of(), null, null, null);
    }

    /** A copy with {@code name: value} added (replacing an earlier value of the same name). */
    public TransportRequest withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.keySet().removeIf(k -> k.equalsIgnoreCase(name));
        copy.put(name, value);
        return new TransportRequest(method, uri, copy, body, timeout, deadline);
    }

    /** A copy without the header {@code name}. */
    public TransportRequest withoutHeader(String name) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.keySet().removeIf(k -> k.equalsIgnoreCase(name));
        return new TransportRequest(method, uri, copy, body, timeout, deadline);
    }

    public TransportRequest withUri(URI newUri) {
        return new TransportRequest(method, newUri, headers, body, timeout, deadline);
    }

    public TransportRequest withBody(RequestBody newBody) {
        return new TransportRequest(method, uri, headers, newBody, timeout, deadline);
    }

    public TransportRequest withTimeout(Duration newTimeout) {
        return new TransportRequest(method, uri, headers, body, newTimeout, deadline);
    }

    public TransportRequest withDeadline(Duration newDeadline) {
        return new TransportRequest(method, uri, headers, body, timeout, newDeadline);
    }

    /** The value of header {@code name}, case-insensitive, or null. */
    public String header(String name) {
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** Never prints header values (they may hold credentials). */
    @Override
    public String toString() {
        return method + " " + uri;
    }
}
