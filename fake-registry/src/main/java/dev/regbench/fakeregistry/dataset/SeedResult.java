package dev.regbench.fakeregistry.dataset;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What seeding a dataset stored: for each repository (in generation order) each tag (in
 * order) and the digest of the manifest (or image index) it points at; the number of unique
 * blobs (layers and configs) and their total size in bytes.
 *
 * <p>Immutable; the maps keep their order.
 *
 * @param manifests repository -> tag -> manifest digest ({@code sha256:...})
 * @param blobs unique blobs stored
 * @param blobBytes total bytes of the unique blobs
 */
public record SeedResult(Map<String, Map<String, String>> manifests, int blobs, long blobBytes) {

    public SeedResult {
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        manifests.forEach((repo, tags) -> copy.put(repo, Collections.unmodifiableMap(new LinkedHashMap<>(tags))));
        manifests = Collections.unmodifiableMap(copy);
    }

    /** Nothing seeded. */
    public static SeedResult empty() {
        return new SeedResult(Map.of(), 0, 0);
    }

    /** Number of tags over all repositories. */
    public int tags() {
        return manifests.values().stream().mapToInt(Map::size).sum();
    }
}
