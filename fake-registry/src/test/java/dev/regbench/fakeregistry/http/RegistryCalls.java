package dev.regbench.fakeregistry.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Test helper: raw registry calls over a real {@link HttpClient} against one base URL, returning
 * status, headers and body bytes without interpreting them. Thread-safe.
 */
final class RegistryCalls {
    private final HttpClient client;
    private final String base;

    RegistryCalls(String base) {
        this.base = base;
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    HttpResponse<byte[]> send(String method, String pathOrUrl, byte[] body, String... headers) {
        URI uri = URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(method + " " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<byte[]> get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    static String sha256(byte[] content) {
        return "sha256:" + hex("SHA-256", content);
    }

    static String sha512(byte[] content) {
        return "sha512:" + hex("SHA-512", content);
    }

    private static String hex(String algorithm, byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Pushes a blob with POST then PUT ?digest=, asserting nothing; returns the PUT response. */
    HttpResponse<byte[]> pushMonolithic(String repository, byte[] content) {
        HttpResponse<byte[]> post = send("POST", "/v2/" + repository + "/blobs/uploads/", null);
        String location = post.headers().firstValue("Location").orElseThrow();
        return send("PUT", location + "?digest=" + sha256(content), content,
                "Content-Type", "application/octet-stream");
    }

    /** The OCI error code of a response body, or null. */
    static String errorCode(HttpResponse<byte[]> response) {
        String body = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
        int at = body.indexOf("\"code\":\"");
        if (at < 0) {
            return null;
        }
        int start = at + "\"code\":\"".length();
        return body.substring(start, body.indexOf('"', start));
    }
}
