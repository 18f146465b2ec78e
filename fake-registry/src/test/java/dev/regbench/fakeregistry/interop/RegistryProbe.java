package dev.regbench.fakeregistry.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regbench.fakeregistry.peers.Skopeo;
import dev.regbench.fakeregistry.peers.Skopeo.Credentials;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads manifests straight from a registry over HTTP (JDK client, independent of skopeo and of
 * the fake registry's code), so a test can compare what two registries serve: the digest of
 * the bytes, the {@code Docker-Content-Digest} header, the media type, and the children of an
 * index. Follows a Bearer challenge with basic-auth credentials when given. Thread-safe.
 */
final class RegistryProbe {

    /** The Accept lines skopeo sends, one media type per header line. */
    static final List<String> ACCEPT = List.of(
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.docker.distribution.manifest.list.v2+json");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    private final String baseUrl;
    private final Credentials creds;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A manifest as served: its bytes' digest, the digest header, the content type, and the raw bytes. */
    record Served(int status, String bodyDigest, String headerDigest, String contentType, byte[] body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    RegistryProbe(String baseUrl, Credentials creds) {
        this.baseUrl = baseUrl;
        this.creds = creds;
    }

    /** {@code GET /v2/<repo>/manifests/<reference>} with skopeo's Accept lines. */
    Served manifest(String repo, String reference) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = get("/v2/" + repo + "/manifests/" + reference, "repository:" + repo + ":pull");
        return new Served(r.statusCode(), Skopeo.sha256(r.body()),
                r.headers().firstValue("Docker-Content-Digest").orElse(null),
                r.headers().firstValue("Content-Type").orElse(null), r.body());
    }

    /** The tags of {@code repo} (all pages not followed; tests use small repos). */
    List<String> tags(String repo) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = get("/v2/" + repo + "/tags/list", "repository:" + repo + ":pull");
        if (r.statusCode() != 200) {
            throw new IOException("GET tags of " + repo + " at " + baseUrl + ": status " + r.statusCode()
                    + " " + new String(r.body(), StandardCharsets.UTF_8));
        }
        List<String> out = new ArrayList<>();
        JSON.readTree(r.body()).path("tags").forEach(t -> out.add(t.asText()));
        return out;
    }

    /**
     * tag → manifest digest for every tag of {@code repo}, plus, for indexes, each child's digest
     * as {@code "<tag>/<child digest>"} → child digest (so that children served are checked too).
     */
    Map<String, String> digests(String repo) throws IOException, InterruptedException {
        Map<String, String> out = new TreeMap<>();
        for (String tag : tags(repo)) {
            Served s = manifest(repo, tag);
            if (s.status() != 200) {
                throw new IOException("GET manifest " + repo + ":" + tag + " at " + baseUrl + ": status " + s.status());
            }
            out.put(tag, s.bodyDigest());
            for (JsonNode child : s.json().path("manifests")) {
                String d = child.path("digest").asText();
                Served c = manifest(repo, d);
                out.put(tag + "/" + d, c.status() == 200 ? c.bodyDigest() : "status " + c.status());
            }
        }
        return out;
    }

    private HttpResponse<byte[]> get(String path, String scope) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = client.send(request(path, null), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() == 401 && creds != null) {
            String challenge = r.headers().firstValue("WWW-Authenticate").orElse("");
            String token = token(challenge, scope);
            r = client.send(request(path, token), HttpResponse.BodyHandlers.ofByteArray());
        }
        return r;
    }

    private HttpRequest request(String path, String bearer) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10)).GET();
        ACCEPT.forEach(a -> b.header("Accept", a));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return b.build();
    }

    private String token(String challenge, String scope) throws IOException, InterruptedException {
        if (!challenge.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new IOException("expected a Bearer challenge from " + baseUrl + ", got '" + challenge + "'");
        }
        Map<String, String> params = new LinkedHashMap<>();
        Matcher m = PARAM.matcher(challenge);
        while (m.find()) {
            params.put(m.group(1), m.group(2));
        }
        String realm = params.get("realm");
        String url = realm + "?service=" + URLEncoder.encode(params.getOrDefault("service", ""), StandardCharsets.UTF_8)
                + "&scope=" + URLEncoder.encode(params.getOrDefault("scope", scope), StandardCharsets.UTF_8);
        String basic = Base64.getEncoder().encodeToString((creds.user() + ":" + creds.password()).getBytes(StandardCharsets.UTF_8));
        HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Basic " + basic)
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IOException("token request " + url + ": status " + r.statusCode());
        }
        JsonNode body = JSON.readTree(r.body());
        String token = body.path("token").asText(body.path("access_token").asText(null));
        if (token == null || token.isEmpty()) {
            throw new IOException("token response from " + url + " has no token: " + new String(r.body(), StandardCharsets.UTF_8));
        }
        return token;
    }
}
