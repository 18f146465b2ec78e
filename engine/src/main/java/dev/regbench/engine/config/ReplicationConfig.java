package dev.regbench.engine.config;

import static dev.regbench.engine.config.Checks.atLeast;
import static dev.regbench.engine.config.Checks.present;
import static dev.regbench.engine.config.Checks.sizeAtLeast;

/**
 * What the replicator does in parallel and what it may skip. Immutable. Defaults
 * ({@link #DEFAULT}):
 * <ul>
 *   <li>{@code tagConcurrency: 5} — seed 000's {@code maxConcurrentTags = 5} (claim C1).</li>
 *   <li>{@code blobConcurrency: 8} — blobs in flight across all tags; a tag has 1–10 layers, so
 *       8 keeps several tags' layers moving without exceeding {@code transport.maxPerHost}.</li>
 *   <li>{@code skipExisting: true} — {@code HEAD} each blob at the destination first and skip it
 *       when present, as every registry client (go-containerregistry, skopeo) does.</li>
 *   <li>{@code skipMatchingManifests: true} — {@code HEAD} the tag at the destination and skip the
 *       whole tag when its digest already matches: a no-op re-sync touches no blob.</li>
 *   <li>{@code crossRepoMount: true} — ask the destination to mount a blob it already holds in
 *       another repository instead of uploading it again.</li>
 *   <li>{@code uploadMode: MONOLITHIC} — one {@code PUT} per blob: fewest requests; chunked is for
 *       registries with request-size limits.</li>
 *   <li>{@code chunkSize: 16MiB} — only for {@code CHUNKED}; above the 5 MiB minimum some
 *       registries impose, small enough to retry a chunk cheaply.</li>
 *   <li>{@code verifyDigests: true} — hash every blob while streaming it; a mismatch aborts the
 *       image. Off only to measure the cost of hashing.</li>
 * </ul>
 */
public record ReplicationConfig(
        int tagConcurrency,
        int blobConcurrency,
        boolean skipExisting,
        boolean skipMatchingManifests,
        boolean crossRepoMount,
        UploadMode uploadMode,
        Size chunkSize,
        boolean verifyDigests) {

    /** How a blob is pushed: one request, or a session of chunk {@code PATCH}es. */
    public enum UploadMode { MONOLITHIC, CHUNKED }

    public static final ReplicationConfig DEFAULT = new ReplicationConfig(
            5, 8, true, true, true, UploadMode.MONOLITHIC, Size.ofMiB(16), true);

    public ReplicationConfig {
        atLeast(tagConcurrency, 1, "replication.tagConcurrency");
        atLeast(blobConcurrency, 1, "replication.blobConcurrency");
        present(uploadMode, "replication.uploadMode");
        sizeAtLeast(chunkSize, 1, "replication.chunkSize");
        if (chunkSize.bytes() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("replication.chunkSize: must be below 2GiB, was " + chunkSize);
        }
    }
}
