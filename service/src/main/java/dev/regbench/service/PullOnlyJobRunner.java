package dev.regbench.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A {@link JobRunner} that only reads: for every matching tag of the source it pulls the manifest
 * (following image indexes to their platform manifests) and every blob, checks each sha256 and
 * reports the bytes; the destination is not written. It is what the service runs when the
 * question is "can the source be read, and how does the service behave under real work" without
 * the replication engine (service tests, load simulations), and a dry-run check of a source.
 *
 * <p>Plain {@code java.net.http} with one shared client; anonymous access only (no token auth).
 * Thread-safe: one instance serves every job.
 */
public final class PullOnlyJobRunner implements JobRunner {

    private static final String ACCEPT = String.join(",",
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.docker.distribution.manifest.v2+json");

    private final HttpClient client;
    private final Duration timeout;

    /** A runner with its own HTTP client (request timeout 30 s). */
    public PullOnlyJobRunner() {
        this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), Duration.ofSeconds(30));
    }

    public PullOnlyJobRunner(HttpClient client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
    }

    @Override
    public void run(JobSpec spec, JobContext ctx) throws Exception {
        RepositoryRef src = spec.source();
        List<String> tags = new ArrayList<>();
        for (JsonNode t : json(get(src.v2("tags/list"), "application/json")).path("tags")) {
            if (spec.matches(t.asText())) {
                tags.add(t.asText());
            }
        }
        ctx.tagsPlanned(tags.size());
        ctx.log("pull-only: " + tags.size() + " tags of " + src + " match /" + spec.tags().pattern() + "/");
        Set<String> seen = new LinkedHashSet<>();
        for (String tag : tags) {
            ctx.throwIfCancelled();
            long bytes = pullManifest(src, tag, seen, ctx);
            ctx.progress(0, 0, 1);
            ctx.log("tag " + tag + " read: " + bytes + " blob bytes");
        }
    }

    /** Pulls a manifest (or index, recursively) and its blobs not yet seen; returns blob bytes read. */
    private long pullManifest(RepositoryRef src, String reference, Set<String> seen, JobContext ctx) throws Exception {
        byte[] body = get(src.v2("manifests/" + reference), ACCEPT);
        if (reference.startsWith("sha256:")) {
            verify(reference, body, "manifest " + reference);
        }
        JsonNode manifest = json(body);
        long total = 0;
        if (manifest.has("manifests")) {
            for (JsonNode child : manifest.get("manifests")) {
                total += pullManifest(src, child.path("digest").asText(), seen, ctx);
            }
            return total;
        }
        List<JsonNode> blobs = new ArrayList<>();
        if (manifest.has("config")) {
            blobs.add(manifest.get("config"));
        }
        manifest.path("layers").forEach(blobs::add);
        for (JsonNode blob : blobs) {
            ctx.throwIfCancelled();
            String digest = blob.path("digest").asText();
            if (seen.add(digest)) {
                long n = pullBlob(src, digest, ctx);
                total += n;
                ctx.progress(0, 1, 0);
                ctx.log("blob " + digest + " " + n + " bytes");
            }
        }
        return total;
    }

    private long pullBlob(RepositoryRef src, String digest, JobContext ctx) throws Exception {
        HttpResponse<InputStream> response = client.send(request(src.v2("blobs/" + digest), "*/*"),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("GET " + response.uri() + " answered " + response.statusCode());
            }
            MessageDigest sha = sha256();
            byte[] buf = new byte[64 * 1024];
            long total = 0;
            for (int n; (n = in.read(buf)) > 0; ) {
                sha.update(buf, 0, n);
                total += n;
                ctx.progress(n, 0, 0);
                ctx.throwIfCancelled();
            }
            String actual = "sha256:" + HexFormat.of().formatHex(sha.digest());
            if (!actual.equals(digest)) {
                throw new IOException("blob " + src + "@" + digest + " has digest " + actual);
            }
            return total;
        }
    }

    private byte[] get(URI uri, String accept) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = client.send(request(uri, accept), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + uri + " answered " + response.statusCode());
        }
        return response.body();
    }

    private HttpRequest request(URI uri, String accept) {
        return HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", accept).GET().build();
    }

    private static JsonNode json(byte[] body) throws IOException {
        return Json.MAPPER.readTree(body);
    }

    private static void verify(String digest, byte[] body, String what) throws IOException {
        String actual = "sha256:" + HexFormat.of().formatHex(sha256().digest(body));
        if (!actual.equals(digest)) {
            throw new IOException(what + " has digest " + actual);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
