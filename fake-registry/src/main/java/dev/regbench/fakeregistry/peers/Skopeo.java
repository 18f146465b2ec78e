package dev.regbench.fakeregistry.peers;

import dev.regbench.fakeregistry.peers.Tools.Tool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code skopeo} client against registries on 127.0.0.1: {@code copy},
 * {@code sync} (docker to docker, or to/from a local directory), {@code inspect --raw},
 * {@code list-tags}.
 *
 * <p>Every registry reference is given with TLS verification off
 * ({@code --src-tls-verify=false --dest-tls-verify=false}, {@code --tls-verify=false}), so skopeo
 * talks plain HTTP to 127.0.0.1 (after first probing TLS, as it does), and with
 * {@code --insecure-policy} so no {@code policy.json} is needed. Each command runs with a
 * timeout, after which skopeo is killed; the result carries the exit code and both outputs.
 *
 * <p>Immutable and thread-safe: commands may run concurrently.
 */
public final class Skopeo {

    /** Default time limit of one skopeo command: 120 s. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

    private final Path binary;
    private final Duration timeout;
    private final boolean debug;

    private Skopeo(Path binary, Duration timeout, boolean debug) {
        this.binary = binary;
        this.timeout = timeout;
        this.debug = debug;
    }

    /**
     * The installed skopeo with {@link #DEFAULT_TIMEOUT}.
     *
     * @throws Tools.ToolMissingException when skopeo is not installed
     */
    public static Skopeo locate() {
        return new Skopeo(Tools.require(Tool.SKOPEO), DEFAULT_TIMEOUT, false);
    }

    /** The same client with another time limit per command. */
    public Skopeo withTimeout(Duration newTimeout) {
        if (newTimeout.isNegative() || newTimeout.isZero()) {
            throw new IllegalArgumentException("skopeo timeout must be positive, got " + newTimeout);
        }
        return new Skopeo(binary, newTimeout, debug);
    }

    /** The same client passing {@code --debug} (every HTTP request appears in the output). */
    public Skopeo withDebug(boolean on) {
        return new Skopeo(binary, timeout, on);
    }

    /** The skopeo executable used. */
    public Path binary() {
        return binary;
    }

    /** User name and password for a registry's token or basic auth. */
    public record Credentials(String user, String password) {
        public Credentials {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
            if (user.contains(":")) {
                throw new IllegalArgumentException("skopeo credentials: user name must not contain ':', got '" + user + "'");
            }
        }

        String arg() {
            return user + ":" + password;
        }
    }

    /**
     * Options of {@code copy} and {@code sync}.
     *
     * @param srcCreds credentials for the source registry, or null for anonymous
     * @param destCreds credentials for the destination registry, or null for anonymous
     * @param all copy every image of an index ({@code --all}); default false
     * @param preserveDigests fail rather than convert a manifest ({@code --preserve-digests}); default false
     * @param extra further arguments placed before the references
     */
    public record CopyOptions(Credentials srcCreds, Credentials destCreds, boolean all,
                              boolean preserveDigests, List<String> extra) {
        /** Anonymous, single image, digests may change on conversion, no extra arguments. */
        public static final CopyOptions DEFAULT = new CopyOptions(null, null, false, false, List.of());

        public CopyOptions {
            extra = List.copyOf(extra);
        }

        public CopyOptions withSrcCreds(Credentials c) {
            return new CopyOptions(c, destCreds, all, preserveDigests, extra);
        }

        public CopyOptions withDestCreds(Credentials c) {
            return new CopyOptions(srcCreds, c, all, preserveDigests, extra);
        }

        public CopyOptions withAll(boolean on) {
            return new CopyOptions(srcCreds, destCreds, on, preserveDigests, extra);
        }

        public CopyOptions withPreserveDigests(boolean on) {
            return new CopyOptions(srcCreds, destCreds, all, on, extra);
        }

        public CopyOptions withExtra(String... args) {
            List<String> e = new ArrayList<>(extra);
            e.addAll(List.of(args));
            return new CopyOptions(srcCreds, destCreds, all, preserveDigests, e);
        }

        void appendTo(List<String> cmd) {
            cmd.add("--src-tls-verify=false");
            cmd.add("--dest-tls-verify=false");
            if (srcCreds != null) {
                cmd.add("--src-creds=" + srcCreds.arg());
            }
            if (destCreds != null) {
                cmd.add("--dest-creds=" + destCreds.arg());
            }
            if (all) {
                cmd.add("--all");
            }
            if (preserveDigests) {
                cmd.add("--preserve-digests");
            }
            cmd.addAll(extra);
        }
    }

    /**
     * What one skopeo command did.
     *
     * @param command the command line (passwords masked)
     * @param exitCode the exit code, or -1 when killed after the timeout
     * @param stdout standard output, as bytes (a raw manifest is byte-exact here)
     * @param stderr standard error
     * @param timedOut whether it was killed after the timeout
     * @param elapsed wall time
     */
    public record Result(List<String> command, int exitCode, byte[] stdout, String stderr,
                         boolean timedOut, Duration elapsed) {
        /** Whether skopeo exited with 0. */
        public boolean ok() {
            return exitCode == 0 && !timedOut;
        }

        /** Standard output as UTF-8 text. */
        public String stdoutText() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        /** This result when {@link #ok()}, else an exception with the command, exit code and output. */
        public Result orThrow() {
            if (!ok()) {
                throw new SkopeoException(this);
            }
            return this;
        }

        /** A readable account: command, exit code, and the outputs (stdout cut to 4000 chars). */
        public String describe() {
            String out = stdoutText();
            if (out.length() > 4000) {
                out = out.substring(0, 4000) + "…";
            }
            return String.join(" ", command) + "\n  exit " + (timedOut ? "(killed after timeout)" : exitCode)
                    + " after " + elapsed.toMillis() + " ms\n  stdout: " + out + "\n  stderr: " + stderr;
        }

        @Override
        public String toString() {
            return describe();
        }
    }

