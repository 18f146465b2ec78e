package dev.regbench.fakeregistry.storage;

import java.nio.ByteBuffer;

/**
 * A manifest as stored: its exact bytes (a read-only direct buffer; serve
 * {@code content().duplicate()}), digest, media type and parsed facts. Header values are
 * precomputed so that serving a manifest allocates nothing but the buffer duplicate. Immutable.
 *
 * @param digest        {@code sha256:<hex>} of the bytes (or the algorithm the client pushed with)
 * @param mediaType     the media type it was pushed with
 * @param content       read-only buffer over the exact bytes
 * @param contentLength {@code String.valueOf(size)}, for the header
 * @param etag          quoted digest, for the {@code ETag} header
 * @param facts         references, subject, artifact type, annotations
 */
public record StoredManifest(String digest, String mediaType, ByteBuffer content, String contentLength,
                             String etag, ManifestFacts facts) {

    static StoredManifest of(String digest, String mediaType, byte[] bytes, ManifestFacts facts) {
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length);
        direct.put(bytes).flip();
        return new StoredManifest(digest, mediaType, direct.asReadOnlyBuffer(), Integer.toString(bytes.length),
                "\"" + digest + "\"", facts);
    }

    /** Size in bytes. */
    public int size() {
        return content.remaining();
    }

    /** A copy of the bytes (for tests and tools, not for serving). */
    public byte[] bytes() {
        byte[] copy = new byte[content.remaining()];
        content.duplicate().get(copy);
        return copy;
    }
}
