package dev.regbench.harness.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regbench.fakeregistry.storage.Blob;
import dev.regbench.fakeregistry.storage.Storage;
import dev.regbench.fakeregistry.storage.StoredManifest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The blobs of the images a run replicates (the selected tags' manifests, walked in the source
 * registry's storage, each blob counted once): their bytes — the logical bytes a run makes
 * present at the destination, on which throughput is measured — and how many of those are
 * already compressed (gzip {@code 1f 8b} or zstd {@code 28 b5 2f fd} magic at the start), the
 * bytes a wire compression (claim C3) could not shrink further. Immutable; thread-safe.
 *
 * @param bytes           unique blob bytes of the selected images
 * @param compressedBytes of which already compressed
 */
record DatasetBlobs(long bytes, long compressedBytes) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Walks {@code manifests} (repository → tag → manifest digest) in {@code storage}. */
    static DatasetBlobs of(Storage storage, Map<String, Map<String, String>> manifests) {
        Set<String> seen = new HashSet<>();
        long[] bytes = new long[2]; // [compressed, total]
        manifests.forEach((repo, tags) -> tags.values().forEach(digest -> visit(storage, repo, digest, seen, bytes)));
        return new DatasetBlobs(bytes[1], bytes[0]);
    }

    /** The share (0..1) of the bytes that start with a gzip or zstd header; NaN when there are none. */
    double compressedShare() {
        return bytes == 0 ? Double.NaN : (double) compressedBytes / bytes;
    }

    private static void visit(Storage storage, String repo, String manifestDigest, Set<String> seen, long[] bytes) {
        Optional<StoredManifest> m = storage.manifest(repo, manifestDigest);
        if (m.isEmpty()) {
            return;
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(m.get().bytes());
        } catch (IOException e) {
            return;
        }
        for (JsonNode child : tree.path("manifests")) {
            visit(storage, repo, child.path("digest").asText(), seen, bytes);
        }
        count(storage, repo, tree.path("config").path("digest").asText(null), seen, bytes);
        for (JsonNode layer : tree.path("layers")) {
            count(storage, repo, layer.path("digest").asText(null), seen, bytes);
        }
    }

    private static void count(Storage storage, String repo, String digest, Set<String> seen, long[] bytes) {
        if (digest == null || !seen.add(digest)) {
            return;
        }
        Optional<Blob> blob = storage.blob(repo, digest);
        if (blob.isEmpty()) {
            return;
        }
        bytes[1] += blob.get().size();
        if (compressed(blob.get().content())) {
            bytes[0] += blob.get().size();
        }
    }

    static boolean compressed(ByteBuffer content) {
        ByteBuffer b = content.duplicate();
        if (b.remaining() >= 2 && (b.get(0) & 0xff) == 0x1f && (b.get(1) & 0xff) == 0x8b) {
            return true;
        }
        return b.remaining() >= 4 && (b.get(0) & 0xff) == 0x28 && (b.get(1) & 0xff) == 0xb5
                && (b.get(2) & 0xff) == 0x2f && (b.get(3) & 0xff) == 0xfd;
    }
}
