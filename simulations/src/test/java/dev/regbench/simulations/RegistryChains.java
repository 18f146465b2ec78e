package dev.regbench.simulations;

import static io.gatling.javaapi.core.CoreDsl.ByteArrayBody;
import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.foreach;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.core.CoreDsl.tryMax;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The named pieces every registry simulation is built from: {@link #ping()}, {@link #listTags()},
 * {@link #pullManifest()}, {@link #pullConfig()}, {@link #pullLayers()},
 * {@link #pushBlobMonolithic(String)}, {@link #pushBlobChunked(String, int)},
 * {@link #pushManifest()} and {@link #verifyManifest()}; {@link #pullImage()} and
 * {@link #pushImage(boolean, int)} compose them.
 *
 * <p>Every request runs inside {@code tryMax(attempts)} followed by {@code exitHereIfFailed()}:
 * with {@code attempts = 1} a failed request ends the user's operation; with more, the request
 * is retried after {@code retryPause}. Each attempt is recorded in the {@link RequestRecorder}:
 * a hook stamps the start, a hook after the request records an OK attempt, and since Gatling
 * jumps straight back to the top of {@code tryMax} after a KO, a failed attempt is recorded by the
 * "flush" hook at the top of the next attempt or right after the block.
 *
 * <p>Session attributes read: {@link ImageCatalog#REPO}, {@link ImageCatalog#TAG} (pulls);
 * {@link PushContent#REPO}, {@link PushContent#TAG} and the blobs of {@link PushContent} (pushes).
 *
 * <p>Immutable; the chains it builds may be shared by any number of scenarios.
 */
final class RegistryChains {

    /** What a pull accepts: OCI and Docker manifests and indexes. */
    static final String MANIFEST_ACCEPT = String.join(", ",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json");

    static final String CONFIG_DIGEST = "configDigest";
    static final String LAYERS = "layers";
    static final String LAYER = "layer";
    static final String CHILD_MANIFEST = "childManifest";
    static final String UPLOAD_URL = "uploadUrl";

    private static final String STATUS = "regbench.status";
    private static final String PENDING = "regbench.pending";
    private static final String STARTED = "regbench.started";
    private static final String ATTEMPT = "regbench.attempt";

    private final RequestRecorder recorder;
    private final int attempts;
    private final Duration retryPause;

    /**
     * @param recorder where every attempt is recorded
     * @param attempts tries per request (1 = no retry)
     * @param retryPause pause before each retry
     */
    RegistryChains(RequestRecorder recorder, int attempts, Duration retryPause) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be >= 1, was " + attempts);
        }
        this.recorder = recorder;
        this.attempts = attempts;
        this.retryPause = retryPause;
    }

    /** No retry: a failed request ends the operation. */
    RegistryChains(RequestRecorder recorder) {
        this(recorder, 1, Duration.ZERO);
    }

    /** {@code GET /v2/}: 200, or 401 from a registry asking for a token. */
    ChainBuilder ping() {
        return step("ping", http("ping").get("/v2/"), status().in(200, 401));
    }

    /** {@code GET /v2/<repo>/tags/list}: 200 with a {@code tags} array. */
    ChainBuilder listTags() {
        return step("tags", http("tags").get("/v2/#{" + ImageCatalog.REPO + "}/tags/list"),
                status().is(200), jsonPath("$.tags").exists());
    }

    /**
     * {@code GET /v2/<repo>/manifests/<tag>}; saves the config digest and the layer digests. For an
     * index, pulls its first child manifest the same way.
     */
    ChainBuilder pullManifest() {
        return exec(s -> s.removeAll(CONFIG_DIGEST, LAYERS, CHILD_MANIFEST))
                .exec(step("manifest", http("manifest")
                                .get("/v2/#{" + ImageCatalog.REPO + "}/manifests/#{" + ImageCatalog.TAG + "}")
                                .header("Accept", MANIFEST_ACCEPT),
                        manifestChecks()))
                .doIf(s -> s.contains(CHILD_MANIFEST)).then(
                        step("manifest", http("manifest")
                                        .get("/v2/#{" + ImageCatalog.REPO + "}/manifests/#{" + CHILD_MANIFEST + "}")
                                        .header("Accept", MANIFEST_ACCEPT),
                                manifestChecks()));
    }

    private static CheckBuilder[] manifestChecks() {
        return new CheckBuilder[] {
            status().is(200),
            header("Docker-Content-Digest").optional(),
            jsonPath("$.config.digest").optional().saveAs(CONFIG_DIGEST),
            jsonPath("$.layers[*].digest").findAll().optional().saveAs(LAYERS),
            jsonPath("$.manifests[0].digest").optional().saveAs(CHILD_MANIFEST),
        };
    }

    /** {@code GET /v2/<repo>/blobs/<config digest>} (a small blob). */
    ChainBuilder pullConfig() {
        return doIf(s -> s.contains(CONFIG_DIGEST)).then(
                step("config", http("config").get("/v2/#{" + ImageCatalog.REPO + "}/blobs/#{" + CONFIG_DIGEST + "}"),
                        status().is(200)));
    }

    /** {@code GET /v2/<repo>/blobs/<digest>} for every layer of the manifest, one after another. */
    ChainBuilder pullLayers() {
        return doIf(s -> s.contains(LAYERS)).then(
                foreach("#{" + LAYERS + "}", LAYER).on(
                        step("layer", http("layer").get("/v2/#{" + ImageCatalog.REPO + "}/blobs/#{" + LAYER + "}"),
                                status().is(200))));
    }

    /** One whole image pull (manifest, config, layers), counted as operation {@code pull}. */
    ChainBuilder pullImage() {
        return operation("pull", pullManifest().exec(pullConfig()).exec(pullLayers()));
    }

    /**
     * Uploads the blob of {@code blob} the monolithic way: {@code POST /v2/<repo>/blobs/uploads/} (202 +
     * Location), then {@code PUT <location>?digest=…} with the whole body (201).
     */
    ChainBuilder pushBlobMonolithic(String blob) {
        return startUpload(blob)
                .exec(step("upload-put", http("upload-put").put(s -> withDigest(s.getString(UPLOAD_URL), s, blob))
                                .header("Content-Type", "application/octet-stream")
                                .body(ByteArrayBody(s -> PushContent.bytes(s, blob))),
                        status().is(201)));
    }

    /**
     * Uploads the blob of {@code blob} in chunks of {@code chunkSize} bytes: {@code POST} (202),
     * {@code PATCH <location>} per chunk with {@code Content-Range} (202, new Location each time),
     * then {@code PUT <location>?digest=…} with no body (201).
     */
    ChainBuilder pushBlobChunked(String blob, int chunkSize) {
        String chunk = "regbench.chunk";
        return startUpload(blob)
                .exec(repeat(s -> chunks(PushContent.bytes(s, blob).length, chunkSize), chunk).on(
                        step("upload-patch", http("upload-patch").patch(s -> s.getString(UPLOAD_URL))
                                        .header("Content-Type", "application/octet-stream")
                                        .header("Content-Range", s -> contentRange(s.getInt(chunk), chunkSize,
                                                PushContent.bytes(s, blob).length))
                                        .body(ByteArrayBody(s -> slice(PushContent.bytes(s, blob), s.getInt(chunk), chunkSize))),
                                status().is(202), header("Location").saveAs(UPLOAD_URL))))
                .exec(step("upload-put", http("upload-put").put(s -> withDigest(s.getString(UPLOAD_URL), s, blob)),
                        status().is(201)));
    }

    private ChainBuilder startUpload(String blob) {
        return step("upload-start", http("upload-start").post("/v2/#{" + PushContent.REPO + "}/blobs/uploads/"),
                status().is(202), header("Location").saveAs(UPLOAD_URL));
    }

    /** {@code PUT /v2/<repo>/manifests/<tag>} of the image in the session (201). */
    ChainBuilder pushManifest() {
        return step("manifest-put", http("manifest-put")
                        .put("/v2/#{" + PushContent.REPO + "}/manifests/#{" + PushContent.TAG + "}")
                        .header("Content-Type", PushContent.MANIFEST_TYPE)
                        .body(StringBody(s -> s.getString(PushContent.MANIFEST))),
                status().is(201));
    }

    /** {@code HEAD /v2/<repo>/manifests/<tag>}: 200 and the digest of what was pushed. */
    ChainBuilder verifyManifest() {
        return step("manifest-head", http("manifest-head")
                        .head("/v2/#{" + PushContent.REPO + "}/manifests/#{" + PushContent.TAG + "}")
                        .header("Accept", MANIFEST_ACCEPT),
                status().is(200), header("Docker-Content-Digest").isEL("#{" + PushContent.MANIFEST_DIGEST + "}"));
    }

    /**
     * One whole image push (layer and config blobs, manifest, then a HEAD to verify), counted as
     * operation {@code push-chunked} or {@code push-monolithic}. The layer goes up chunked when {@code chunked}.
     */
    ChainBuilder pushImage(boolean chunked, int chunkSize) {
        ChainBuilder layer = chunked ? pushBlobChunked(PushContent.LAYER, chunkSize) : pushBlobMonolithic(PushContent.LAYER);
        return operation(chunked ? "push-chunked" : "push-monolithic", layer.exec(pushBlobMonolithic(PushContent.CONFIG)).exec(pushManifest())
                .exec(verifyManifest()));
    }

    /** Counts {@code chain} as one {@code name} operation: started before, succeeded when it gets to the end. */
    ChainBuilder operation(String name, ChainBuilder chain) {
        return exec(s -> {
            recorder.operationStarted(name);
            return s;
        }).exec(chain).exec(s -> {
            if (!s.isFailed()) {
                recorder.operationSucceeded(name);
            }
            return s;
        });
    }

    /**
     * One request with retries and recording: {@code tryMax(attempts) { flush; pause on retry; stamp;
     * request; record OK }; flush; exitHereIfFailed}.
     */
    ChainBuilder step(String name, HttpRequestActionBuilder request, CheckBuilder... checks) {
        List<CheckBuilder> all = new ArrayList<>();
        all.add(status().saveAs(STATUS));
        all.addAll(Arrays.asList(checks));
        return tryMax(attempts, ATTEMPT).on(
                        exec(this::flushFailed),
                        doIf(s -> s.getInt(ATTEMPT) > 0).then(pause(retryPause)),
                        exec(s -> s.set(PENDING, name).set(STARTED, System.nanoTime()).remove(STATUS)),
                        exec(request.check(all)),
                        exec(this::recordDone))
                .exec(this::flushFailed)
                .exitHereIfFailed();
    }

    /** After the request action: it completed; OK unless Gatling marked the session failed. */
    private Session recordDone(Session s) {
        if (s.contains(PENDING)) {
            recorder.record(s.getString(PENDING), s.getLong(STARTED), System.nanoTime(), statusOf(s), !s.isFailed());
        }
        return s.removeAll(PENDING, STARTED);
    }

    /** An attempt still pending here was interrupted by a KO: record it as failed. */
    private Session flushFailed(Session s) {
        if (s.contains(PENDING)) {
            recorder.record(s.getString(PENDING), s.getLong(STARTED), System.nanoTime(), statusOf(s), false);
        }
        return s.removeAll(PENDING, STARTED);
    }

    private static int statusOf(Session s) {
        Integer status = s.contains(STATUS) ? s.getIntegerWrapper(STATUS) : null;
        return status == null ? -1 : status;
    }

    private static String withDigest(String location, Session s, String blob) {
        String digest = PushContent.digest(s, blob);
        return location + (location.contains("?") ? "&" : "?") + "digest=" + digest;
    }

    static int chunks(int length, int chunkSize) {
        return Math.max(1, (length + chunkSize - 1) / chunkSize);
    }

    static String contentRange(int index, int chunkSize, int length) {
        int start = index * chunkSize;
        int end = Math.min(length, start + chunkSize) - 1;
        return start + "-" + end;
    }

    static byte[] slice(byte[] bytes, int index, int chunkSize) {
        int start = index * chunkSize;
        return Arrays.copyOfRange(bytes, start, Math.min(bytes.length, start + chunkSize));
    }
}
