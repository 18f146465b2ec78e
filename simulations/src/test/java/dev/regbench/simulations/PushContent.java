package dev.regbench.simulations;

import io.gatling.javaapi.core.Session;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A new, unique image for one push: a random layer, a small OCI config and the OCI image
 * manifest naming both, with their real sha256 digests, placed in the Gatling session.
 *
 * <p>Registries do not unpack layers, so the layer is random bytes of the requested size
 * (incompressible, unique per user so no blob is ever deduplicated).
 *
 * <p>Stateless and thread-safe.
 */
final class PushContent {

    static final String REPO = "pushRepo";
    static final String TAG = "pushTag";
    static final String LAYER = "layer";
    static final String CONFIG = "config";
    static final String MANIFEST = "pushManifest";
    static final String MANIFEST_DIGEST = "pushManifestDigest";
    static final String MANIFEST_TYPE = "application/vnd.oci.image.manifest.v1+json";

    private static final String LAYER_TYPE = "application/vnd.oci.image.layer.v1.tar+gzip";
    private static final String CONFIG_TYPE = "application/vnd.oci.image.config.v1+json";

    private PushContent() {
    }

    /** Puts a new image of {@code layerBytes} random bytes, to be pushed as {@code repository}:{@code tag}, in {@code s}. */
    static Session create(Session s, String repository, String tag, int layerBytes) {
        byte[] layer = new byte[layerBytes];
        ThreadLocalRandom.current().nextBytes(layer);
        String layerDigest = sha256(layer);
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                + layerDigest + "\"]},\"config\":{\"Labels\":{\"dev.regbench.push\":\"" + tag + "\"}}}")
                .getBytes(StandardCharsets.UTF_8);
        String configDigest = sha256(config);
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + MANIFEST_TYPE + "\","
                + "\"config\":{\"mediaType\":\"" + CONFIG_TYPE + "\",\"digest\":\"" + configDigest + "\",\"size\":" + config.length + "},"
                + "\"layers\":[{\"mediaType\":\"" + LAYER_TYPE + "\",\"digest\":\"" + layerDigest + "\",\"size\":" + layer.length + "}]}";
        return s.set(REPO, repository).set(TAG, tag)
                .set(LAYER, layer).set(LAYER + "Digest", layerDigest)
                .set(CONFIG, config).set(CONFIG + "Digest", configDigest)
                .set(MANIFEST, manifest)
                .set(MANIFEST_DIGEST, sha256(manifest.getBytes(StandardCharsets.UTF_8)));
    }

    /** The bytes of blob {@code blob} ({@link #LAYER} or {@link #CONFIG}). */
    static byte[] bytes(Session s, String blob) {
        return s.get(blob);
    }

    /** The digest of blob {@code blob}. */
    static String digest(Session s, String blob) {
        return s.getString(blob + "Digest");
    }

    /** {@code sha256:<hex>} of {@code bytes}. */
    static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
