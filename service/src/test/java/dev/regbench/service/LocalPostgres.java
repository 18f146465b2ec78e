package dev.regbench.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A throwaway PostgreSQL server for tests: {@code initdb} into a temp directory, {@code pg_ctl
 * start} on a free 127.0.0.1 port (socket in the same directory, fsync off), {@link #stop()} /
 * {@link #start()} to take it away and bring it back on the same port, {@link #close()} to stop it
 * and delete everything. Binaries are found under {@code /usr/lib/postgresql/<version>/bin}; when
 * run as root, initdb and the server run as {@code nobody} (initdb refuses root). Skips the test
 * when PostgreSQL is missing (see {@link RealServers}). Not thread-safe; one per test class.
 */
public final class LocalPostgres implements AutoCloseable {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final Path bin;
    private final Path dir;
    private final Path data;
    private final int port;
    private boolean running;

    private LocalPostgres(Path bin, Path dir, int port) {
        this.bin = bin;
        this.dir = dir;
        this.data = dir.resolve("data");
        this.port = port;
    }

    /** Starts a fresh server, or skips the test when PostgreSQL is not installed. */
    public static LocalPostgres launch() throws Exception {
        Path bin = RealServers.postgresBin().orElse(null);
        if (bin == null) {
            RealServers.missing("PostgreSQL server binaries (/usr/lib/postgresql/*/bin/initdb) are not installed");
        }
        Path dir = Files.createTempDirectory("regbench-pg-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        if ("root".equals(System.getProperty("user.name"))) {
            UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(dir, users.lookupPrincipalByName("nobody"));
        }
        LocalPostgres pg = new LocalPostgres(bin, dir, RealServers.freePort());
        try {
            RealServers.run(RealServers.asUnprivileged(List.of(bin.resolve("initdb").toString(), "-D", pg.data.toString(),
                    "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions")),
                    Path.of(dir + ".initdb.log"), 60);
            pg.start();
            return pg;
        } catch (Exception e) {
            pg.close();
            throw e;
        }
    }

    /** Starts (again) the server on its port. */
    public void start() throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-t", "30",
                "-l", dir.resolve("server.log").toString(),
                "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
                        + " -c synchronous_commit=off -c full_page_writes=off -c max_connections=200", "start"));
        RealServers.run(RealServers.asUnprivileged(cmd), Path.of(dir + ".pgctl.log"), 40);
        running = true;
    }

    /** Stops the server (fast shutdown: clients are disconnected). */
    public void stop() throws IOException, InterruptedException {
        if (!running) {
            return;
        }
        RealServers.run(RealServers.asUnprivileged(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w",
                "-t", "30", "-m", "fast", "stop")), Path.of(dir + ".pgctl.log"), 40);
        running = false;
    }

    public int port() {
        return port;
    }

    /** A new empty database on this server; its JDBC URL (user postgres, trust auth: no password). */
    public String newDatabase() throws SQLException {
        String name = "regbench_" + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection(url("postgres"), "postgres", null);
             Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        return url(name);
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (Exception ignored) {
            // deleting the directory below is all that is left to do
        }
        RealServers.deleteTree(dir);
        try {
            Files.deleteIfExists(Path.of(dir + ".initdb.log"));
            Files.deleteIfExists(Path.of(dir + ".pgctl.log"));
        } catch (IOException ignored) {
            // best effort
        }
    }
}
