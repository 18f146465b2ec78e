package dev.regbench.fakeregistry.http;

import dev.regbench.fakeregistry.storage.Blob;
import dev.regbench.fakeregistry.storage.ChunkLengthMismatchException;
import dev.regbench.fakeregistry.storage.Digest;
import dev.regbench.fakeregistry.storage.DigestMismatchException;
import dev.regbench.fakeregistry.storage.Storage;
import dev.regbench.fakeregistry.storage.Upload;
import dev.regbench.fakeregistry.storage.UploadTooLargeException;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import java.io.IOException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /v2/<name>/blobs/uploads/[<id>]}: POST (new session, monolithic {@code ?digest=},
 * cross-repository {@code ?mount=&from=}), PATCH (chunk, with or without
 * {@code Content-Range}), PUT (close with {@code ?digest=}, optional last chunk), GET (status)
 * and DELETE (cancel). Bodies are read in blocking mode on a worker thread. Every blob is
 * digest-verified before it becomes visible; a failed chunk leaves the session as it was.
 * Thread-safe.
 */
final class UploadsHandler {
    /** {@code start-end}, optionally with a {@code bytes } / {@code bytes=} prefix and a {@code /total} suffix. */
    private static final Pattern CONTENT_RANGE = Pattern.compile("(?:bytes[ =])?\\s*([0-9]+)-([0-9]+)(?:/(?:[0-9]+|\\*))?");

    private final Storage storage;
    private final Limits limits;

    UploadsHandler(Storage storage, Limits limits) {
        this.storage = storage;
        this.limits = limits;
    }

    void post(HttpServerExchange exchange, RequestTarget target) throws IOException {
        String name = target.name();
        String mount = Requests.query(exchange, "mount");
        if (mount != null) {
            Digest digest = Requests.digest(mount);
            String from = Requests.query(exchange, "from");
            if (from != null) {
                Names.requireValidName(from);
                if (storage.mountBlob(from, name, digest.toString())) {
                    created(exchange, name, digest.toString());
                    return;
                }
            }
        }
        String digestParam = Requests.query(exchange, "digest");
        if (digestParam != null && mount == null) {
            Digest digest = Requests.digest(digestParam);
            Upload upload = storage.startUpload(name);
            try {
                append(exchange, upload, -1);
                commit(exchange, upload, digest);
            } finally {
                storage.cancelUpload(name, upload.id());
            }
            return;
        }
        Upload upload = storage.startUpload(name);
        exchange.setStatusCode(202);
        sessionHeaders(exchange, upload);
        exchange.endExchange();
    }

    void patch(HttpServerExchange exchange, RequestTarget target) throws IOException {
        Upload upload = find(target);
        long expected = chunkLength(exchange, upload);
        append(exchange, upload, expected);
        exchange.setStatusCode(202);
        sessionHeaders(exchange, upload);
        exchange.endExchange();
    }

    void put(HttpServerExchange exchange, RequestTarget target) throws IOException {
        Upload upload = find(target);
        String digestParam = Requests.query(exchange, "digest");
        if (digestParam == null) {
            throw OciError.of(ErrorCode.DIGEST_INVALID, "closing PUT of upload " + upload.id()
                    + " has no ?digest= parameter").exception();
        }
        Digest digest = Requests.digest(digestParam);
        long expected = chunkLength(exchange, upload);
        append(exchange, upload, expected);
        commit(exchange, upload, digest);
    }

    void status(HttpServerExchange exchange, RequestTarget target) {
        Upload upload = find(target);
        exchange.setStatusCode(204);
        sessionHeaders(exchange, upload);
        exchange.endExchange();
    }

