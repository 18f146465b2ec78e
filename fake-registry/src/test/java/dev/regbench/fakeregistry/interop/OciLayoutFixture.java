package dev.regbench.fakeregistry.interop;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.regbench.fakeregistry.peers.Skopeo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a small, valid OCI image layout directory (for {@code skopeo copy oci:DIR:TAG …}) whose
 * content is deterministic from a seed: one image (config JSON + gzip'd tar layers) or an image
 * index over several platforms. Lets interop tests seed a real registry without the fake one.
 * Not thread-safe (one instance per layout).
 */
final class OciLayoutFixture {

    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    static final String OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final ArrayNode indexEntries = JSON.createArrayNode();

    /** A descriptor: media type, digest and size of stored bytes. */
    record Descriptor(String mediaType, String digest, long size) {
        ObjectNode toJson() {
            ObjectNode n = JSON.createObjectNode();
            n.put("mediaType", mediaType);
            n.put("digest", digest);
            n.put("size", size);
            return n;
        }
    }

    OciLayoutFixture(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir.resolve("blobs/sha256"));
        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        writeIndex();
    }

    Path dir() {
        return dir;
    }

    /** skopeo's reference to the image tagged {@code tag} in this layout. */
    String ref(String tag) {
        return "oci:" + dir.toAbsolutePath() + ":" + tag;
    }

    /** Adds an image (linux/amd64) of {@code layers} layers of {@code layerBytes} random bytes each, tagged {@code tag}. */
    Descriptor addImage(String tag, long seed, int layers, int layerBytes) throws IOException {
        Descriptor m = image(seed, layers, layerBytes, "amd64");
        tag(m, tag);
        return m;
    }

    /** Adds an image index over {@code arches} (one small image each), tagged {@code tag}. */
    Descriptor addIndex(String tag, long seed, List<String> arches) throws IOException {
        ObjectNode index = JSON.createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", OCI_INDEX);
        ArrayNode manifests = index.putArray("manifests");
        int i = 0;
        for (String arch : arches) {
            Descriptor m = image(seed * 31 + i++, 1, 2048, arch);
            ObjectNode d = m.toJson();
            d.putObject("platform").put("architecture", arch).put("os", "linux");
            manifests.add(d);
        }
        Descriptor idx = blob(OCI_INDEX, JSON.writeValueAsBytes(index));
        tag(idx, tag);
        return idx;
    }

    private Descriptor image(long seed, int layers, int layerBytes, String arch) throws IOException {
        Random random = new Random(seed);
        List<Descriptor> layerDescs = new ArrayList<>();
        List<String> diffIds = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            byte[] payload = new byte[layerBytes];
            random.nextBytes(payload);
            byte[] tar = tar("layer" + i + ".bin", payload);
            diffIds.add(Skopeo.sha256(tar));
            layerDescs.add(blob(OCI_LAYER_GZIP, gzip(tar)));
        }
        ObjectNode config = JSON.createObjectNode();
        config.put("architecture", arch);
        config.put("os", "linux");
        config.putObject("config").putArray("Cmd").add("/layer0.bin");
        ObjectNode rootfs = config.putObject("rootfs");
        rootfs.put("type", "layers");
        ArrayNode ids = rootfs.putArray("diff_ids");
        diffIds.forEach(ids::add);
        Descriptor cfg = blob(OCI_CONFIG, JSON.writeValueAsBytes(config));

        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", OCI_MANIFEST);
        manifest.set("config", cfg.toJson());
        ArrayNode ls = manifest.putArray("layers");
        layerDescs.forEach(d -> ls.add(d.toJson()));
        return blob(OCI_MANIFEST, JSON.writeValueAsBytes(manifest));
    }

    private void tag(Descriptor d, String tag) throws IOException {
        ObjectNode entry = d.toJson();
        entry.putObject("annotations").put("org.opencontainers.image.ref.name", tag);
        indexEntries.add(entry);
        writeIndex();
    }

    private void writeIndex() throws IOException {
        ObjectNode index = JSON.createObjectNode();
        index.put("schemaVersion", 2);
        index.set("manifests", indexEntries);
        Files.write(dir.resolve("index.json"), JSON.writeValueAsBytes(index));
    }

    private Descriptor blob(String mediaType, byte[] bytes) throws IOException {
        String digest = Skopeo.sha256(bytes);
        Files.write(dir.resolve("blobs/sha256").resolve(digest.substring("sha256:".length())), bytes);
        return new Descriptor(mediaType, digest, bytes.length);
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    /** A POSIX ustar archive holding one regular file. */
    private static byte[] tar(String name, byte[] content) {
        byte[] header = new byte[512];
        put(header, 0, name);
        put(header, 100, "0000644");
        put(header, 108, "0000000");
        put(header, 116, "0000000");
        put(header, 124, String.format("%011o", content.length));
        put(header, 136, String.format("%011o", 0));
        java.util.Arrays.fill(header, 148, 156, (byte) ' ');
        header[156] = '0';
        put(header, 257, "ustar");
        put(header, 263, "00");
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, String.format("%06o", sum));
        header[154] = 0;
        header[155] = ' ';
        int padded = (content.length + 511) / 512 * 512;
        byte[] out = new byte[512 + padded + 1024];
        System.arraycopy(header, 0, out, 0, 512);
        System.arraycopy(content, 0, out, 512, content.length);
        return out;
    }

    private static void put(byte[] buf, int off, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, buf, off, b.length);
    }
}
