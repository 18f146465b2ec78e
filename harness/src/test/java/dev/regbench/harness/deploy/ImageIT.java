package dev.regbench.harness.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regbench.fakeregistry.FakeRegistry;
import dev.regbench.fakeregistry.peers.DistributionRegistry;
import dev.regbench.fakeregistry.peers.Skopeo;
import dev.regbench.fakeregistry.peers.Tools;
import dev.regbench.fakeregistry.peers.Tools.Tool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container image Jib built ({@code -Pimage}: {@code target/jib-image.tar}) pushed with skopeo
 * to a loopback fake registry and to CNCF distribution, inspected there (layers, entrypoint,
 * labels with the version and commit, the fixed creation time), and run: its layers unpacked in
 * order and its entrypoint started with {@code --version} in a chroot (private mount namespace
 * with its own /proc; needs root and unshare, else that part is skipped).
 *
 * <p>Skips when the image was not built, unless {@code -Dregbench.image.required=true} (the
 * {@code image} profile sets it), and when skopeo or docker-registry is missing, unless
 * {@code -Dregbench.interop.required=true}.
 */
class ImageIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @Test
    void jibImage_pushesToLoopbackRegistries_inspectsAndRuns() throws Exception {
        Path tar = Path.of("target/jib-image.tar").toAbsolutePath();
        if (!Files.isRegularFile(tar)) {
            String why = tar + " not built (./mvnw -Pimage -pl harness -am verify builds it)";
            if (Boolean.getBoolean("regbench.image.required")) {
                Assertions.fail(why);
            }
            Assumptions.abort(why);
        }
        for (Tool tool : List.of(Tool.SKOPEO, Tool.DISTRIBUTION)) {
            if (!Tools.present(tool)) {
                if (Boolean.getBoolean("regbench.interop.required")) {
                    Assertions.fail(tool.command() + " is missing (apt-get install " + tool.debianPackage() + ")");
                }
                Assumptions.abort(tool.command() + " is missing");
            }
        }
        String version = System.getProperty("regbench.version", "0.1.0-SNAPSHOT");
        Skopeo skopeo = Skopeo.locate();
        try (FakeRegistry fake = FakeRegistry.builder().start();
             DistributionRegistry distribution = DistributionRegistry.start()) {
            List<String> digests = new ArrayList<>();
            JsonNode inspected = null;
            JsonNode config = null;
            for (String host : List.of(fake.host(), distribution.host())) {
                String ref = Skopeo.dockerRef(host, "regbench", version);
                skopeo.copy("docker-archive:" + tar, ref, Skopeo.CopyOptions.DEFAULT).orThrow();
                digests.add(skopeo.manifestDigest(ref, null));
                inspected = JSON.readTree(run(skopeo.binary().toString(), "inspect", "--tls-verify=false", ref));
                config = JSON.readTree(run(skopeo.binary().toString(), "inspect", "--config", "--tls-verify=false", ref));
                assertThat(inspected.path("Labels").path("org.opencontainers.image.version").asText()).isEqualTo(version);
                assertThat(inspected.path("Labels").path("dev.regbench.commit").asText()).matches("[0-9a-f]{40}");
                assertThat(inspected.path("Created").asText()).as("fixed creation time").startsWith("1970-01-01T00:00:00");
            }
            assertThat(digests.get(1)).as("the same manifest in both registries").isEqualTo(digests.get(0));
            List<String> entrypoint = new ArrayList<>();
            config.at("/config/Entrypoint").forEach(e -> entrypoint.add(e.asText()));
            assertThat(entrypoint).startsWith("/opt/java/bin/java").endsWith("dev.regbench.harness.cli.RegbenchCli");
            JsonNode layers = JSON.readTree(skopeo.inspectRaw(Skopeo.dockerRef(fake.host(), "regbench", version), null)
                    .orThrow().stdout()).path("layers");
            assertThat(layers.size()).as("runtime, dependencies, resources, classes, ... layers").isGreaterThanOrEqualTo(4);
            long total = 0;
            StringBuilder list = new StringBuilder();
            for (JsonNode l : layers) {
                total += l.path("size").asLong();
                list.append(String.format(Locale.ROOT, "  %s %8.1f MiB%n", l.path("digest").asText(),
                        l.path("size").asLong() / 1048576.0));
            }
            System.out.printf(Locale.ROOT, "image %s (%s): %d layers, %.1f MiB compressed; entrypoint %s; labels %s%n%s",
                    digests.get(0), tar, layers.size(), total / 1048576.0, entrypoint, inspected.path("Labels"), list);

            Path root = unpack(tar, temp.resolve("rootfs"));
            assertThat(root.resolve("opt/java/bin/java")).isExecutable();
            assertThat(root.resolve("app/jib-classpath-file")).isRegularFile();
            boolean canChroot = "root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/bin/unshare"));
            if (!canChroot) {
                System.out.println("ImageIT: not root or no unshare: the entrypoint was not run");
                return;
            }
            Files.createDirectories(root.resolve("proc"));
            StringBuilder cmd = new StringBuilder("mount -t proc proc '" + root + "/proc' && exec chroot '" + root + "'");
            entrypoint.forEach(a -> cmd.append(" '").append(a).append("'"));
            cmd.append(" --version");
            String out = run("unshare", "--mount", "--fork", "sh", "-c", cmd.toString());
            System.out.println("image entrypoint --version: " + out.trim());
            assertThat(out).contains(version);
        }
    }

    /** Unpacks a docker-archive tar's layers, in order, into {@code dir}. */
    private Path unpack(Path tar, Path dir) throws Exception {
        Path archive = temp.resolve("archive");
        Files.createDirectories(archive);
        Files.createDirectories(dir);
        run("tar", "-xf", tar.toString(), "-C", archive.toString());
        JsonNode manifest = JSON.readTree(archive.resolve("manifest.json").toFile());
        for (JsonNode layer : manifest.at("/0/Layers")) {
            run("tar", "-xzf", archive.resolve(layer.asText()).toString(), "-C", dir.toString());
        }
        return dir;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + ": timed out");
        }
        if (p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " exited " + p.exitValue() + ": " + err);
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