    void cancel(HttpServerExchange exchange, RequestTarget target) {
        if (target.reference() == null || !storage.cancelUpload(target.name(), target.reference())) {
            throw unknownUpload(target);
        }
        exchange.setStatusCode(204);
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, 0);
        exchange.endExchange();
    }

    private Upload find(RequestTarget target) {
        if (target.reference() == null) {
            throw unknownUpload(target);
        }
        return storage.upload(target.name(), target.reference()).orElseThrow(() -> unknownUpload(target));
    }

    private static OciException unknownUpload(RequestTarget target) {
        return OciError.of(ErrorCode.BLOB_UPLOAD_UNKNOWN, "upload " + target.reference() + " is not open in repository "
                + target.name()).withDetail(Map.of("upload", String.valueOf(target.reference()))).exception();
    }

    /** The exact length the chunk must have from {@code Content-Range} (checked against the session), or -1. */
    private long chunkLength(HttpServerExchange exchange, Upload upload) {
        String range = exchange.getRequestHeaders().getFirst(Headers.CONTENT_RANGE);
        if (range == null || range.isBlank()) {
            return -1;
        }
        Matcher m = CONTENT_RANGE.matcher(range.trim());
        if (!m.matches()) {
            throw OciError.of(ErrorCode.BLOB_UPLOAD_INVALID, "Content-Range '" + range
                    + "' is not <start>-<end>").exception();
        }
        long start;
        long end;
        try {
            start = Long.parseLong(m.group(1));
            end = Long.parseLong(m.group(2));
        } catch (NumberFormatException e) {
            throw OciError.of(ErrorCode.BLOB_UPLOAD_INVALID, "Content-Range '" + range + "' is out of range").exception();
        }
        long size = upload.size();
        if (start != size || end < start) {
            exchange.getResponseHeaders().put(RegistryHeaders.RANGE, rangeValue(size));
            exchange.getResponseHeaders().put(Headers.LOCATION, location(exchange, upload));
            throw OciError.of(ErrorCode.BLOB_UPLOAD_INVALID, "Content-Range '" + range + "' does not continue upload "
                    + upload.id() + " at offset " + size).withStatus(416).exception();
        }
        long length = end - start + 1;
        long declared = Requests.declaredLength(exchange);
        if (declared >= 0 && declared != length) {
            throw OciError.of(ErrorCode.SIZE_INVALID, "Content-Length " + declared + " does not match Content-Range '"
                    + range + "' (" + length + " bytes)").exception();
        }
        return length;
    }

    private void append(HttpServerExchange exchange, Upload upload, long expected) {
        long declared = Requests.declaredLength(exchange);
        if (declared >= 0 && upload.size() + declared > limits.maxUploadBytes()) {
            throw Requests.tooLarge(exchange, "upload " + upload.id(), limits.maxUploadBytes());
        }
        try {
            upload.append(exchange.getInputStream(), limits.maxUploadBytes(), expected, expected >= 0 ? expected : declared);
        } catch (UploadTooLargeException e) {
            throw Requests.tooLarge(exchange, "upload " + upload.id(), limits.maxUploadBytes());
        } catch (ChunkLengthMismatchException e) {
            throw OciError.of(ErrorCode.SIZE_INVALID, "upload " + upload.id() + ": " + e.getMessage()).exception();
        } catch (IOException e) {
            exchange.setPersistent(false);
            throw OciError.of(ErrorCode.BLOB_UPLOAD_INVALID, "upload " + upload.id() + ": the body could not be read ("
                    + e.getMessage() + "); the chunk was discarded").exception();
        }
    }

    private void commit(HttpServerExchange exchange, Upload upload, Digest digest) throws IOException {
        Blob blob;
        try {
            blob = storage.commitUpload(upload, digest);
        } catch (DigestMismatchException e) {
            throw OciError.of(ErrorCode.DIGEST_INVALID, e.getMessage() + "; nothing was stored")
                    .withDetail(Map.of("expected", e.expected(), "actual", e.actual())).exception();
        } catch (UploadTooLargeException e) {
            throw Requests.tooLarge(exchange, "upload " + upload.id(), e.limit());
        }
        created(exchange, upload.repository(), blob.digest());
    }

    private static void created(HttpServerExchange exchange, String name, String digest) {
        exchange.setStatusCode(201);
        HeaderMap headers = exchange.getResponseHeaders();
        headers.put(Headers.LOCATION, Requests.base(exchange) + "/v2/" + name + "/blobs/" + digest);
        headers.put(RegistryHeaders.CONTENT_DIGEST, digest);
        headers.put(Headers.CONTENT_LENGTH, 0);
        exchange.endExchange();
    }

    private static void sessionHeaders(HttpServerExchange exchange, Upload upload) {
        HeaderMap headers = exchange.getResponseHeaders();
        headers.put(Headers.LOCATION, location(exchange, upload));
        headers.put(RegistryHeaders.UPLOAD_UUID, upload.id());
        headers.put(RegistryHeaders.RANGE, rangeValue(upload.size()));
        headers.put(Headers.CONTENT_LENGTH, 0);
    }

    private static String location(HttpServerExchange exchange, Upload upload) {
        return Requests.base(exchange) + "/v2/" + upload.repository() + "/blobs/uploads/" + upload.id();
    }

    /** {@code 0-<last byte>}; {@code 0-0} for an empty upload, as CNCF distribution answers. */
    private static String rangeValue(long size) {
        return "0-" + Math.max(0, size - 1);
    }
}
