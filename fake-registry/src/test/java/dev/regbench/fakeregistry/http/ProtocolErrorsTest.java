package dev.regbench.fakeregistry.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regbench.fakeregistry.FakeRegistry;
import dev.regbench.fakeregistry.storage.Storage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every error the registry answers, one row per request case, over real sockets: status, OCI
 * error code, and that nothing was stored and the server is still up afterwards.
 */
class ProtocolErrorsTest {
    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    private static final long MAX_MANIFEST = 4096;
    private static final long MAX_UPLOAD = 64 * 1024;

    private static FakeRegistry registry;
    private static RegistryCalls calls;
    private static final byte[] BLOB = "hello blob".getBytes(StandardCharsets.UTF_8);
    private static final String BLOB_DIGEST = RegistryCalls.sha256(BLOB);
    private static final String MISSING = RegistryCalls.sha256("not stored".getBytes(StandardCharsets.UTF_8));

    /** {@code {upload}} in a path is replaced by the id of a fresh session in {@code team/app}. */
    record Case(String description, String method, String path, byte[] body, String[] headers, int status, String code) {
        @Override
        public String toString() {
            return description;
        }
    }

    private static Case row(String description, String method, String path, String body, int status, String code,
                            String... headers) {
        return new Case(description, method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                headers, status, code);
    }

    private static Case row(String description, String method, String path, byte[] body, int status, String code,
                            String... headers) {
        return new Case(description, method, path, body, headers, status, code);
    }

