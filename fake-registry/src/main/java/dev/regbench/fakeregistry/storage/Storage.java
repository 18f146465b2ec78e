package dev.regbench.fakeregistry.storage;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where the fake registry keeps blobs and manifests.
 *
 * <p>Blobs are content-addressed and shared across repositories by digest; each repository
 * holds links to the blobs it may serve, as real registries do. Manifests are stored byte for
 * byte: the digest of what was pushed is what is served.
 *
 * <p>Implementations are thread-safe. The two seeding methods below are the contract the
 * dataset generator ({@code dataset} package) relies on; the HTTP handlers use the rest.
 * Repository names, tags and digests given to these methods are assumed valid (the HTTP layer
 * validates them).
 */
public interface Storage extends Closeable {

    /** A new empty in-memory storage (blobs in direct buffers). */
    static Storage inMemory() {
        return new IndexedStorage(new MemoryBlobStore(), Journal.NONE);
    }

    /**
     * A storage under {@code dir} (created if missing): blobs as files, repositories and tags as
     * small link files, like CNCF distribution's filesystem driver. Content already in
     * {@code dir} is served again.
     */
    static Storage onDisk(Path dir) throws IOException {
        return DiskJournal.open(dir);
    }

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

    /**
     * Stores a manifest under {@code digest} (already verified against {@code content}) with
     * already-parsed {@code facts}, and points {@code tag} at it when not null.
     */
    StoredManifest putManifest(String repository, String tag, String digest, String mediaType, byte[] content,
                               ManifestFacts facts);

    /** The blob {@code digest} if it is linked into {@code repository}. */
    Optional<Blob> blob(String repository, String digest);

    /** Whether any repository holds blob {@code digest}. */
    boolean blobExists(String digest);

    /** Links blob {@code digest} from {@code from} into {@code to}; false when {@code from} does not hold it. */
    boolean mountBlob(String from, String to, String digest);

    /** Removes the link of {@code digest} from {@code repository}; false when there was none. */
    boolean unlinkBlob(String repository, String digest);

    /** The manifest for a tag or a digest in {@code repository}. */
    Optional<StoredManifest> manifest(String repository, String reference);

    /**
     * Deletes by digest (the manifest and every tag pointing at it) or by tag (only the tag).
     *
     * @return false when nothing matched
     */
    boolean deleteManifest(String repository, String reference);

    /** Whether the repository holds any manifest, tag or blob link. */
    boolean repositoryExists(String repository);

    /** Repository names in lexical order. */
    List<String> repositories();

    /** Tags of {@code repository} in lexical order (empty when none or unknown). */
    List<String> tags(String repository);

    /** Manifests of {@code repository} whose {@code subject} is {@code digest}. */
    List<StoredManifest> referrers(String repository, String digest);

    /** Opens an upload session into {@code repository}. */
    Upload startUpload(String repository) throws IOException;

    /** The open session {@code id} of {@code repository}. */
    Optional<Upload> upload(String repository, String id);

    /** Cancels a session; false when unknown. */
    boolean cancelUpload(String repository, String id);

    /**
     * Verifies the staged bytes against {@code digest} and, when they match, stores them as a
     * blob linked into the upload's repository. The session ends either way: on mismatch
     * nothing is stored.
     */
    Blob commitUpload(Upload upload, Digest digest) throws DigestMismatchException, IOException;

    /**
     * What reopening a disk storage skipped or removed, one line each naming the file (an
     * incomplete or corrupted entry, a leftover of an interrupted write); empty otherwise.
     */
    default List<String> recoveryProblems() {
        return List.of();
    }

    /** Counts for tests and diagnostics. */
    Counts counts();

    /** Sizes of the storage at one moment. */
    record Counts(int repositories, int manifests, int blobs, int uploads) {
    }
}
