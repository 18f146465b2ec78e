package dev.regbench.fakeregistry.storage;

import java.io.Closeable;
import java.nio.ByteBuffer;

/**
 * Where the fake registry keeps blobs and manifests.
 *
 * <p>Blobs are content-addressed and shared across repositories by digest; each repository
 * holds links to the blobs it may serve, as real registries do. Manifests are stored byte for
 * byte: the digest of what was pushed is what is served.
 *
 * <p>Implementations are thread-safe. The two seeding methods below are the contract the
 * dataset generator ({@code dataset} package) relies on; the HTTP handlers use the rest.
 */
public interface Storage extends Closeable {

    /**
     * Stores {@code content} as a blob (digest {@code sha256} computed here) and links it into
     * {@code repository}. Idempotent: storing the same bytes again only adds the link.
     *
     * @return the digest, {@code sha256:<hex>}
     */
    String putBlob(String repository, ByteBuffer content);

    /**
     * Stores manifest bytes exactly as given under their sha256 digest in {@code repository},
     * and points {@code tag} at it when {@code tag} is not null.
     *
     * @return the manifest's digest, {@code sha256:<hex>}
     */
    String putManifest(String repository, String tag, String mediaType, byte[] content);
}
