package dev.regbench.fakeregistry.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regbench.fakeregistry.FakeRegistry;
import dev.regbench.fakeregistry.auth.AuthConfig;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every registry route x {no token, pull token of another repository, pull token, push token}
 * against a real fake registry with token auth, including repository names that hold the
 * reserved path words ({@code blobs/uploads}, {@code manifests}, {@code referrers}). Each cell
 * first puts the repository in a known state with a push token of its own, then sends the
 * request with the column's token, then checks the status and, for a refused write, that
 * nothing changed. The repository each row acts on is the one CNCF distribution would pick
 * (the last resource suffix decides; see {@code RoutingAgreesWithDistributionIT}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RouteTokenTableTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INDEX_TYPE = "application/vnd.oci.image.index.v1+json";
    private static final byte[] INDEX = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[]}"
            .getBytes(StandardCharsets.UTF_8);
    private static final String INDEX_DIGEST = RegistryCalls.sha256(INDEX);

    /** Repository names; the attack names hold reserved path words. */
    private static final List<String> NAMES = List.of("tiny/app0", "blobs/uploads", "tiny/app0/manifests/secret",
            "tiny/app0/blobs/uploads", "tiny/app0/referrers/x");

    /** The token columns. */
    enum Column { NONE, OTHER_PULL, PULL, PUSH }

    private FakeRegistry registry;
    private RegistryCalls calls;
    private final Map<String, String> tokenCache = new ConcurrentHashMap<>();
    private final AtomicInteger cells = new AtomicInteger();

    @BeforeAll
    void start() throws Exception {
        registry = FakeRegistry.builder()
                .auth(AuthConfig.token(Map.of("alice", "pw"), Duration.ofMinutes(30)))
                .ioThreads(2).workerThreads(4)
                .start();
        calls = new RegistryCalls(registry.url());
    }

    @AfterAll
    void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    /**
     * One row: what the request is, whether it writes, and how to set it up and check it.
     *
     * @param allowed the status the handler answers when the token suffices
     */
    record Row(String description, String name, boolean write, int allowed, Cell cell) {
        @Override
        public String toString() {
            return description;
        }
    }

    /** A cell's setup, request and post-condition for one token. */
    interface Cell {
        /** Sends the request with {@code auth} (null: none); returns the response. */
        HttpResponse<byte[]> run(RouteTokenTableTest t, String name, String auth, int id);

        /** After a refused request: asserts the repository is as the setup left it. */
        default void unchanged(RouteTokenTableTest t, String name, int id) {
        }
    }

    static Stream<Arguments> table() {
        List<Arguments> rows = new ArrayList<>();
        for (String name : NAMES) {
            for (Row row : rows(name)) {
                for (Column column : Column.values()) {
                    rows.add(Arguments.of(row, column));
                }
            }
        }
        for (Column column : Column.values()) {
            rows.add(Arguments.of(new Row("GET /v2/ (ping)", null, false, 200,
                    (t, n, auth, id) -> t.calls.send("GET", "/v2/", null, headers(auth))), column));
            rows.add(Arguments.of(new Row("GET /v2/_catalog", null, false, 200,
                    (t, n, auth, id) -> t.calls.send("GET", "/v2/_catalog", null, headers(auth))), column));
        }
        return rows.stream();
    }

    private static List<Row> rows(String name) {
        return List.of(
                new Row("GET tags/list of " + name, name, false, 200,
                        (t, n, auth, id) -> {
                            t.seed(n);
                            return t.calls.send("GET", "/v2/" + n + "/tags/list", null, headers(auth));
                        }),
                new Row("GET manifest of " + name, name, false, 200,
                        (t, n, auth, id) -> {
                            t.seed(n);
                            return t.calls.send("GET", "/v2/" + n + "/manifests/t", null, headers(auth, "Accept", INDEX_TYPE));
                        }),
                new Row("HEAD manifest of " + name, name, false, 200,
                        (t, n, auth, id) -> {
                            t.seed(n);
                            return t.calls.send("HEAD", "/v2/" + n + "/manifests/" + INDEX_DIGEST, null,
                                    headers(auth, "Accept", INDEX_TYPE));
                        }),
                new Row("PUT manifest of " + name, name, true, 201, new Cell() {
                    @Override
                    public HttpResponse<byte[]> run(RouteTokenTableTest t, String n, String auth, int id) {
                        return t.calls.send("PUT", "/v2/" + n + "/manifests/put" + id, INDEX,
                                headers(auth, "Content-Type", INDEX_TYPE));
                    }

                    @Override
                    public void unchanged(RouteTokenTableTest t, String n, int id) {
                        assertThat(t.asPusher("GET", n, "/manifests/put" + id, null).statusCode()).isEqualTo(404);
                    }
                }),
                new Row("DELETE manifest of " + name, name, true, 202, new Cell() {
                    @Override
                    public HttpResponse<byte[]> run(RouteTokenTableTest t, String n, String auth, int id) {
                        t.seed(n);
                        return t.calls.send("DELETE", "/v2/" + n + "/manifests/" + INDEX_DIGEST, null, headers(auth));
                    }

                    @Override
                    public void unchanged(RouteTokenTableTest t, String n, int id) {
                        assertThat(t.asPusher("GET", n, "/manifests/" + INDEX_DIGEST, null).statusCode()).isEqualTo(200);
                    }
                }),
                new Row("GET blob of " + name, name, false, 200,
                        (t, n, auth, id) -> t.calls.send("GET", "/v2/" + n + "/blobs/" + t.seedBlob(n), null, headers(auth))),
                new Row("HEAD blob of " + name, name, false, 200,
                        (t, n, auth, id) -> t.calls.send("HEAD", "/v2/" + n + "/blobs/" + t.seedBlob(n), null, headers(auth))),
                new Row("DELETE blob of " + name, name, true, 202, new Cell() {
                    @Override
                    public HttpResponse<byte[]> run(RouteTokenTableTest t, String n, String auth, int id) {
                        return t.calls.send("DELETE", "/v2/" + n + "/blobs/" + t.seedBlob(n), null, headers(auth));
                    }

                    @Override
                    public void unchanged(RouteTokenTableTest t, String n, int id) {
                        assertThat(t.asPusher("HEAD", n, "/blobs/" + blobDigest(n), null).statusCode()).isEqualTo(200);
                    }
                }),
                new Row("POST upload to " + name, name, true, 202,
                        (t, n, auth, id) -> t.calls.send("POST", "/v2/" + n + "/blobs/uploads/", null, headers(auth))),
                new Row("GET upload status of " + name, name, false, 204,
                        (t, n, auth, id) -> t.calls.send("GET", t.openUpload(n), null, headers(auth))),
                new Row("PATCH upload of " + name, name, true, 202, new Cell() {
                    @Override
                    public HttpResponse<byte[]> run(RouteTokenTableTest t, String n, String auth, int id) {
                        t.lastUpload = t.openUpload(n);
                        return t.calls.send("PATCH", t.lastUpload, bytes("chunk" + id),
                                headers(auth, "Content-Type", "application/octet-stream"));
                    }

                    @Override
                    public void unchanged(RouteTokenTableTest t, String n, int id) {
                        HttpResponse<byte[]> status = t.asPusher("GET", null, t.lastUpload, null);
                        assertThat(status.statusCode()).isEqualTo(204);
                        assertThat(status.headers().firstValue("Range")).hasValue("0-0");
                    }
                }),
                new Row("PUT (close) upload of " + name, name, true, 201, new Cell() {
                    @Override
                    public HttpResponse<byte[]> run(RouteTokenTableTest t, String n, String auth, int id) {
                        byte[] content = bytes("closed" + id);
                        return t.calls.send("PUT", t.openUpload(n) + "?digest=" + RegistryCalls.sha256(content), content,
                                headers(auth, "Content-Type", "application/octet-stream"));
                    }

                    @Override
                    public void unchanged(RouteTokenTableTest t, String n, int id) {
                        assertThat(t.asPusher("HEAD", n, "/blobs/" + RegistryCalls.sha256(bytes("closed" + id)), null)
                                .statusCode()).isEqualTo(404);
                    }
                }),
                new Row("DELETE (cancel) upload of " + name, name, true, 204, new Cell() {
                    @Override
                    public HttpResponse<byte[]> run(RouteTokenTableTest t, String n, String auth, int id) {
                        t.lastUpload = t.openUpload(n);
                        return t.calls.send("DELETE", t.lastUpload, null, headers(auth));
                    }

                    @Override
                    public void unchanged(RouteTokenTableTest t, String n, int id) {
                        assertThat(t.asPusher("GET", null, t.lastUpload, null).statusCode()).isEqualTo(204);
                    }
                }),
                new Row("GET referrers of " + name, name, false, 200,
                        (t, n, auth, id) -> {
                            t.seed(n);
                            return t.calls.send("GET", "/v2/" + n + "/referrers/" + INDEX_DIGEST, null, headers(auth));
                        }));
    }

    private String lastUpload;

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("table")
    void routeByToken(Row row, Column column) throws Exception {
        int id = cells.incrementAndGet();
        // ping and catalog rows: the pull and push tokens also asked for registry:catalog:*, the other one did not
        boolean global = row.name() == null;
        String name = global ? "tiny/app0" : row.name();
        String auth = switch (column) {
            case NONE -> null;
            case OTHER_PULL -> bearer(other(name), "pull", false);
            case PULL -> bearer(name, "pull", global);
            case PUSH -> bearer(name, "pull,push", global);
        };
        HttpResponse<byte[]> response = row.cell().run(this, row.name(), auth, id);
        int expected = expected(row, column);
        assertThat(response.statusCode()).as("%s with %s: %s", row, column,
                new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(expected);
        if (expected == 401 || expected == 403) {
            row.cell().unchanged(this, row.name(), id);
        }
    }

    /** What each cell must answer. */
    private static int expected(Row row, Column column) {
        if (column == Column.NONE) {
            return 401;
        }
        if (row.name() == null) {
            // ping: any valid token; catalog: only tokens that asked for registry:catalog:*
            boolean catalog = row.description().contains("_catalog");
            return catalog && column == Column.OTHER_PULL ? 403 : row.allowed();
        }
        return switch (column) {
            case OTHER_PULL -> 403;
            case PULL -> row.write() ? 403 : row.allowed();
            default -> row.allowed();
        };
    }

    @Test
    void statsCountAReservedWordNameUnderTheRouteTheRouterServes() throws Exception {
        String name = "tiny/app0/manifests/secret";
        String digest = seedBlob(name);
        long blobs = registry.settledStats().requests("blobs");
        long manifests = registry.settledStats().requests("manifests");

        HttpResponse<byte[]> r = calls.send("GET", "/v2/" + name + "/blobs/" + digest, null, headers(bearer(name, "pull")));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(registry.settledStats().requests("blobs")).isEqualTo(blobs + 1);
        assertThat(registry.settledStats().requests("manifests")).isEqualTo(manifests);
    }

    @Test
    void unparsablePaths_areRefusedWithoutReachingAHandler() throws Exception {
        String push = bearer("tiny/app0", "pull,push");
        for (String path : List.of("/v2/blobs/uploads", "/v2//manifests/v1", "/v2/tiny/app0/manifests/",
                "/v2/tiny/app0/manifests/a/b", "/v2/tiny/app0/blobs/uploads/a/b", "/v2/nothing")) {
            assertThat(calls.send("PUT", path, INDEX, headers(null, "Content-Type", INDEX_TYPE)).statusCode())
                    .as("PUT %s without a token", path).isEqualTo(404);
            assertThat(calls.send("PUT", path, INDEX, headers(push, "Content-Type", INDEX_TYPE)).statusCode())
                    .as("PUT %s with a push token", path).isEqualTo(404);
        }
    }

    /** The repository an attacker would hold a token for: the one a confused parser picks. */
    private static String other(String name) {
        return name.equals("tiny/app0") ? "team/other" : "tiny/app0";
    }

    private HttpResponse<byte[]> asPusher(String method, String name, String pathOrUrl, byte[] body) {
        String path = name == null ? pathOrUrl : "/v2/" + name + pathOrUrl;
        String repo = name != null ? name : repoOfUploadUrl(pathOrUrl);
        return calls.send(method, path, body, headers(bearer(repo, "pull,push"), "Accept", INDEX_TYPE));
    }

    private static String repoOfUploadUrl(String url) {
        String path = java.net.URI.create(url).getPath();
        return path.substring(4, path.lastIndexOf("/blobs/uploads/"));
    }

    /** Puts the empty index in {@code name} as tag {@code t}. */
    private void seed(String name) {
        HttpResponse<byte[]> r = calls.send("PUT", "/v2/" + name + "/manifests/t", INDEX,
                headers(bearer(name, "pull,push"), "Content-Type", INDEX_TYPE));
        assertThat(r.statusCode()).as("seeding %s", name).isEqualTo(201);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String blobDigest(String name) {
        return RegistryCalls.sha256(bytes("blob of " + name));
    }

    /** Uploads the blob of {@code name} into it; returns its digest. */
    private String seedBlob(String name) {
        byte[] content = bytes("blob of " + name);
        String push = bearer(name, "pull,push");
        HttpResponse<byte[]> r = calls.send("POST", "/v2/" + name + "/blobs/uploads/?digest=" + RegistryCalls.sha256(content),
                content, headers(push, "Content-Type", "application/octet-stream"));
        assertThat(r.statusCode()).as("seeding blob of %s", name).isEqualTo(201);
        return RegistryCalls.sha256(content);
    }

    /** Opens an upload session in {@code name}; returns its absolute URL. */
    private String openUpload(String name) {
        HttpResponse<byte[]> r = calls.send("POST", "/v2/" + name + "/blobs/uploads/", null,
                headers(bearer(name, "pull,push")));
        assertThat(r.statusCode()).as("opening an upload in %s", name).isEqualTo(202);
        return r.headers().firstValue("Location").orElseThrow();
    }

    private static String[] headers(String auth, String... more) {
        List<String> all = new ArrayList<>(List.of(more));
        if (auth != null) {
            all.add("Authorization");
            all.add(auth);
        }
        return all.toArray(String[]::new);
    }

    private String bearer(String name, String actions) {
        return bearer(name, actions, false);
    }

    /** A bearer token for {@code repository:<name>:<actions>}, and {@code registry:catalog:*} when {@code catalog}. */
    private String bearer(String name, String actions, boolean catalog) {
        String key = name + " " + actions + " " + catalog;
        return tokenCache.computeIfAbsent(key, k -> {
            String scope = "&scope=repository:" + name + ":" + actions + (catalog ? "&scope=registry:catalog:*" : "");
            String basic = "Basic " + Base64.getEncoder().encodeToString(bytes("alice:pw"));
            HttpResponse<byte[]> r = calls.send("GET", "/token?service=regbench" + scope, null, "Authorization", basic);
            assertThat(r.statusCode()).isEqualTo(200);
            try {
                return "Bearer " + JSON.readTree(r.body()).get("token").asText();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }
}
