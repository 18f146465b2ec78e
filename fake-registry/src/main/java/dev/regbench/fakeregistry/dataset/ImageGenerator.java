package dev.regbench.fakeregistry.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Generates a {@link DatasetSpec}'s images into a storage: layers (tar.gz), configs
 * and OCI manifests (plus an image index per tag when there are several platforms). Tags are
 * generated in parallel on a small pool that lives only during {@link #seed}; every byte
 * depends only on the spec, never on scheduling, so digests are the same on every run.
 * JSON is written from Jackson trees in a fixed field order, without whitespace.
 *
 * <p>One generator per seeding; not thread-safe itself.
 */
final class ImageGenerator {
    static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String INDEX = "application/vnd.oci.image.index.v1+json";
    static final String CONFIG = "application/vnd.oci.image.config.v1+json";
    static final String LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";
    private static final String CREATED = "2020-01-01T00:00:00Z";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DatasetSpec spec;
    private final SeedTarget storage;
    private final List<Platform> platforms;
    private final Map<String, Long> blobs = new ConcurrentHashMap<>();

    ImageGenerator(DatasetSpec spec, SeedTarget storage) {
        this.spec = spec;
        this.storage = storage;
        this.platforms = spec.parsedPlatforms();
    }

    SeedResult seed() {
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "regbench-dataset-" + spec.name());
            t.setDaemon(true);
            return t;
        });
        try {
            Map<String, Map<String, String>> manifests = new LinkedHashMap<>();
            for (int r = 0; r < spec.repos(); r++) {
                manifests.put(spec.repository(r), seedRepository(pool, r));
            }
            long bytes = blobs.values().stream().mapToLong(Long::longValue).sum();
            return new SeedResult(manifests, blobs.size(), bytes);
        } finally {
            pool.shutdownNow();
        }
    }

    private Map<String, String> seedRepository(ExecutorService pool, int r) {
        String repo = spec.repository(r);
        List<Future<List<LayerRef>>> sharedFutures = new ArrayList<>();
        for (int p = 0; p < platforms.size(); p++) {
            int platform = p;
            sharedFutures.add(pool.submit(() -> sharedLayers(repo, r, platform)));
        }
        List<List<LayerRef>> shared = new ArrayList<>();
        for (Future<List<LayerRef>> f : sharedFutures) {
            shared.add(await(f));
        }
        List<Future<String>> tagFutures = new ArrayList<>();
        for (int t = 1; t <= spec.tagsPerRepo(); t++) {
            int tag = t;
            tagFutures.add(pool.submit(() -> seedTag(repo, r, tag, shared)));
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (int t = 1; t <= spec.tagsPerRepo(); t++) {
            tags.put("v" + t, await(tagFutures.get(t - 1)));
        }
        return tags;
    }

    private List<LayerRef> sharedLayers(String repo, int r, int platform) {
        List<LayerRef> layers = new ArrayList<>();
        for (int k = 0; k < spec.sharedLayers(); k++) {
            // repository 0's seed for every repository when the base is shared across them: same bytes, same digest
            long seed = SplitMix64.derive(spec.seed(), spec.sharedAcrossRepos() ? 0 : r, 0, platform, k);
            layers.add(layer(repo, "base" + k + "-" + platformTag(platform), spec.sharedLayerSize(), seed));
        }
        return layers;
    }

    /** Stores one tag's image(s) and returns the digest the tag points at. */
    private String seedTag(String repo, int r, int tag, List<List<LayerRef>> shared) {
        List<ObjectNode> descriptors = new ArrayList<>();
        for (int p = 0; p < platforms.size(); p++) {
            List<LayerRef> layers = new ArrayList<>(shared.get(p));
            for (int k = layers.size(); k < spec.layersPerTag(); k++) {
                long seed = SplitMix64.derive(spec.seed(), r, tag, p, k);
                layers.add(layer(repo, "v" + tag + "-l" + k + "-" + platformTag(p), spec.layerSize(), seed));
            }
            byte[] manifest = manifest(repo, "v" + tag, platforms.get(p), layers);
            String digest = storage.putManifest(repo, platforms.size() == 1 ? "v" + tag : null, MANIFEST, manifest);
            ObjectNode descriptor = descriptor(MANIFEST, digest, manifest.length);
            descriptor.set("platform", platformNode(platforms.get(p)));
            descriptors.add(descriptor);
        }
        if (platforms.size() == 1) {
            return descriptors.get(0).get("digest").asText();
        }
        ObjectNode index = JSON.createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", INDEX);
        index.putArray("manifests").addAll(descriptors);
        return storage.putManifest(repo, "v" + tag, INDEX, bytes(index));
    }

    private LayerRef layer(String repo, String id, SizeRange sizes, long seed) {
        SplitMix64 random = new SplitMix64(seed);
        long size = sizes.pick(random);
        LayerBuilder builder = new LayerBuilder(size);
        builder.addText("regbench/" + id + ".txt", "regbench dataset " + spec.name() + " layer " + id + "\n");
        builder.addGenerated("regbench/" + id + ".bin", size, spec.compressibility(), random);
        LayerBuilder.Layer layer = builder.finish();
        long blobSize = layer.size();
        String digest = storage.putBlob(repo, layer.blob());
        blobs.put(digest, blobSize);
        return new LayerRef(digest, blobSize, layer.diffId());
    }

    private byte[] manifest(String repo, String tag, Platform platform, List<LayerRef> layers) {
        ObjectNode config = JSON.createObjectNode();
        config.put("created", CREATED);
        config.put("author", "regbench");
        config.put("architecture", platform.architecture());
        config.put("os", platform.os());
        if (platform.variant() != null) {
            config.put("variant", platform.variant());
        }
        ObjectNode runtime = config.putObject("config");
        runtime.putArray("Env").add("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        runtime.putArray("Cmd").add("/bin/sh");
        ObjectNode labels = runtime.putObject("Labels");
        labels.put("dev.regbench.dataset", spec.name());
        labels.put("dev.regbench.repository", repo);
        labels.put("dev.regbench.tag", tag);
        ObjectNode rootfs = config.putObject("rootfs");
        rootfs.put("type", "layers");
        ArrayNode diffIds = rootfs.putArray("diff_ids");
        ArrayNode history = config.putArray("history");
        for (int i = 0; i < layers.size(); i++) {
            diffIds.add(layers.get(i).diffId());
            ObjectNode h = history.addObject();
            h.put("created", CREATED);
            h.put("created_by", "regbench dataset layer " + i);
        }
        byte[] configBytes = bytes(config);
        String configDigest = storage.putBlob(repo, java.nio.ByteBuffer.wrap(configBytes));
        blobs.put(configDigest, (long) configBytes.length);

        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", MANIFEST);
        manifest.set("config", descriptor(CONFIG, configDigest, configBytes.length));
        ArrayNode layerArray = manifest.putArray("layers");
        for (LayerRef layer : layers) {
            layerArray.add(descriptor(LAYER, layer.digest(), layer.size()));
        }
        return bytes(manifest);
    }

    private static ObjectNode descriptor(String mediaType, String digest, long size) {
        ObjectNode d = JSON.createObjectNode();
        d.put("mediaType", mediaType);
        d.put("digest", digest);
        d.put("size", size);
        return d;
    }

    private static ObjectNode platformNode(Platform platform) {
        ObjectNode p = JSON.createObjectNode();
        p.put("architecture", platform.architecture());
        p.put("os", platform.os());
        if (platform.variant() != null) {
            p.put("variant", platform.variant());
        }
        return p;
    }

    private String platformTag(int p) {
        return platforms.get(p).toString().replace('/', '_');
    }

    private static byte[] bytes(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while seeding", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("seeding failed: " + cause, cause);
        }
    }

    /** A stored layer as a manifest and config refer to it. */
    private record LayerRef(String digest, long size, String diffId) {
    }
}
