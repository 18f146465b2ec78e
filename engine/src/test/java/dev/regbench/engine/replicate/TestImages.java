package dev.regbench.engine.replicate;

import dev.regbench.engine.registry.Digests;
import dev.regbench.fakeregistry.storage.Storage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeds small, valid OCI images straight into a fake registry's storage, for custom layouts (shared layers). */
final class TestImages {
    private TestImages() {
    }

    /** Deterministic pseudo-random bytes. */
    static byte[] bytes(long seed, int size) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Pushes {@code layers} and a config into {@code repo} and tags the manifest; returns its digest. */
    static String image(Storage storage, String repo, String tag, byte[]... layers) {
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"tag\":\"" + repo + ":" + tag + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        String configDigest = storage.putBlob(repo, ByteBuffer.wrap(config));
        List<String> layerJson = new ArrayList<>();
        for (byte[] layer : layers) {
            String d = storage.putBlob(repo, ByteBuffer.wrap(layer));
            layerJson.add("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"" + d
                    + "\",\"size\":" + layer.length + "}");
        }
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest
                + "\",\"size\":" + config.length + "},\"layers\":[" + String.join(",", layerJson) + "]}";
        byte[] bytes = manifest.getBytes(StandardCharsets.UTF_8);
        String digest = storage.putManifest(repo, tag, "application/vnd.oci.image.manifest.v1+json", bytes);
        if (!digest.equals(Digests.of(bytes))) {
            throw new IllegalStateException("storage changed the manifest bytes");
        }
        return digest;
    }
}
