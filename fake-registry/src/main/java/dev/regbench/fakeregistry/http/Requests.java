package dev.regbench.fakeregistry.http;

import dev.regbench.fakeregistry.storage.Digest;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Deque;

/** Small request helpers shared by the handlers. Stateless. */
final class Requests {
    /** Bodies left unread beyond this size are not drained: the connection is closed instead. */
    private static final long MAX_DRAIN = 1024 * 1024;

    private Requests() {
    }

    /** The first value of query parameter {@code name}, or null. */
    static String query(HttpServerExchange exchange, String name) {
        Deque<String> values = exchange.getQueryParameters().get(name);
        return values == null || values.isEmpty() ? null : values.peekFirst();
    }

    /** Parses a digest or throws DIGEST_INVALID naming it. */
    static Digest digest(String text) {
        try {
            return Digest.parse(text);
        } catch (Digest.InvalidDigestException e) {
            throw OciError.of(ErrorCode.DIGEST_INVALID, e.getMessage()).withDetail(
                    java.util.Map.of("digest", String.valueOf(text))).exception();
        }
    }

    /** {@code scheme://host:port} as the client addressed us, for absolute {@code Location}s. */
    static String base(HttpServerExchange exchange) {
        return exchange.getRequestScheme() + "://" + exchange.getHostAndPort();
    }

    /**
     * Reads the whole body, at most {@code limit} bytes; more is SIZE_INVALID with 413. Call
     * only in blocking mode.
     */
    static byte[] readBody(HttpServerExchange exchange, long limit, String what) throws IOException {
        long declared = exchange.getRequestContentLength();
        if (declared > limit) {
            throw tooLarge(exchange, what, limit);
        }
        InputStream in = exchange.getInputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 1024);
        byte[] buffer = new byte[16 * 1024];
        int n;
        try {
            while ((n = in.read(buffer)) >= 0) {
                if (out.size() + n > limit) {
                    throw tooLarge(exchange, what, limit);
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // the client ended (or stalled past the read timeout) before the declared length arrived
            exchange.setPersistent(false);
            throw OciError.of(ErrorCode.SIZE_INVALID, what + " body ended after " + out.size() + " bytes"
                    + (declared >= 0 ? " of the " + declared + " its Content-Length declares" : "")
                    + " (" + e.getMessage() + ")").exception();
        }
        if (declared >= 0 && out.size() != declared) {
            throw OciError.of(ErrorCode.SIZE_INVALID, what + " body has " + out.size() + " bytes, not the "
                    + declared + " its Content-Length declares").exception();
        }
        return out.toByteArray();
    }

    /** SIZE_INVALID / 413 for a body over {@code limit}; closes the connection when much is left unread. */
    static OciException tooLarge(HttpServerExchange exchange, String what, long limit) {
        long declared = exchange.getRequestContentLength();
        if (declared < 0 || declared > MAX_DRAIN) {
            exchange.setPersistent(false);
        }
        return OciError.of(ErrorCode.SIZE_INVALID, what + " exceeds the limit of " + limit + " bytes")
                .withStatus(413).withDetail(java.util.Map.of("limit", limit)).exception();
    }

    /** Every value of query parameter {@code name}, in order (empty when none). */
    static java.util.List<String> queryAll(HttpServerExchange exchange, String name) {
        Deque<String> values = exchange.getQueryParameters().get(name);
        return values == null ? java.util.List.of() : java.util.List.copyOf(values);
    }

    /** Content-Length of the request as declared, or -1. */
    static long declaredLength(HttpServerExchange exchange) {
        String value = exchange.getRequestHeaders().getFirst(Headers.CONTENT_LENGTH);
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