    /** Thrown by {@link Result#orThrow()} when skopeo failed. */
    public static final class SkopeoException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Result result;

        SkopeoException(Result result) {
            super("skopeo failed: " + result.describe());
            this.result = result;
        }

        public Result result() {
            return result;
        }
    }

    /** {@code docker://HOST/REPO:TAG} (or {@code @sha256:…} when {@code tagOrDigest} is a digest). */
    public static String dockerRef(String host, String repository, String tagOrDigest) {
        String sep = tagOrDigest.contains(":") ? "@" : ":";
        return "docker://" + host + "/" + repository + sep + tagOrDigest;
    }

    /** {@code skopeo copy [options] SRC DEST} with full transport references ({@code docker://…}, {@code oci:…}, {@code dir:…}). */
    public Result copy(String src, String dest, CopyOptions options) {
        List<String> cmd = new ArrayList<>(List.of("copy"));
        options.appendTo(cmd);
        cmd.add(src);
        cmd.add(dest);
        return run(cmd);
    }

    /**
     * {@code skopeo sync --src docker --dest docker [options] SRC DEST}: copies every tag of
     * {@code srcRepository} (e.g. {@code 127.0.0.1:5000/team/app}, or one tag with {@code :tag})
     * to {@code destPrefix/<last path element of the repository>} (e.g. {@code 127.0.0.1:5001/mirror}).
     */
    public Result sync(String srcRepository, String destPrefix, CopyOptions options) {
        return sync("docker", "docker", srcRepository, destPrefix, options);
    }

    /** {@code skopeo sync --src SRC_TRANSPORT --dest DEST_TRANSPORT [options] SRC DEST} ({@code docker}, {@code dir}, {@code yaml}). */
    public Result sync(String srcTransport, String destTransport, String src, String dest, CopyOptions options) {
        List<String> cmd = new ArrayList<>(List.of("sync", "--src", srcTransport, "--dest", destTransport));
        options.appendTo(cmd);
        cmd.add(src);
        cmd.add(dest);
        return run(cmd);
    }

    /** {@code skopeo inspect --raw --tls-verify=false REF}: the manifest bytes exactly as served. */
    public Result inspectRaw(String ref, Credentials creds) {
        List<String> cmd = new ArrayList<>(List.of("inspect", "--raw", "--tls-verify=false"));
        if (creds != null) {
            cmd.add("--creds=" + creds.arg());
        }
        cmd.add(ref);
        return run(cmd);
    }

    /** The sha256 digest ({@code sha256:<hex>}) of the manifest served for {@code ref}, from {@code inspect --raw}. */
    public String manifestDigest(String ref, Credentials creds) {
        return sha256(inspectRaw(ref, creds).orThrow().stdout());
    }

    /** {@code skopeo list-tags --tls-verify=false docker://HOST/REPO}: the tags, as listed. */
    public List<String> listTags(String dockerRepositoryRef, Credentials creds) {
        List<String> cmd = new ArrayList<>(List.of("list-tags", "--tls-verify=false"));
        if (creds != null) {
            cmd.add("--creds=" + creds.arg());
        }
        cmd.add(dockerRepositoryRef);
        Result r = run(cmd).orThrow();
        try {
            com.fasterxml.jackson.databind.JsonNode tags =
                    new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.stdout()).path("Tags");
            List<String> out = new ArrayList<>();
            tags.forEach(t -> out.add(t.asText()));
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("skopeo list-tags printed something that is not JSON: " + r.describe(), e);
        }
    }

    /** Runs {@code skopeo [--debug] --insecure-policy ARGS…} with the timeout. */
    public Result run(List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(binary.toString());
        if (debug) {
            cmd.add("--debug");
        }
        cmd.add("--insecure-policy");
        cmd.addAll(args);
        Path out = null;
        Path err = null;
        Process p = null;
        long t0 = System.nanoTime();
        try {
            out = Files.createTempFile("regbench-skopeo-", ".out");
            err = Files.createTempFile("regbench-skopeo-", ".err");
            p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            boolean finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                PeerFiles.stop(p, 2000);
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
            return new Result(masked(cmd), finished ? p.exitValue() : -1, Files.readAllBytes(out),
                    Files.readString(err, StandardCharsets.UTF_8), !finished, elapsed);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", masked(cmd)), e);
        } catch (InterruptedException e) {
            PeerFiles.stop(p, 2000);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", masked(cmd)), e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static List<String> masked(List<String> cmd) {
        List<String> m = new ArrayList<>(cmd.size());
        for (String a : cmd) {
            int i = a.indexOf("creds=");
            int colon = i < 0 ? -1 : a.indexOf(':', i);
            m.add(colon < 0 ? a : a.substring(0, colon + 1) + "***");
        }
        return m;
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a temp file left behind is harmless
            }
        }
    }

    /** {@code sha256:<hex>} of {@code bytes}. */
    public static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK without SHA-256", e);
        }
    }
}
