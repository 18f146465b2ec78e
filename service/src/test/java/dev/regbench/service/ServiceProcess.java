package dev.regbench.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One job service instance as its own OS process, for tests and benches that kill it with
 * SIGKILL ({@link #kill()}): a child JVM on this JVM's class path runs {@link #main}, which starts a
 * {@link ReplicationService} with the engine's {@link ReplicatorJobRunner} and appends one line
 * per run start and end to a journal file ({@code start <job> <instance>@<pid> <epoch ms>},
 * {@code end <job> <instance>@<pid> <epoch ms> ok|failed}) — written before and after each run, so a
 * run cut by the kill shows as a start without an end. The token reaches the child in its
 * environment ({@value AccessPolicy#TOKEN_ENV}), never on its command line. The child ends when
 * its standard input closes (the parent JVM went away), so no child outlives a test run.
 * Not thread-safe.
 */
final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final String url;
    private final Path output;

    private ServiceProcess(Process process, String url, Path output) {
        this.process = process;
        this.url = url;
        this.output = output;
    }

    /**
     * Starts an instance and waits (≤ 60 s) until it serves.
     *
     * @param store     {@code jdbc:postgresql://...} (shared) or a directory (embedded H2 file store)
     * @param instance  the instance id
     * @param lease     its lease; renewals every lease / 6
     * @param journal   the run journal it appends to
     */
    static ServiceProcess start(String store, String instance, Duration lease, Path journal, String token)
            throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path output = Files.createTempFile("regbench-service-" + instance + "-", ".out");
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), ServiceProcess.class.getName(),
                store, instance, Long.toString(lease.toMillis()), journal.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(output.toFile());
        pb.environment().put(AccessPolicy.TOKEN_ENV, token);
        Process p = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String out = Files.readString(output, StandardCharsets.UTF_8);
            int at = out.indexOf("listening ");
            if (at >= 0 && out.indexOf('\n', at) > 0) {
                return new ServiceProcess(p, out.substring(at + "listening ".length(), out.indexOf('\n', at)).strip(), output);
            }
            if (!p.isAlive()) {
                throw new IllegalStateException("service process " + instance + " exited " + p.exitValue() + ": " + out);
            }
            Thread.sleep(50);
        }
        p.destroyForcibly();
        throw new IllegalStateException("service process " + instance + " did not start within 60 s: "
                + Files.readString(output, StandardCharsets.UTF_8));
    }

    String url() {
        return url;
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL (as {@code kill -9}): no shutdown hook, no last write. Returns the exit status (137). */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            throw new IllegalStateException("process " + process.pid() + " survived SIGKILL for 20 s");
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            Files.deleteIfExists(output);
        } catch (IOException ignored) {
            // best effort
        }
    }

    /** {@code ServiceProcess STORE INSTANCE LEASE_MS JOURNAL}; the token in {@value AccessPolicy#TOKEN_ENV}. */
    public static void main(String[] args) throws Exception {
        String store = args[0];
        String instance = args[1];
        Duration lease = Duration.ofMillis(Long.parseLong(args[2]));
        Path journal = Path.of(args[3]);
        JobRunner real = new ReplicatorJobRunner();
        String life = instance + "@" + ProcessHandle.current().pid(); // one instance id may live twice (a restart)
        JobRunner journaled = (spec, ctx) -> {
            append(journal, "start " + ctx.jobId() + " " + life + " " + System.currentTimeMillis());
            boolean ok = false;
            try {
                real.run(spec, ctx);
                ok = true;
            } finally {
                append(journal, "end " + ctx.jobId() + " " + life + " " + System.currentTimeMillis()
                        + (ok ? " ok" : " failed"));
            }
        };
        ReplicationService.Builder b = ReplicationService.builder()
                .config(ServiceConfig.DEFAULT.withPort(0).withJobLimits(2, 10_000))
                .cluster(ClusterConfig.DEFAULT.withInstanceId(instance).withLease(lease, lease.dividedBy(6)))
                .access(AccessPolicy.of(AccessPolicy.tokensFromEnv(System.getenv(AccessPolicy.TOKEN_ENV))))
                .runner(journaled);
        if (store.startsWith("jdbc:")) {
            b.database(store, "postgres", null);
        } else {
            b.dataDir(Path.of(store));
        }
        ReplicationService service = b.start();
        System.out.println("listening " + service.url());
        System.out.flush();
        InputStream in = System.in;
        while (in.read() >= 0) {
            // nothing is sent; EOF means the parent is gone
        }
        service.close();
        System.exit(0);
    }

    /** One journal line, appended with one write (O_APPEND: lines of concurrent runs never interleave). */
    private static synchronized void append(Path journal, String line) throws IOException {
        Files.writeString(journal, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }
}
