package dev.regbench.fakeregistry.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regbench.fakeregistry.FakeRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution-spec's newer push forms: a manifest PUT by digest with {@code ?tag=}
 * parameters (each tag set, each answered with an {@code OCI-Tag} header, all or none), the
 * cancel of an upload session ({@code DELETE}, session and staged file gone), and a manifest
 * body shorter than its Content-Length (400 with an OCI error, nothing stored).
 */
class TagsOnPushAndCancelTest {
    private static final String INDEX_TYPE = "application/vnd.oci.image.index.v1+json";
    private static final byte[] INDEX = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[]}"
            .getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;
    private FakeRegistry registry;

    @AfterEach
    void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    private RegistryCalls start(boolean disk) throws IOException {
        FakeRegistry.Builder builder = FakeRegistry.builder();
        if (disk) {
            builder.storage(dir);
        }
        registry = builder.start();
        return new RegistryCalls(registry.url());
    }

    @Test
    void putByDigestWithTagParameters_setsEveryTagAndAnswersOciTagHeaders() throws Exception {
        RegistryCalls calls = start(false);
        String digest = RegistryCalls.sha256(INDEX);

        HttpResponse<byte[]> r = calls.send("PUT", "/v2/team/app/manifests/" + digest + "?tag=v1&tag=latest&tag=v1",
                INDEX, "Content-Type", INDEX_TYPE);

        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.headers().allValues("OCI-Tag")).containsExactly("v1", "latest");
        assertThat(r.headers().firstValue("Docker-Content-Digest")).hasValue(digest);
        for (String tag : new String[] {"v1", "latest"}) {
            HttpResponse<byte[]> get = calls.send("GET", "/v2/team/app/manifests/" + tag, null, "Accept", INDEX_TYPE);
            assertThat(get.statusCode()).isEqualTo(200);
            assertThat(get.headers().firstValue("Docker-Content-Digest")).hasValue(digest);
        }
        assertThat(new String(calls.get("/v2/team/app/tags/list").body(), StandardCharsets.UTF_8))
                .contains("\"latest\"").contains("\"v1\"");
    }

    @Test
    void putByDigestWithAnInvalidTag_storesNothing() throws Exception {
        RegistryCalls calls = start(false);
        String digest = RegistryCalls.sha256(INDEX);

        HttpResponse<byte[]> r = calls.send("PUT", "/v2/team/app/manifests/" + digest + "?tag=ok&tag=-bad",
                INDEX, "Content-Type", INDEX_TYPE);

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(RegistryCalls.errorCode(r)).isEqualTo("MANIFEST_INVALID");
        assertThat(calls.send("GET", "/v2/team/app/manifests/" + digest, null, "Accept", INDEX_TYPE).statusCode()).isEqualTo(404);
        assertThat(calls.send("GET", "/v2/team/app/manifests/ok", null, "Accept", INDEX_TYPE).statusCode()).isEqualTo(404);
    }

    @Test
    void putByTag_ignoresTagParametersAndSendsNoOciTag() throws Exception {
        RegistryCalls calls = start(false);

        HttpResponse<byte[]> r = calls.send("PUT", "/v2/team/app/manifests/main?tag=other", INDEX, "Content-Type", INDEX_TYPE);

        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.headers().allValues("OCI-Tag")).isEmpty();
        assertThat(calls.send("GET", "/v2/team/app/manifests/other", null, "Accept", INDEX_TYPE).statusCode()).isEqualTo(404);
    }

    @Test
    void cancelledUploadOnDisk_removesSessionAndStagedFile() throws Exception {
        RegistryCalls calls = start(true);
        HttpResponse<byte[]> post = calls.send("POST", "/v2/team/app/blobs/uploads/", null);
        String location = post.headers().firstValue("Location").orElseThrow();
        String id = post.headers().firstValue("Docker-Upload-UUID").orElseThrow();
        assertThat(calls.send("PATCH", location, new byte[4096], "Content-Type", "application/octet-stream").statusCode())
                .isEqualTo(202);
        assertThat(stagedFiles()).anyMatch(p -> p.getFileName().toString().contains(id));

        HttpResponse<byte[]> cancel = calls.send("DELETE", location, null);

        assertThat(cancel.statusCode()).isEqualTo(204);
        assertThat(stagedFiles()).noneMatch(p -> p.getFileName().toString().contains(id));
        HttpResponse<byte[]> after = calls.send("GET", location, null);
        assertThat(after.statusCode()).isEqualTo(404);
        assertThat(RegistryCalls.errorCode(after)).isEqualTo("BLOB_UPLOAD_UNKNOWN");
        assertThat(calls.send("DELETE", location, null).statusCode()).isEqualTo(404);
        assertThat(registry.storage().counts().uploads()).isZero();
    }

    private Stream<Path> stagedFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("_uploads"))) {
            return files.toList().stream();
        }
    }

    @Test
    void manifestBodyShorterThanContentLength_is400WithAnOciErrorAndStoresNothing() throws Exception {
        RegistryCalls calls = start(false);
        String head = "PUT /v2/team/app/manifests/short HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + INDEX_TYPE
                + "\r\nContent-Length: " + (INDEX.length + 50) + "\r\n\r\n";
        String answer;
        try (Socket socket = new Socket("127.0.0.1", registry.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(INDEX);
            out.flush();
            socket.shutdownOutput();
            answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }

        assertThat(answer).startsWith("HTTP/1.1 400");
        assertThat(answer).contains("\"errors\"").contains("SIZE_INVALID");
        assertThat(calls.send("GET", "/v2/team/app/manifests/short", null, "Accept", INDEX_TYPE).statusCode()).isEqualTo(404);
    }
}
