package dev.regbench.fakeregistry.http;

import dev.regbench.fakeregistry.storage.Blob;
import dev.regbench.fakeregistry.storage.Storage;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /v2/<name>/blobs/<digest>}: GET (whole or one {@code Range}, 206), HEAD and DELETE.
 * GET writes a duplicate (or slice) of the stored read-only buffer with a non-blocking send,
 * on the IO thread, so the bytes are never copied through the heap. Blobs are served as
 * stored: no content encoding even when the client accepts gzip. Thread-safe.
 */
final class BlobsHandler {
    private static final String OCTET_STREAM = "application/octet-stream";

    private final Storage storage;

    BlobsHandler(Storage storage) {
        this.storage = storage;
    }

    void get(HttpServerExchange exchange, RequestTarget target, boolean head) {
        Blob blob = find(target);
        HeaderMap headers = exchange.getResponseHeaders();
        headers.put(Headers.CONTENT_TYPE, OCTET_STREAM);
        headers.put(RegistryHeaders.CONTENT_DIGEST, blob.digest());
        headers.put(Headers.ETAG, blob.etag());
        headers.put(Headers.ACCEPT_RANGES, "bytes");
        long size = blob.size();
        String range = exchange.getRequestHeaders().getFirst(Headers.RANGE);
        if (range != null && !head) {
            long[] span = parseRange(range, size);
            if (span == null) {
                headers.put(Headers.CONTENT_RANGE, "bytes */" + size);
                throw OciError.of(ErrorCode.UNSUPPORTED, "range '" + range + "' cannot be satisfied for blob "
                        + blob.digest() + " of " + size + " bytes").withStatus(416).exception();
            }
            if (span.length == 2) {
                long start = span[0];
                long end = span[1];
                exchange.setStatusCode(206);
                headers.put(Headers.CONTENT_RANGE, "bytes " + start + "-" + end + "/" + size);
                headers.put(Headers.CONTENT_LENGTH, end - start + 1);
                ByteBuffer slice = blob.content();
                slice.position((int) start).limit((int) end + 1);
                exchange.getResponseSender().send(slice);
                return;
            }
        }
        headers.put(Headers.CONTENT_LENGTH, size);
        if (head) {
            exchange.endExchange();
        } else {
            exchange.getResponseSender().send(blob.content());
        }
    }

    void delete(HttpServerExchange exchange, RequestTarget target) {
        String digest = Requests.digest(target.reference()).toString();
        if (!storage.unlinkBlob(target.name(), digest)) {
            throw OciError.of(ErrorCode.BLOB_UNKNOWN, "blob " + digest + " is not in repository " + target.name())
                    .withDetail(Map.of("digest", digest)).exception();
        }
        exchange.setStatusCode(202);
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, 0);
        exchange.endExchange();
    }

    private Blob find(RequestTarget target) {
        String digest = Requests.digest(target.reference()).toString();
        Optional<Blob> blob = storage.blob(target.name(), digest);
        if (blob.isEmpty()) {
            throw OciError.of(ErrorCode.BLOB_UNKNOWN, "blob " + digest + " is not in repository " + target.name())
                    .withDetail(Map.of("digest", digest)).exception();
        }
        return blob.get();
    }

    /**
     * Parses a single {@code bytes=a-b}, {@code bytes=a-} or {@code bytes=-n} range.
     *
     * @return {start, end} inclusive; an empty array to ignore the header (several ranges or
     *         another unit: serve the whole blob); null when unsatisfiable or malformed
     */
    static long[] parseRange(String header, long size) {
        String value = header.trim();
        if (!value.startsWith("bytes=")) {
            return new long[0];
        }
        String spec = value.substring("bytes=".length()).trim();
        if (spec.indexOf(',') >= 0) {
            return new long[0];
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            String first = spec.substring(0, dash).trim();
            String second = spec.substring(dash + 1).trim();
            long start;
            long end;
            if (first.isEmpty()) {
                long suffix = Long.parseLong(second);
                if (suffix <= 0) {
                    return null;
                }
                start = Math.max(0, size - suffix);
                end = size - 1;
            } else {
                start = Long.parseLong(first);
                end = second.isEmpty() ? size - 1 : Math.min(Long.parseLong(second), size - 1);
            }
            if (start < 0 || start >= size || end < start) {
                return null;
            }
            return new long[] {start, end};
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
