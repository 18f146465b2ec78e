// Starts the fake registry for the serving benchmark (run.sh), with the JDK's single-file
// source launcher: java -cp <fake-registry classes + deps> FakeRegistryMain.java --port P
//   [--storage DIR] [--layout OCI_DIR --repo NAME --tag TAG]
// With --layout it seeds the image tagged TAG in an OCI image layout directly through the
// Storage seeding API (no HTTP push); without it the registry starts empty and run.sh pushes
// with skopeo. Prints "listening on URL" once serving; runs until SIGTERM/SIGINT.

import dev.regbench.fakeregistry.FakeRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

public class FakeRegistryMain {
    public static void main(String[] args) throws Exception {
        int port = 0;
        Path storage = null;
        Path layout = null;
        String repo = "bench/app";
        String tag = "v1";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--storage" -> storage = Path.of(args[++i]);
                case "--layout" -> layout = Path.of(args[++i]);
                case "--repo" -> repo = args[++i];
                case "--tag" -> tag = args[++i];
                default -> throw new IllegalArgumentException("unknown option '" + args[i]
                        + "'; expected --port, --storage, --layout, --repo, --tag");
            }
        }
        var builder = FakeRegistry.builder().port(port);
        if (storage != null) {
            builder = builder.storage(storage);
        }
        FakeRegistry reg = builder.start();
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            reg.close();
            stop.countDown();
        }, "fake-registry-shutdown"));
        if (layout != null) {
            seed(reg, layout, repo, tag);
        }
        System.out.println("listening on " + reg.url());
        System.out.flush();
        stop.await();
    }

    /** Seeds the image tagged {@code tag} of an OCI layout (manifest, config, layers). */
    static void seed(FakeRegistry reg, Path layout, String repo, String tag) throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode entry = null;
        for (JsonNode m : json.readTree(layout.resolve("index.json").toFile()).path("manifests")) {
            if (tag.equals(m.path("annotations").path("org.opencontainers.image.ref.name").asText())) {
                entry = m;
            }
        }
        if (entry == null) {
            throw new IllegalArgumentException("no image tagged '" + tag + "' in " + layout.resolve("index.json"));
        }
        byte[] manifest = blob(layout, entry.path("digest").asText());
        JsonNode m = json.readTree(manifest);
        reg.storage().putBlob(repo, ByteBuffer.wrap(blob(layout, m.path("config").path("digest").asText())));
        for (JsonNode l : m.path("layers")) {
            reg.storage().putBlob(repo, ByteBuffer.wrap(blob(layout, l.path("digest").asText())));
        }
        reg.storage().putManifest(repo, tag, entry.path("mediaType").asText(), manifest);
    }

    static byte[] blob(Path layout, String digest) throws Exception {
        return Files.readAllBytes(layout.resolve("blobs").resolve(digest.replace(':', '/')));
    }
}