    @BeforeAll
    static void start() throws Exception {
        registry = FakeRegistry.builder().maxManifestBytes(MAX_MANIFEST).maxUploadBytes(MAX_UPLOAD).start();
        calls = new RegistryCalls(registry.url());
        Storage storage = registry.storage();
        storage.putBlob("team/app", java.nio.ByteBuffer.wrap(BLOB));
        storage.putManifest("team/app", "v1", OCI_MANIFEST, manifest(BLOB_DIGEST).getBytes(StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    private static String manifest(String configDigest) {
        return "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":{\"mediaType\":"
                + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest + "\",\"size\":10},"
                + "\"layers\":[]}";
    }

    static Stream<Case> cases() {
        String bigManifest = manifest(BLOB_DIGEST).replace("\"layers\":[]",
                "\"annotations\":{\"pad\":\"" + "x".repeat((int) MAX_MANIFEST) + "\"},\"layers\":[]");
        byte[] oversizedBlob = new byte[(int) MAX_UPLOAD + 1];
        return Stream.of(
                // blobs
                row("blob GET of an unknown digest", "GET", "/v2/team/app/blobs/" + MISSING, (String) null, 404, "BLOB_UNKNOWN"),
                row("blob GET of a digest with bad hex", "GET", "/v2/team/app/blobs/sha256:xyz", (String) null, 400, "DIGEST_INVALID"),
                row("blob GET with an unsupported algorithm", "GET", "/v2/team/app/blobs/md5:0123abcd", (String) null, 400, "DIGEST_INVALID"),
                row("blob GET of a digest without algorithm", "GET", "/v2/team/app/blobs/0123abcd", (String) null, 400, "DIGEST_INVALID"),
                row("blob HEAD of an unknown digest", "HEAD", "/v2/team/app/blobs/" + MISSING, (String) null, 404, null),
                row("blob GET of a blob only another repository holds", "GET", "/v2/other/repo/blobs/" + BLOB_DIGEST, (String) null, 404, "BLOB_UNKNOWN"),
                row("blob GET with an unsatisfiable Range", "GET", "/v2/team/app/blobs/" + BLOB_DIGEST, (String) null, 416, "UNSUPPORTED", "Range", "bytes=100-200"),
                row("blob DELETE of an unknown digest", "DELETE", "/v2/team/app/blobs/" + MISSING, (String) null, 404, "BLOB_UNKNOWN"),
                row("blob POST is not a blob operation", "POST", "/v2/team/app/blobs/" + BLOB_DIGEST, (String) null, 405, "UNSUPPORTED"),
                // manifests
                row("manifest GET of an unknown tag", "GET", "/v2/team/app/manifests/nope", (String) null, 404, "MANIFEST_UNKNOWN"),
                row("manifest GET of an unknown digest", "GET", "/v2/team/app/manifests/" + MISSING, (String) null, 404, "MANIFEST_UNKNOWN"),
                row("manifest GET in an unknown repository", "GET", "/v2/no/such/manifests/v1", (String) null, 404, "NAME_UNKNOWN"),
                row("manifest GET whose type the Accept header excludes", "GET", "/v2/team/app/manifests/v1", (String) null, 404, "MANIFEST_UNKNOWN",
                        "Accept", "application/vnd.docker.distribution.manifest.v2+json"),
                row("manifest GET of a malformed digest", "GET", "/v2/team/app/manifests/sha256:short", (String) null, 400, "DIGEST_INVALID"),
                row("manifest PUT of invalid JSON", "PUT", "/v2/team/app/manifests/bad", "{not json", 400, "MANIFEST_INVALID",
                        "Content-Type", OCI_MANIFEST),
                row("manifest PUT of JSON without schemaVersion", "PUT", "/v2/team/app/manifests/bad", "{\"layers\":[]}", 400, "MANIFEST_INVALID",
                        "Content-Type", OCI_MANIFEST),
                row("manifest PUT of an image manifest without config", "PUT", "/v2/team/app/manifests/bad",
                        "{\"schemaVersion\":2,\"layers\":[]}", 400, "MANIFEST_INVALID", "Content-Type", OCI_MANIFEST),
                row("manifest PUT whose mediaType differs from Content-Type", "PUT", "/v2/team/app/manifests/bad", manifest(BLOB_DIGEST), 400,
                        "MANIFEST_INVALID", "Content-Type", "application/vnd.docker.distribution.manifest.v2+json"),
                row("manifest PUT without Content-Type", "PUT", "/v2/team/app/manifests/bad", manifest(BLOB_DIGEST), 400, "MANIFEST_INVALID"),
                row("manifest PUT of a schema1 manifest", "PUT", "/v2/team/app/manifests/bad", "{\"schemaVersion\":1}", 415, "UNSUPPORTED",
                        "Content-Type", "application/vnd.docker.distribution.manifest.v1+prettyjws"),
                row("manifest PUT referencing an unknown blob", "PUT", "/v2/team/app/manifests/bad", manifest(MISSING), 400,
                        "MANIFEST_BLOB_UNKNOWN", "Content-Type", OCI_MANIFEST),
                row("manifest PUT referencing a blob of another repository", "PUT", "/v2/other/repo/manifests/bad", manifest(BLOB_DIGEST), 400,
                        "MANIFEST_BLOB_UNKNOWN", "Content-Type", OCI_MANIFEST),
                row("index PUT referencing an unknown manifest", "PUT", "/v2/team/app/manifests/bad",
                        "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_INDEX + "\",\"manifests\":[{\"mediaType\":\"" + OCI_MANIFEST
                                + "\",\"digest\":\"" + MISSING + "\",\"size\":1}]}", 400, "MANIFEST_BLOB_UNKNOWN", "Content-Type", OCI_INDEX),
                row("manifest PUT with a layer digest that is malformed", "PUT", "/v2/team/app/manifests/bad",
                        manifest("sha256:1234"), 400, "MANIFEST_INVALID", "Content-Type", OCI_MANIFEST),
                row("manifest PUT by a digest that does not match the body", "PUT", "/v2/team/app/manifests/" + MISSING, manifest(BLOB_DIGEST), 400,
                        "DIGEST_INVALID", "Content-Type", OCI_MANIFEST),
                row("manifest PUT with an invalid tag", "PUT", "/v2/team/app/manifests/-bad", manifest(BLOB_DIGEST), 400,
                        "MANIFEST_INVALID", "Content-Type", OCI_MANIFEST),
                row("manifest PUT over the size limit", "PUT", "/v2/team/app/manifests/big", bigManifest, 413, "SIZE_INVALID",
                        "Content-Type", OCI_MANIFEST),
                row("manifest DELETE of an unknown tag", "DELETE", "/v2/team/app/manifests/nope", (String) null, 404, "MANIFEST_UNKNOWN"),
                row("manifest POST is not supported", "POST", "/v2/team/app/manifests/v1", (String) null, 405, "UNSUPPORTED"),
                // names
                row("upper-case repository name", "GET", "/v2/Team/app/manifests/v1", (String) null, 400, "NAME_INVALID"),
                row("repository name with an empty component", "GET", "/v2/team//app/manifests/v1", (String) null, 400, "NAME_INVALID"),
                row("repository name with a trailing separator", "GET", "/v2/team-/manifests/v1", (String) null, 400, "NAME_INVALID"),
                row("repository name with bad characters", "GET", "/v2/team/a$pp/tags/list", (String) null, 400, "NAME_INVALID"),
                row("repository name over 255 characters", "GET", "/v2/" + "a".repeat(256) + "/tags/list", (String) null, 400, "NAME_INVALID"),
                row("path traversal in the name", "GET", "/v2/team/%2E%2E/app/manifests/v1", (String) null, 400, "NAME_INVALID"),
                row("encoded slash in the name", "GET", "/v2/team%2Fapp/manifests/v1", (String) null, 400, "NAME_INVALID"),
                // lists
                row("tags of an unknown repository", "GET", "/v2/no/such/tags/list", (String) null, 404, "NAME_UNKNOWN"),
                row("tags with a negative n", "GET", "/v2/team/app/tags/list?n=-1", (String) null, 400, "UNSUPPORTED"),
                row("catalog with a non-numeric n", "GET", "/v2/_catalog?n=abc", (String) null, 400, "UNSUPPORTED"),
                row("unknown endpoint under /v2/", "GET", "/v2/team/app/unknown", (String) null, 404, "UNSUPPORTED"),
                row("referrers of a malformed digest", "GET", "/v2/team/app/referrers/sha256:zz", (String) null, 400, "DIGEST_INVALID"),
                // uploads
                row("PATCH of an unknown upload id", "PATCH", "/v2/team/app/blobs/uploads/no-such-id", "abc", 404, "BLOB_UPLOAD_UNKNOWN"),
                row("PUT of an unknown upload id", "PUT", "/v2/team/app/blobs/uploads/no-such-id?digest=" + BLOB_DIGEST, (String) null, 404,
                        "BLOB_UPLOAD_UNKNOWN"),
                row("status GET of an unknown upload id", "GET", "/v2/team/app/blobs/uploads/no-such-id", (String) null, 404, "BLOB_UPLOAD_UNKNOWN"),
                row("DELETE of an unknown upload id", "DELETE", "/v2/team/app/blobs/uploads/no-such-id", (String) null, 404, "BLOB_UPLOAD_UNKNOWN"),
                row("upload id used in another repository", "PATCH", "/v2/other/repo/blobs/uploads/{upload}", "abc", 404, "BLOB_UPLOAD_UNKNOWN"),
                row("PATCH whose Content-Range does not start at the offset", "PATCH", "/v2/team/app/blobs/uploads/{upload}", "abcde", 416,
                        "BLOB_UPLOAD_INVALID", "Content-Range", "5-9"),
                row("PATCH with a malformed Content-Range", "PATCH", "/v2/team/app/blobs/uploads/{upload}", "abcde", 400,
                        "BLOB_UPLOAD_INVALID", "Content-Range", "zero-four"),
                row("PATCH with garbage after the Content-Range", "PATCH", "/v2/team/app/blobs/uploads/{upload}", "abcde", 400,
                        "BLOB_UPLOAD_INVALID", "Content-Range", "0-0x"),
                row("PATCH shorter than its Content-Range", "PATCH", "/v2/team/app/blobs/uploads/{upload}", "abcde", 400,
                        "SIZE_INVALID", "Content-Range", "0-99"),
                row("PATCH over the upload size limit", "PATCH", "/v2/team/app/blobs/uploads/{upload}", oversizedBlob, 413, "SIZE_INVALID"),
                row("closing PUT without a digest", "PUT", "/v2/team/app/blobs/uploads/{upload}", "abc", 400, "DIGEST_INVALID"),
                row("closing PUT with a malformed digest", "PUT", "/v2/team/app/blobs/uploads/{upload}?digest=sha256:12", "abc", 400,
                        "DIGEST_INVALID"),
                row("closing PUT whose digest does not match (sha256)", "PUT", "/v2/team/app/blobs/uploads/{upload}?digest=" + MISSING,
                        "abc", 400, "DIGEST_INVALID"),
                row("closing PUT whose digest does not match (sha512)", "PUT", "/v2/team/app/blobs/uploads/{upload}?digest="
                        + RegistryCalls.sha512(BLOB), "abc", 400, "DIGEST_INVALID"),
                row("monolithic POST whose digest does not match", "POST", "/v2/team/app/blobs/uploads/?digest=" + MISSING, "abc", 400,
                        "DIGEST_INVALID"),
                row("monolithic POST over the size limit", "POST", "/v2/team/app/blobs/uploads/?digest=" + MISSING, oversizedBlob, 413,
                        "SIZE_INVALID"),
                row("mount with a malformed digest", "POST", "/v2/team/app/blobs/uploads/?mount=sha256:1&from=other/repo", (String) null, 400,
                        "DIGEST_INVALID"),
                row("mount from an invalid repository name", "POST", "/v2/other/repo/blobs/uploads/?mount=" + BLOB_DIGEST + "&from=Bad..Name",
                        (String) null, 400, "NAME_INVALID"),
                row("upload POST to a session URL", "POST", "/v2/team/app/blobs/uploads/{upload}", (String) null, 405, "UNSUPPORTED"),
                row("upload in an invalid repository", "POST", "/v2/UPPER/blobs/uploads/", (String) null, 400, "NAME_INVALID"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void errorCase_answersStatusAndCode_andStoresNothing(Case c) {
        Storage.Counts before = registry.storage().counts();
        String path = c.path();
        if (path.contains("{upload}")) {
            HttpResponse<byte[]> session = calls.send("POST", "/v2/team/app/blobs/uploads/", null);
            String id = session.headers().firstValue("Docker-Upload-UUID").orElseThrow();
            path = path.replace("{upload}", id);
        }
        HttpResponse<byte[]> response = calls.send(c.method(), path, c.body(), c.headers());

        assertThat(response.statusCode()).as(c.description()).isEqualTo(c.status());
        assertThat(RegistryCalls.errorCode(response)).as(c.description()).isEqualTo(c.code());
        if (c.code() != null) {
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        }
        assertThat(response.headers().firstValue("Docker-Distribution-API-Version")).hasValue("registry/2.0");
        Storage.Counts after = registry.storage().counts();
        assertThat(after.blobs()).as("blobs stored").isEqualTo(before.blobs());
        assertThat(after.manifests()).as("manifests stored").isEqualTo(before.manifests());
        assertThat(after.repositories()).as("repositories").isEqualTo(before.repositories());
        assertThat(calls.get("/v2/").statusCode()).as("server still up").isEqualTo(200);
    }

    @Test
    void digestMismatch_endsTheSession_andTheBlobIsNotServed() {
        HttpResponse<byte[]> session = calls.send("POST", "/v2/team/app/blobs/uploads/", null);
        String location = session.headers().firstValue("Location").orElseThrow();
        byte[] content = "some bytes".getBytes(StandardCharsets.UTF_8);
        assertThat(calls.send("PATCH", location, content).statusCode()).isEqualTo(202);
        HttpResponse<byte[]> put = calls.send("PUT", location + "?digest=" + MISSING, null);
        assertThat(put.statusCode()).isEqualTo(400);
        assertThat(RegistryCalls.errorCode(put)).isEqualTo("DIGEST_INVALID");
        assertThat(calls.get(location).statusCode()).isEqualTo(404);
        assertThat(calls.get("/v2/team/app/blobs/" + RegistryCalls.sha256(content)).statusCode()).isEqualTo(404);
        assertThat(calls.get("/v2/team/app/blobs/" + MISSING).statusCode()).isEqualTo(404);
    }

    @Test
    void rejectedChunk_leavesTheSessionAsItWas() {
        HttpResponse<byte[]> session = calls.send("POST", "/v2/team/app/blobs/uploads/", null);
        String location = session.headers().firstValue("Location").orElseThrow();
        byte[] first = "0123456789".getBytes(StandardCharsets.UTF_8);
        assertThat(calls.send("PATCH", location, first, "Content-Range", "0-9").statusCode()).isEqualTo(202);
        HttpResponse<byte[]> outOfOrder = calls.send("PATCH", location, first, "Content-Range", "20-29");
        assertThat(outOfOrder.statusCode()).isEqualTo(416);
        assertThat(outOfOrder.headers().firstValue("Range")).hasValue("0-9");
        HttpResponse<byte[]> tooShort = calls.send("PATCH", location, first, "Content-Range", "10-29");
        assertThat(tooShort.statusCode()).isEqualTo(400);
        assertThat(calls.get(location).headers().firstValue("Range")).hasValue("0-9");
        byte[] second = "abcdefghij".getBytes(StandardCharsets.UTF_8);
        assertThat(calls.send("PATCH", location, second, "Content-Range", "10-19").statusCode()).isEqualTo(202);
        byte[] whole = (new String(first, StandardCharsets.UTF_8) + new String(second, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> put = calls.send("PUT", location + "?digest=" + RegistryCalls.sha256(whole), null);
        assertThat(put.statusCode()).isEqualTo(201);
        assertThat(calls.get("/v2/team/app/blobs/" + RegistryCalls.sha256(whole)).body()).isEqualTo(whole);
        assertThat(Arrays.equals(whole, calls.get("/v2/team/app/blobs/" + RegistryCalls.sha256(whole)).body())).isTrue();
    }

    @Test
    void cancelledUpload_isGone() {
        HttpResponse<byte[]> session = calls.send("POST", "/v2/team/app/blobs/uploads/", null);
        String location = session.headers().firstValue("Location").orElseThrow();
        assertThat(calls.send("DELETE", location, null).statusCode()).isEqualTo(204);
        assertThat(calls.send("PATCH", location, "x".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(404);
    }
}
