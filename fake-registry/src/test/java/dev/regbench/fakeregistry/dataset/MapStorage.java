package dev.regbench.fakeregistry.dataset;


import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A minimal in-memory {@link SeedTarget} for dataset tests: computes real sha256 digests. Thread-safe. */
final class MapStorage implements SeedTarget {
    final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    final Map<String, Map<String, Boolean>> links = new ConcurrentHashMap<>();
    final Map<String, byte[]> manifests = new ConcurrentHashMap<>();
    final Map<String, String> mediaTypes = new ConcurrentHashMap<>();
    final Map<String, String> tags = new ConcurrentHashMap<>();

    @Override
    public String putBlob(String repository, ByteBuffer content) {
        byte[] bytes = new byte[content.remaining()];
        content.get(bytes);
        String digest = digest(bytes);
        blobs.putIfAbsent(digest, bytes);
        links.computeIfAbsent(repository, r -> new ConcurrentHashMap<>()).put(digest, true);
        return digest;
    }

    @Override
    public String putManifest(String repository, String tag, String mediaType, byte[] content) {
        String digest = digest(content);
        manifests.put(repository + "@" + digest, content.clone());
        mediaTypes.put(repository + "@" + digest, mediaType);
        if (tag != null) {
            tags.put(repository + ":" + tag, digest);
        }
        return digest;
    }

    boolean linked(String repository, String digest) {
        return links.getOrDefault(repository, Map.of()).containsKey(digest);
    }

    static String digest(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
