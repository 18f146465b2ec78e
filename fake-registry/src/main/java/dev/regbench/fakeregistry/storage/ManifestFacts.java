package dev.regbench.fakeregistry.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the registry needs to know about a manifest body: the blobs and child manifests it
 * references, its {@code subject} and artifact type (for the referrers API) and annotations.
 * Parsed once with Jackson when the manifest is stored. Immutable.
 *
 * @param mediaType      the {@code mediaType} field, or null when absent
 * @param blobs          config and layer digests (image manifests), in document order
 * @param manifests      child manifest digests (indexes)
 * @param foreignBlobs   layer digests that carry {@code urls} (non-distributable, not checked)
 * @param subject        the {@code subject.digest}, or null
 * @param artifactType   {@code artifactType}, else the config media type for image manifests, else null
 * @param annotations    the manifest's annotations (empty when none)
 */
public record ManifestFacts(String mediaType, List<String> blobs, List<String> manifests,
                            List<String> foreignBlobs, String subject, String artifactType,
                            Map<String, String> annotations) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Thrown when a manifest body is not a JSON object of the expected shape. */
    public static final class InvalidManifestException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        InvalidManifestException(String message) {
            super(message);
        }
    }

    /**
     * Parses {@code content} as a manifest of {@code declaredType}.
     *
     * @throws InvalidManifestException naming what is wrong (not JSON, missing field, bad digest)
     */
    public static ManifestFacts parse(String declaredType, byte[] content) {
        JsonNode root;
        try {
            root = JSON.readTree(content);
        } catch (JsonProcessingException e) {
            throw new InvalidManifestException("manifest is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidManifestException("manifest is not readable JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidManifestException("manifest must be a JSON object");
        }
        JsonNode schemaVersion = root.get("schemaVersion");
        if (schemaVersion == null || schemaVersion.asInt(-1) != 2) {
            throw new InvalidManifestException("manifest schemaVersion must be 2");
        }
        String mediaType = text(root, "mediaType");
        if (mediaType != null && declaredType != null && !mediaType.equals(declaredType)) {
            throw new InvalidManifestException("manifest mediaType '" + mediaType
                    + "' does not match Content-Type '" + declaredType + "'");
        }
        List<String> blobs = new ArrayList<>();
        List<String> children = new ArrayList<>();
        List<String> foreign = new ArrayList<>();
        String configType = null;
        if (MediaTypes.IMAGE_MANIFESTS.contains(declaredType)) {
            JsonNode config = root.get("config");
            if (config == null || !config.isObject()) {
                throw new InvalidManifestException("image manifest has no config descriptor");
            }
            blobs.add(descriptorDigest(config, "config"));
            configType = text(config, "mediaType");
            JsonNode layers = root.get("layers");
            if (layers == null || !layers.isArray()) {
                throw new InvalidManifestException("image manifest has no layers array");
            }
            for (int i = 0; i < layers.size(); i++) {
                JsonNode layer = layers.get(i);
                String digest = descriptorDigest(layer, "layers[" + i + "]");
                if (layer.has("urls")) {
                    foreign.add(digest);
                } else {
                    blobs.add(digest);
                }
            }
        } else if (MediaTypes.INDEXES.contains(declaredType)) {
            JsonNode list = root.get("manifests");
            if (list == null || !list.isArray()) {
                throw new InvalidManifestException("index has no manifests array");
            }
            for (int i = 0; i < list.size(); i++) {
                children.add(descriptorDigest(list.get(i), "manifests[" + i + "]"));
            }
        }
        String subject = null;
        JsonNode subjectNode = root.get("subject");
        if (subjectNode != null && !subjectNode.isNull()) {
            subject = descriptorDigest(subjectNode, "subject");
        }
        String artifactType = text(root, "artifactType");
        if ((artifactType == null || artifactType.isEmpty()) && MediaTypes.IMAGE_MANIFESTS.contains(declaredType)) {
            artifactType = configType;
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        JsonNode ann = root.get("annotations");
        if (ann != null && ann.isObject()) {
            ann.properties().forEach(e -> annotations.put(e.getKey(), e.getValue().asText()));
        }
        return new ManifestFacts(mediaType, List.copyOf(blobs), List.copyOf(children), List.copyOf(foreign),
                subject, artifactType, Map.copyOf(annotations));
    }

    private static String descriptorDigest(JsonNode descriptor, String where) {
        if (descriptor == null || !descriptor.isObject()) {
            throw new InvalidManifestException(where + " is not a descriptor object");
        }
        String digest = text(descriptor, "digest");
        if (digest == null) {
            throw new InvalidManifestException(where + " has no digest");
        }
        try {
            return Digest.parse(digest).toString();
        } catch (Digest.InvalidDigestException e) {
            throw new InvalidManifestException(where + ": " + e.getMessage());
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
