package dev.regbench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code regbench registry} in a JVM of its own (XNIO must not have been loaded yet): its own
 * line comes first with no XNIO/Undertow INFO lines before it; with {@code --auth token} the
 * admin API needs the token from the file it names; a torn storage entry is reported on one
 * line naming the file. Each child is killed at the end (and lives at most 60 s).
 */
class RegistryCommandTest {
    private static final Pattern URL = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");
    private static final Pattern TOKEN_FILE = Pattern.compile("the token in (\\S+)");

    @TempDir
    Path dir;

    /** The child's stdout lines up to the admin line, and its stderr so far. */
    private record Started(Process process, List<String> out, Path err) {
        String line(Pattern pattern) {
            for (String l : out) {
                Matcher m = pattern.matcher(l);
                if (m.find()) {
                    return m.group(1);
                }
            }
            throw new AssertionError("no line matches " + pattern + " in " + out);
        }
    }

    private Started start(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", System.getProperty("java.class.path"), RegbenchCli.class.getName(), "registry",
                "--port", "0"));
        command.addAll(List.of(args));
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String line;
        while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
            lines.add(line);
            if (line.startsWith("stats: ")) {
                // the admin-token line, when there is one, follows at once
                if (args.length > 0 && String.join(" ", args).contains("--auth token")) {
                    lines.add(out.readLine());
                }
                return new Started(p, lines, err);
            }
        }
        p.destroyForcibly();
        throw new AssertionError("registry did not start: " + lines + " / " + Files.readString(err));
    }

    private static void stop(Started s) throws Exception {
        s.process().destroy();
        if (!s.process().waitFor(10, TimeUnit.SECONDS)) {
            s.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** One child JVM for every check: starting one costs seconds on a busy machine. */
    @Test
    void registry_quietStart_tokenProtectedAdminOnItsOwnPort_tornEntryReported() throws Exception {
        Path revision = dir.resolve("store/repositories/team/app/_manifests/revisions/sha256/" + "a".repeat(64));
        Files.createDirectories(revision);
        Files.writeString(revision.resolve("data"), "{}"); // no type file: a torn entry of an older version
        Started s = start("--auth", "token", "--admin-port", "0", "--storage", dir.resolve("store").toString(),
                "--body-read-timeout", "10s", "--max-slow-bodies", "3");
        try {
            // its own line first, no XNIO/Undertow INFO lines on stderr
            assertThat(s.out().get(0)).startsWith("regbench fake registry listening on http://127.0.0.1:");
            String err = Files.readString(s.err());
            assertThat(err).doesNotContain("XNIO").doesNotContain("INFO");
            // the torn entry: one line naming the file
            assertThat(err.lines()).anySatisfy(l ->
                    assertThat(l).startsWith("storage: skipped").contains(revision.resolve("data").toString()));

            String registry = s.line(URL);
            String admin = s.line(Pattern.compile("stats: (http://127\\.0\\.0\\.1:\\d+)/_regbench/stats"));
            Path tokenFile = Path.of(s.line(TOKEN_FILE));
            String token = Files.readString(tokenFile).trim();
            assertThat(admin).isNotEqualTo(registry);
            assertThat(String.join("\n", s.out())).doesNotContain(token);

            assertThat(get(admin + "/_regbench/stats", null).statusCode()).isEqualTo(401);
            HttpResponse<String> withToken = get(admin + "/_regbench/stats", token);
            assertThat(withToken.statusCode()).isEqualTo(200);
            assertThat(withToken.body()).contains("slowClientsClosed");
            assertThat(get(registry + "/_regbench/stats", token).statusCode()).isEqualTo(404);
            assertThat(get(registry + "/v2/", null).statusCode()).isEqualTo(401);
        } finally {
            stop(s);
        }
    }

    private static HttpResponse<String> get(String url, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
