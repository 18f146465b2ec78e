package dev.regbench.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway {@code redis-server} for tests on a free 127.0.0.1 port, without persistence
 * ({@code --save '' --appendonly no}); {@link #stop()} / {@link #start()} take it away and bring
 * it back on the same port. Skips the test when redis-server is missing (see {@link RealServers}).
 * Not thread-safe; one per test class.
 */
public final class LocalRedis implements AutoCloseable {

    private final Path binary;
    private final Path dir;
    private final int port;
    private Process process;

    private LocalRedis(Path binary, Path dir, int port) {
        this.binary = binary;
        this.dir = dir;
        this.port = port;
    }

    public static LocalRedis launch() throws Exception {
        Path bin = RealServers.onPath("redis-server").orElse(null);
        if (bin == null) {
            RealServers.missing("redis-server is not installed");
        }
        LocalRedis r = new LocalRedis(bin, Files.createTempDirectory("regbench-redis-"), RealServers.freePort());
        r.start();
        return r;
    }

    public void start() throws IOException, InterruptedException {
        process = new ProcessBuilder(List.of(binary.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        if (!RealServers.awaitPort(port, 10_000)) {
            stop();
            throw new IOException("redis-server did not listen on 127.0.0.1:" + port + ": " + Files.readString(dir.resolve("redis.log")));
        }
    }

    public void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            process = null;
        }
    }

    /** The server's process id (tests pause it with SIGSTOP to make it slow). */
    public long pid() {
        return process.pid();
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
        RealServers.deleteTree(dir);
    }
}
