package dev.regbench.engine.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A manifest or index exactly as the registry served it: the bytes are kept as received (pushing
 * them back keeps the digest), and the descriptors are parsed from them. Immutable (the byte
 * array is not copied: do not modify it).
 *
 * @param mediaType from the body's {@code mediaType} or the {@code Content-Type}
 * @param digest    sha256 of {@code bytes}
 * @param bytes     the exact body
 */
public record Manifest(String mediaType, String digest, byte[] bytes) {

    /** Parses {@code bytes} enough to know its type; the digest is computed here. */
    public static Manifest of(byte[] bytes, String contentType) throws IOException {
        JsonNode root = JsonTree.read(bytes);
        String type = root.path("mediaType").asText("");
        if (type.isEmpty()) {
            type = contentType == null ? "" : contentType.split(";")[0].trim();
        }
        if (type.isEmpty()) {
            type = root.has("manifests") ? MediaTypes.OCI_INDEX : MediaTypes.OCI_MANIFEST;
        }
        return new Manifest(type, Digests.of(bytes), bytes);
    }

    public boolean isIndex() {
        return MediaTypes.INDEXES.contains(mediaType);
    }

    /** Index: the child manifests; image: empty. */
    public List<Descriptor> children() throws IOException {
        return isIndex() ? descriptors(JsonTree.read(bytes).path("manifests")) : List.of();
    }

    /** Image: config then layers (what must exist before the manifest is pushed); index: empty. */
    public List<Descriptor> blobs() throws IOException {
        if (isIndex()) {
            return List.of();
        }
        JsonNode root = JsonTree.read(bytes);
        List<Descriptor> out = new ArrayList<>();
        if (root.has("config")) {
            out.add(descriptor(root.get("config")));
        }
        out.addAll(descriptors(root.path("layers")));
        return out;
    }

    private static List<Descriptor> descriptors(JsonNode array) throws IOException {
        List<Descriptor> out = new ArrayList<>();
        for (JsonNode node : array) {
            out.add(descriptor(node));
        }
        return out;
    }

    private static Descriptor descriptor(JsonNode node) throws IOException {
        String digest = node.path("digest").asText("");
        if (!digest.startsWith("sha256:")) {
            throw new IOException("manifest descriptor without a sha256 digest: " + node);
        }
        return new Descriptor(node.path("mediaType").asText(""), digest, node.path("size").asLong(-1));
    }

    @Override
    public String toString() {
        return "Manifest[" + mediaType + " " + digest + " " + bytes.length + " bytes]";
    }
}
