package dev.regbench.fakeregistry.peers;

import dev.regbench.fakeregistry.peers.Tools.Tool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A real CNCF distribution registry ({@code docker-registry serve CONFIG}, Debian package
 * {@code docker-registry}) running as a child process on 127.0.0.1 and a free port, for
 * interop tests and for the harness's {@code real-registry} scenario.
 *
 * <p>Each instance writes a throw-away YAML config and a filesystem storage directory under
 * its own temp folder: deletes enabled, no auth, no debug listener, log level {@code warn},
 * access log off, in-memory blob descriptor cache (as Debian's default config). {@link #start()}
 * returns once {@code GET /v2/} answers 200; {@link #close()} kills the process and deletes the
 * temp folder. The process's output goes to {@link #logFile()}.
 *
 * <p>Thread-safety: {@link #close()} may be called from any thread and more than once; the
 * accessors are immutable.
 */
public final class DistributionRegistry implements AutoCloseable {

    /** Default time to wait for {@code GET /v2/} to answer after launching: 20 s. */
    public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(20);

    private static final int START_ATTEMPTS = 3;

    private final Process process;
    private final Path workDir;
    private final Path storageDir;
    private final Path logFile;
    private final int port;
    private volatile boolean closed;

    private DistributionRegistry(Process process, Path workDir, Path storageDir, Path logFile, int port) {
        this.process = process;
        this.workDir = workDir;
        this.storageDir = storageDir;
        this.logFile = logFile;
        this.port = port;
    }

    /** Starts a registry with {@link #DEFAULT_STARTUP_TIMEOUT}. */
    public static DistributionRegistry start() {
        return start(DEFAULT_STARTUP_TIMEOUT);
    }

    /**
     * Starts a registry and waits until it serves {@code GET /v2/}.
     *
     * @throws Tools.ToolMissingException when {@code docker-registry} is not installed
     * @throws IllegalStateException when it does not come up in time (with its log's tail)
     */
    public static DistributionRegistry start(Duration startupTimeout) {
        Path binary = Tools.require(Tool.DISTRIBUTION);
        IllegalStateException last = null;
        // A free port can be taken between probing and binding: retry with a new one.
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            try {
                return launch(binary, startupTimeout);
            } catch (IllegalStateException e) {
                last = e;
            }
        }
        throw last;
    }

    private static DistributionRegistry launch(Path binary, Duration startupTimeout) {
        Path work;
        try {
            work = Files.createTempDirectory("regbench-distribution-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temp dir for docker-registry", e);
        }
        Path storage = work.resolve("storage");
        Path config = work.resolve("config.yml");
        Path log = work.resolve("registry.log");
        int port = PeerFiles.freeLoopbackPort();
        Process process = null;
        try {
            Files.createDirectories(storage);
            Files.writeString(config, configYaml(storage, port));
            ProcessBuilder pb = new ProcessBuilder(binary.toString(), "serve", config.toString())
                    .directory(work.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            // REGISTRY_* variables would override the config file: start from a clean slate.
            Map<String, String> env = pb.environment();
            env.keySet().removeIf(k -> k.startsWith("REGISTRY_"));
            process = pb.start();
            DistributionRegistry reg = new DistributionRegistry(process, work, storage, log, port);
            reg.awaitReady(startupTimeout);
            return reg;
        } catch (IOException e) {
            PeerFiles.stop(process, 2000);
            PeerFiles.deleteRecursively(work);
            throw new UncheckedIOException("cannot start " + binary + " with " + config, e);
        } catch (RuntimeException e) {
            String tail = PeerFiles.tail(log, 2000);
            PeerFiles.stop(process, 2000);
            PeerFiles.deleteRecursively(work);
            throw new IllegalStateException(e.getMessage() + "; registry log: " + tail, e);
        }
    }

    static String configYaml(Path storage, int port) {
        return """
                version: 0.1
                log:
                  level: warn
                  accesslog:
                    disabled: true
                storage:
                  cache:
                    blobdescriptor: inmemory
                  filesystem:
                    rootdirectory: %s
                  delete:
                    enabled: true
                  maintenance:
                    uploadpurging:
                      enabled: false
                http:
                  addr: 127.0.0.1:%d
                """.formatted(storage.toAbsolutePath(), port);
    }

    private void awaitReady(Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ping = HttpRequest.newBuilder(URI.create(url() + "/v2/"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastProblem = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("docker-registry exited with code " + process.exitValue()
                        + " before serving GET " + url() + "/v2/");
            }
            try {
                HttpResponse<Void> r = client.send(ping, HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
                lastProblem = "status " + r.statusCode();
            } catch (ConnectException e) {
                lastProblem = "connection refused";
            } catch (IOException e) {
                lastProblem = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for docker-registry", e);
            }
            sleepQuietly(50);
        }
        throw new IllegalStateException("docker-registry did not answer GET " + url() + "/v2/ within "
                + timeout + " (" + lastProblem + ")");
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String url() {
        return "http://" + host();
    }

    /** {@code 127.0.0.1:PORT}, the registry part of a skopeo/crane reference. */
    public String host() {
        return "127.0.0.1:" + port;
    }

    /** The TCP port it listens on. */
    public int port() {
        return port;
    }

    /** The filesystem storage root (deleted by {@link #close()}). */
    public Path storageDir() {
        return storageDir;
    }

    /** Where the process's stdout and stderr go (deleted by {@link #close()}). */
    public Path logFile() {
        return logFile;
    }

    /** The process id, for profilers and {@code ps}. */
    public long pid() {
        return process.pid();
    }

    /** Whether the process is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Kills the process (SIGTERM, then SIGKILL after 5 s) and deletes the temp folder. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        PeerFiles.stop(process, 5000);
        PeerFiles.deleteRecursively(workDir);
    }

    @Override
    public String toString() {
        return "DistributionRegistry[" + url() + ", pid " + process.pid() + "]";
    }
}
