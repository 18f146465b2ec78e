package dev.regbench.harness.jmh;

import dev.regbench.fakeregistry.dataset.Dataset;
import dev.regbench.fakeregistry.storage.Blob;
import dev.regbench.fakeregistry.storage.Storage;
import dev.regbench.fakeregistry.storage.StoredManifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The 4 MiB body {@link CompressionBenchmark} streams: {@code gzipLayer}, the layer blob of a
 * fake-registry dataset (1 tag, 1 layer of 4 MiB of random file content), gzip'd as registries
 * store layers; or {@code text}, deterministic JSON-lines-like text (log records with keys,
 * words, numbers and short hex ids) that gzip shrinks as it shrinks real logs and configs.
 * Built once per trial; read-only afterwards, so safe to share between threads.
 */
@State(Scope.Benchmark)
public class CompressionInput {

    static final int BODY_BYTES = CompressionBenchmark.BODY_MIB << 20;

    static final String LAYER_DATASET = """
            name: jmh-compression
            repos: 1
            tagsPerRepo: 1
            layersPerTag: 1
            layerSize: 4MiB
            compressibility: 0
            """;

    private static final String[] WORDS = {"copied", "blob", "manifest", "layer", "tag", "pushed", "pulled",
        "retry", "registry", "upload", "session", "digest", "verified", "skipped", "mounted", "token",
        "request", "response", "connection", "pool", "timeout", "bytes", "chunk", "index", "config",
        "linux", "amd64", "arm64", "replicate", "source", "destination", "started", "finished", "the",
        "of", "to", "in", "from", "with", "for", "and", "on", "after", "before", "ok", "failed"};
    private static final String[] LEVELS = {"INFO", "INFO", "INFO", "DEBUG", "WARN"};
    private static final String[] LOGGERS = {"dev.regbench.engine.replicate.TagCopier",
        "dev.regbench.engine.replicate.BlobCopier", "dev.regbench.engine.registry.RegistryCaller",
        "dev.regbench.engine.transport.ApacheTransport"};

    @Param({"gzipLayer", "text"})
    public String input;

    byte[] body;

    @Setup
    public void build() throws IOException {
        body = switch (input) {
            case "gzipLayer" -> gzipLayer();
            case "text" -> text(BODY_BYTES, 42);
            default -> throw new IllegalArgumentException("input: expected gzipLayer or text, got '" + input + "'");
        };
    }

    /** The dataset's largest blob (its one layer), trimmed or kept to exactly {@link #BODY_BYTES}. */
    static byte[] gzipLayer() throws IOException {
        try (Storage storage = Storage.inMemory()) {
            Dataset dataset = Dataset.parseYaml(LAYER_DATASET, "CompressionInput.LAYER_DATASET");
            dataset.seedInto(storage);
            String repo = storage.repositories().get(0);
            StoredManifest manifest = storage.manifest(repo, "v1")
                    .orElseThrow(() -> new IllegalStateException("dataset " + dataset.name() + ": no tag v1 in " + repo));
            Blob layer = manifest.facts().blobs().stream()
                    .map(d -> storage.blob(repo, d).orElseThrow(() -> new IllegalStateException(
                            "dataset " + dataset.name() + ": blob " + d + " missing from " + repo)))
                    .max(Comparator.comparingLong(Blob::size))
                    .orElseThrow(() -> new IllegalStateException("dataset " + dataset.name() + ": no layer"));
            byte[] bytes = new byte[(int) layer.size()];
            layer.content().duplicate().get(bytes);
            // The blob is 4 MiB of file content plus tar headers and gzip framing: a little over.
            // Cut, never padded (zero padding would compress).
            if (bytes.length < BODY_BYTES) {
                throw new IllegalStateException("dataset " + dataset.name() + ": layer " + layer.digest() + " is "
                        + bytes.length + " bytes, expected at least " + BODY_BYTES);
            }
            return Arrays.copyOf(bytes, BODY_BYTES);
        }
    }

    /** {@code size} bytes of JSON lines, the same for the same seed. */
    static byte[] text(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder(size + 512);
        long millis = 1_700_000_000_000L;
        while (sb.length() < size) {
            millis += random.nextInt(40);
            sb.append("{\"ts\":").append(millis)
                    .append(",\"level\":\"").append(LEVELS[random.nextInt(LEVELS.length)])
                    .append("\",\"logger\":\"").append(LOGGERS[random.nextInt(LOGGERS.length)])
                    .append("\",\"job\":\"job-").append(random.nextInt(1000))
                    .append("\",\"msg\":\"");
            int words = 4 + random.nextInt(10);
            for (int i = 0; i < words; i++) {
                sb.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
            }
            sb.append("\",\"bytes\":").append(random.nextInt(1 << 24))
                    .append(",\"id\":\"").append(Long.toHexString(random.nextLong() & 0xffffffffL))
                    .append("\"}\n");
        }
        return Arrays.copyOf(sb.toString().getBytes(StandardCharsets.US_ASCII), size);
    }
}
