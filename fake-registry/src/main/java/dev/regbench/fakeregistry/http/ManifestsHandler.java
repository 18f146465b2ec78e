package dev.regbench.fakeregistry.http;

import dev.regbench.fakeregistry.storage.Digest;
import dev.regbench.fakeregistry.storage.ManifestFacts;
import dev.regbench.fakeregistry.storage.MediaTypes;
import dev.regbench.fakeregistry.storage.Storage;
import dev.regbench.fakeregistry.storage.StoredManifest;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /v2/<name>/manifests/<reference>}: GET/HEAD (on the IO thread: a map lookup and a
 * non-blocking send of the stored buffer), PUT (validated: JSON of the declared media type,
 * digest, referenced blobs and manifests present, size limit; a PUT by digest may carry
 * {@code ?tag=} parameters, each set and answered with an {@code OCI-Tag} header, as the
 * distribution-spec's tagging on push says) and DELETE. Thread-safe.
 */
final class ManifestsHandler {
    private final Storage storage;
    private final Limits limits;

    ManifestsHandler(Storage storage, Limits limits) {
        this.storage = storage;
        this.limits = limits;
    }

    void get(HttpServerExchange exchange, RequestTarget target, boolean head) {
        String reference = target.reference();
        checkReference(reference, false);
        Optional<StoredManifest> found = storage.manifest(target.name(), reference);
        if (found.isEmpty()) {
            throw unknown(target);
        }
        StoredManifest manifest = found.get();
        if (!Accepts.allows(exchange.getRequestHeaders().get(Headers.ACCEPT), manifest.mediaType())) {
            throw OciError.of(ErrorCode.MANIFEST_UNKNOWN, "manifest " + target.name() + ":" + reference + " is "
                    + manifest.mediaType() + ", which the request's Accept header does not allow").exception();
        }
        HeaderMap headers = exchange.getResponseHeaders();
        headers.put(Headers.CONTENT_TYPE, manifest.mediaType());
        headers.put(Headers.CONTENT_LENGTH, manifest.contentLength());
        headers.put(RegistryHeaders.CONTENT_DIGEST, manifest.digest());
        headers.put(Headers.ETAG, manifest.etag());
        if (head) {
            exchange.endExchange();
        } else {
            exchange.getResponseSender().send(manifest.content().duplicate());
        }
    }

    /** Blocking: reads the body. */
    void put(HttpServerExchange exchange, RequestTarget target) throws Exception {
        String name = target.name();
        String reference = target.reference();
        checkReference(reference, true);
        byte[] body = Requests.readBody(exchange, limits.maxManifestBytes(), "manifest");
        String contentType = MediaTypes.strip(exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE));
        if (contentType == null || contentType.isEmpty()) {
            throw OciError.of(ErrorCode.MANIFEST_INVALID, "manifest PUT has no Content-Type").exception();
        }
        if (!MediaTypes.isManifest(contentType)) {
            throw OciError.of(ErrorCode.UNSUPPORTED, "manifest media type '" + contentType
                    + "' is not supported (OCI and Docker v2 manifests and indexes are)").withStatus(415).exception();
        }
        ManifestFacts facts;
        try {
            facts = ManifestFacts.parse(contentType, body);
        } catch (ManifestFacts.InvalidManifestException e) {
            throw OciError.of(ErrorCode.MANIFEST_INVALID, e.getMessage()).exception();
        }
        String digest;
        String tag = null;
        java.util.List<String> extraTags = java.util.List.of();
        if (reference.indexOf(':') >= 0) {
            // distribution-spec: a PUT by digest may name tags with ?tag= (all or none are set)
            extraTags = Requests.queryAll(exchange, "tag").stream().distinct().toList();
            for (String t : extraTags) {
                if (!Names.isValidTag(t)) {
                    throw OciError.of(ErrorCode.MANIFEST_INVALID, "?tag='" + t
                            + "' is not a tag ([a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}); nothing was stored").exception();
                }
            }
            Digest expected = Requests.digest(reference);
            Digest actual = expected.computeOver(java.nio.ByteBuffer.wrap(body));
            if (!actual.equals(expected)) {
                throw OciError.of(ErrorCode.DIGEST_INVALID, "manifest bytes have digest " + actual
                        + ", not " + expected).withDetail(Map.of("expected", expected.toString(),
                        "actual", actual.toString())).exception();
            }
            digest = expected.toString();
        } else {
            tag = reference;
            digest = Digest.sha256(body).toString();
        }
        for (String blob : facts.blobs()) {
            if (storage.blob(name, blob).isEmpty()) {
                throw OciError.of(ErrorCode.MANIFEST_BLOB_UNKNOWN, "manifest references blob " + blob
                        + ", which repository " + name + " does not hold").withDetail(Map.of("digest", blob)).exception();
            }
        }
        for (String child : facts.manifests()) {
            if (storage.manifest(name, child).isEmpty()) {
                throw OciError.of(ErrorCode.MANIFEST_BLOB_UNKNOWN, "index references manifest " + child
                        + ", which repository " + name + " does not hold").withDetail(Map.of("digest", child)).exception();
            }
        }
        storage.putManifest(name, tag, digest, contentType, body, facts);
        for (String t : extraTags) {
            storage.putManifest(name, t, digest, contentType, body, facts);
        }
        exchange.setStatusCode(201);
        HeaderMap headers = exchange.getResponseHeaders();
        for (String t : extraTags) {
            headers.add(RegistryHeaders.OCI_TAG, t);
        }
        headers.put(Headers.LOCATION, "/v2/" + name + "/manifests/" + digest);
        headers.put(RegistryHeaders.CONTENT_DIGEST, digest);
        if (facts.subject() != null) {
            headers.put(RegistryHeaders.OCI_SUBJECT, facts.subject());
        }
        headers.put(Headers.CONTENT_LENGTH, 0);
        exchange.endExchange();
    }

    void delete(HttpServerExchange exchange, RequestTarget target) {
        checkReference(target.reference(), false);
        if (!storage.deleteManifest(target.name(), target.reference())) {
            throw unknown(target);
        }
        exchange.setStatusCode(202);
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, 0);
        exchange.endExchange();
    }

    private OciException unknown(RequestTarget target) {
        if (!storage.repositoryExists(target.name())) {
            return OciError.of(ErrorCode.NAME_UNKNOWN, "repository " + target.name() + " is not known")
                    .withDetail(Map.of("name", target.name())).exception();
        }
        return OciError.of(ErrorCode.MANIFEST_UNKNOWN, "manifest " + target.name() + ":" + target.reference()
                + " is not known").exception();
    }

    private static void checkReference(String reference, boolean forPut) {
        if (reference.indexOf(':') >= 0) {
            Requests.digest(reference);
        } else if (!Names.isValidTag(reference)) {
            OciError error = OciError.of(forPut ? ErrorCode.MANIFEST_INVALID : ErrorCode.MANIFEST_UNKNOWN,
                    "'" + reference + "' is neither a tag ([a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}) nor a digest");
            throw error.exception();
        }
    }
}
