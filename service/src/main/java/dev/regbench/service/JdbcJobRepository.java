package dev.regbench.service;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;

/**
 * The {@link JobRepository} on JDBC: a HikariCP pool, the schema migrated by Flyway
 * ({@code db/regbench/V*.sql}) at open. Two databases:
 * <ul>
 * <li>H2 in file mode ({@link #embedded}): the default, no set-up, one instance (H2 locks its file).</li>
 * <li>PostgreSQL ({@link #open} with a {@code jdbc:postgresql:} URL): several instances share it.
 *     Every change also sends {@code NOTIFY regbench_jobs, '<kind>:<id>[,<id>...]'} inside its
 *     transaction, so a listener hears of it only once it is committed ({@link PgNotificationListener}).</li>
 * </ul>
 * Thread-safe (each call takes its own pooled connection).
 */
final class JdbcJobRepository implements JobRepository {

    /** The NOTIFY channel. */
    static final String CHANNEL = "regbench_jobs";

    enum Dialect { H2, POSTGRESQL }

    private static final String COLS = "id, state, source, destination, tags, config_name, request, created_at,"
            + " started_at, finished_at, error, cancel_requested, owner, attempt, lease_until, orphan_wait_ms,"
            + " bytes, blobs, tags_done, tags_planned";
    private static final int MAX_ERROR = 4000;
    private static final int MAX_LINE = 8000;

    private final HikariDataSource pool;
    private final Dialect dialect;
    private final String description;

    private JdbcJobRepository(HikariDataSource pool, Dialect dialect, String description) {
        this.pool = pool;
        this.dialect = dialect;
        this.description = description;
    }

    /** The embedded store: H2 files {@code <dataDir>/jobs.mv.db}. */
    static JdbcJobRepository embedded(Path dataDir, int poolSize) {
        Path base = dataDir.toAbsolutePath().resolve("jobs");
        // WRITE_DELAY=0: each commit is written to the file before it returns (H2's default writes
        // commits up to 500 ms later, so a kill -9 lost answered submissions and finished runs)
        return open("jdbc:h2:file:" + base + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0", null, null, poolSize);
    }

    /** A private in-memory H2 database (tests and embedding without a data directory). */
    static JdbcJobRepository inMemory(int poolSize) {
        return open("jdbc:h2:mem:regbench-" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", null, null, poolSize);
    }

    /**
     * Opens {@code jdbcUrl} (H2 or PostgreSQL), migrates the schema and checks it answers.
     *
     * @throws StoreUnavailableException naming the database (without credentials) when it cannot be reached
     */
    static JdbcJobRepository open(String jdbcUrl, String user, String password, int poolSize) {
        Dialect dialect;
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            dialect = Dialect.POSTGRESQL;
        } else if (jdbcUrl.startsWith("jdbc:h2:")) {
            dialect = Dialect.H2;
        } else {
            throw new IllegalArgumentException("--db: expected jdbc:postgresql://host:port/db or jdbc:h2:..., got '"
                    + redact(jdbcUrl) + "'");
        }
        String description = redact(jdbcUrl);
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(jdbcUrl);
        if (user != null) {
            hc.setUsername(user);
        }
        if (password != null) {
            hc.setPassword(password);
        }
        hc.setPoolName("regbench-service-db");
        hc.setMaximumPoolSize(poolSize);
        hc.setMinimumIdle(Math.min(2, poolSize));
        hc.setConnectionTimeout(2000);     // a request waits at most 2 s for a connection, then 503
        hc.setValidationTimeout(1000);
        hc.setInitializationFailTimeout(1); // database down at start: fail now, with the reason
        if (dialect == Dialect.POSTGRESQL) {
            hc.addDataSourceProperty("connectTimeout", "2");
            hc.addDataSourceProperty("socketTimeout", "30");
            hc.addDataSourceProperty("tcpKeepAlive", "true");
        }
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(hc);
        } catch (HikariPool.PoolInitializationException e) {
            throw new StoreUnavailableException("cannot reach the job store " + description + ": " + rootMessage(e), e);
        }
        try {
            Flyway.configure().dataSource(ds).locations("classpath:db/regbench").table("regbench_schema_history")
                    .load().migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw new StoreUnavailableException("cannot migrate the job store " + description + ": " + rootMessage(e), e);
        }
        return new JdbcJobRepository(ds, dialect, description);
    }

    Dialect dialect() {
        return dialect;
    }

    HikariDataSource dataSource() {
        return pool;
    }

    /** {@code jdbc:postgresql://host:port/db} without user, password or other parameters. */
    static String redact(String url) {
        String s = url;
        int q = s.indexOf('?');
        if (q >= 0) {
            s = s.substring(0, q);
        }
        int semi = s.indexOf(';');
        if (semi >= 0) {
            s = s.substring(0, semi);
        }
        int at = s.indexOf('@');
        int scheme = s.indexOf("//");
        if (at >= 0 && scheme >= 0 && at > scheme) {
            s = s.substring(0, scheme + 2) + s.substring(at + 1);
        }
        return s;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T read(Work<T> work) {
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    private <T> T tx(Work<T> work) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // the connection is broken; the pool drops it
                }
                throw e;
            } finally {
                try {
                    c.setAutoCommit(true);
                } catch (SQLException ignored) {
                    // broken connection, see above
                }
            }
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    private RuntimeException translate(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (e instanceof SQLTransientConnectionException || e instanceof SQLRecoverableException
                || state.startsWith("08") || state.startsWith("57P") || state.equals("90067") || state.equals("90098")) {
            return new StoreUnavailableException("job store " + description + " unavailable: " + rootMessage(e), e);
        }
        return new IllegalStateException("job store " + description + " error: " + rootMessage(e), e);
    }

    private void notify(Connection c, String kind, List<String> ids) throws SQLException {
        if (dialect != Dialect.POSTGRESQL || ids.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            for (int from = 0; from < ids.size(); from += 100) {
                ps.setString(1, CHANNEL);
                ps.setString(2, kind + ":" + String.join(",", ids.subList(from, Math.min(ids.size(), from + 100))));
                ps.executeQuery().close();
            }
        }
    }

    private static JobRecord row(ResultSet rs) throws SQLException {
        return new JobRecord(rs.getString(1), JobState.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getLong(8), nullableLong(rs, 9),
                nullableLong(rs, 10), rs.getString(11), rs.getBoolean(12), rs.getString(13), rs.getInt(14),
                nullableLong(rs, 15), rs.getLong(16), rs.getLong(17), rs.getInt(18), rs.getInt(19), rs.getInt(20));
    }

    private static Long nullableLong(ResultSet rs, int i) throws SQLException {
        long v = rs.getLong(i);
        return rs.wasNull() ? null : v;
    }

    private static List<JobRecord> rows(PreparedStatement ps) throws SQLException {
        List<JobRecord> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(row(rs));
            }
        }
        return out;
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }

    @Override
    public void insert(JobRecord j, String firstLogLine) {
        tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO jobs (id, state, source, destination, tags,"
                    + " config_name, request, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, j.id());
                ps.setString(2, j.state().name());
                ps.setString(3, j.source());
                ps.setString(4, j.destination());
                ps.setString(5, j.tags());
                ps.setString(6, j.configName());
                ps.setString(7, j.request());
                ps.setLong(8, j.createdAt());
                ps.executeUpdate();
            }
            insertLines(c, j.id(), 1, List.of(firstLogLine));
            notify(c, "queued", List.of(j.id()));
            return null;
        });
    }

    private static void insertLines(Connection c, String id, long firstSeq, List<String> lines) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO job_log (job_id, seq, line) VALUES (?, ?, ?)")) {
            long seq = firstSeq;
            for (String line : lines) {
                ps.setString(1, id);
                ps.setLong(2, seq++);
                ps.setString(3, clip(line, MAX_LINE));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static long nextSeq(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(seq), 0) + 1 FROM job_log WHERE job_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Override
    public Optional<JobRecord> find(String id) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLS + " FROM jobs WHERE id = ?")) {
                ps.setString(1, id);
                List<JobRecord> r = rows(ps);
                return r.isEmpty() ? Optional.empty() : Optional.of(r.get(0));
            }
        });
    }

    @Override
    public int queued() {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM jobs WHERE state = 'QUEUED'");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    @Override
    public List<JobRecord> claim(String owner, int max, long now, long expiredBefore, long leaseMs, int maxAttempts) {
        if (max <= 0) {
            return List.of();
        }
        return tx(c -> {
            List<JobRecord> candidates;
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLS + ", last_renewed FROM jobs"
                    + " WHERE state = 'QUEUED' OR (state = 'RUNNING' AND lease_until < ?)"
                    + " ORDER BY created_at, id LIMIT ? FOR UPDATE SKIP LOCKED")) {
                ps.setLong(1, expiredBefore);
                ps.setInt(2, max);
                candidates = new ArrayList<>();
                List<Long> renewed = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        candidates.add(row(rs));
                        renewed.add(nullableLong(rs, 21));
                    }
                }
                List<JobRecord> claimed = new ArrayList<>();
                List<String> changed = new ArrayList<>();
                for (int i = 0; i < candidates.size(); i++) {
                    JobRecord j = candidates.get(i);
                    boolean orphan = j.state() == JobState.RUNNING;
                    long waited = orphan ? Math.max(0, now - (renewed.get(i) == null ? now : renewed.get(i))) : 0;
                    changed.add(j.id());
                    if (orphan && j.attempt() >= maxAttempts) {
                        String why = "abandoned: its instance stopped while running it " + j.attempt()
                                + " times (last owner " + j.owner() + ")";
                        try (PreparedStatement up = c.prepareStatement("UPDATE jobs SET state = 'FAILED', error = ?,"
                                + " finished_at = ?, owner = NULL, lease_until = NULL WHERE id = ?")) {
                            up.setString(1, why);
                            up.setLong(2, now);
                            up.setString(3, j.id());
                            up.executeUpdate();
                        }
                        insertLines(c, j.id(), nextSeq(c, j.id()), List.of(java.time.Instant.ofEpochMilli(now)
                                + " job failed: " + why));
                        continue;
                    }
                    try (PreparedStatement up = c.prepareStatement("UPDATE jobs SET state = 'RUNNING', owner = ?,"
                            + " attempt = attempt + 1, lease_until = ?, last_renewed = ?,"
                            + " started_at = COALESCE(started_at, ?), orphan_wait_ms = orphan_wait_ms + ? WHERE id = ?")) {
                        up.setString(1, owner);
                        up.setLong(2, now + leaseMs);
                        up.setLong(3, now);
                        up.setLong(4, now);
                        up.setLong(5, waited);
                        up.setString(6, j.id());
                        up.executeUpdate();
                    }
                    if (orphan) {
                        insertLines(c, j.id(), nextSeq(c, j.id()), List.of(java.time.Instant.ofEpochMilli(now)
                                + " instance " + j.owner() + " stopped renewing its lease; re-claimed by " + owner
                                + " after " + waited + " ms (attempt " + (j.attempt() + 1) + ")"));
                    }
                    claimed.add(new JobRecord(j.id(), JobState.RUNNING, j.source(), j.destination(), j.tags(),
                            j.configName(), j.request(), j.createdAt(), j.startedAt() == null ? now : j.startedAt(),
                            null, j.error(), j.cancelRequested(), owner, j.attempt() + 1, now + leaseMs,
                            j.orphanWaitMs() + waited, j.bytes(), j.blobs(), j.tagsDone(), j.tagsPlanned()));
                }
                notify(c, "state", changed);
                return claimed;
            }
        });
    }

    @Override
    public Renewal renew(String owner, List<Progress> runs, long now, long leaseMs) {
        return tx(c -> {
            List<String> lost = new ArrayList<>();
            List<String> renewedIds = new ArrayList<>();
            if (!runs.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE jobs SET lease_until = ?, last_renewed = ?,"
                        + " bytes = ?, blobs = ?, tags_done = ?, tags_planned = ?"
                        + " WHERE id = ? AND owner = ? AND attempt = ? AND state = 'RUNNING'")) {
                    for (Progress p : runs) {
                        ps.setLong(1, now + leaseMs);
                        ps.setLong(2, now);
                        ps.setLong(3, p.bytes());
                        ps.setInt(4, p.blobs());
                        ps.setInt(5, p.tagsDone());
                        ps.setInt(6, p.tagsPlanned());
                        ps.setString(7, p.id());
                        ps.setString(8, owner);
                        ps.setInt(9, p.attempt());
                        ps.addBatch();
                    }
                    int[] counts = ps.executeBatch();
                    for (int i = 0; i < counts.length; i++) {
                        if (counts[i] == 0) {
                            lost.add(runs.get(i).id());
                        } else {
                            renewedIds.add(runs.get(i).id());
                        }
                    }
                }
            }
            List<String> cancel = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id FROM jobs WHERE owner = ? AND state = 'RUNNING' AND cancel_requested")) {
                ps.setString(1, owner);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        cancel.add(rs.getString(1));
                    }
                }
            }
            notify(c, "progress", renewedIds);
            return new Renewal(lost, cancel);
        });
    }

    @Override
    public boolean finish(String id, String owner, int attempt, JobState state, String error, long now, Progress p) {
        return tx(c -> {
            int n;
            try (PreparedStatement ps = c.prepareStatement("UPDATE jobs SET state = ?, error = ?, finished_at = ?,"
                    + " owner = NULL, lease_until = NULL, bytes = ?, blobs = ?, tags_done = ?, tags_planned = ?"
                    + " WHERE id = ? AND owner = ? AND attempt = ? AND state = 'RUNNING'")) {
                ps.setString(1, state.name());
                ps.setString(2, clip(error, MAX_ERROR));
                ps.setLong(3, now);
                ps.setLong(4, p.bytes());
                ps.setInt(5, p.blobs());
                ps.setInt(6, p.tagsDone());
                ps.setInt(7, p.tagsPlanned());
                ps.setString(8, id);
                ps.setString(9, owner);
                ps.setInt(10, attempt);
                n = ps.executeUpdate();
            }
            notify(c, "state", n == 1 ? List.of(id) : List.of());
            return n == 1;
        });
    }

    @Override
    public boolean release(String id, String owner, int attempt, String why) {
        return tx(c -> {
            int n;
            try (PreparedStatement ps = c.prepareStatement("UPDATE jobs SET state = 'QUEUED', owner = NULL,"
                    + " lease_until = NULL WHERE id = ? AND owner = ? AND attempt = ? AND state = 'RUNNING'")) {
                ps.setString(1, id);
                ps.setString(2, owner);
                ps.setInt(3, attempt);
                n = ps.executeUpdate();
            }
            if (n == 1) {
                insertLines(c, id, nextSeq(c, id), List.of(java.time.Instant.now() + " " + why));
                notify(c, "queued", List.of(id));
            }
            return n == 1;
        });
    }

    @Override
    public CancelOutcome requestCancel(String id, long now) {
        return tx(c -> {
            JobState state;
            try (PreparedStatement ps = c.prepareStatement("SELECT state FROM jobs WHERE id = ? FOR UPDATE")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return CancelOutcome.UNKNOWN;
                    }
                    state = JobState.valueOf(rs.getString(1));
                }
            }
            if (state.isTerminal()) {
                return CancelOutcome.ALREADY_ENDED;
            }
            if (state == JobState.QUEUED) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE jobs SET state = 'CANCELLED', cancel_requested = TRUE,"
                        + " error = 'cancelled before it started', finished_at = ? WHERE id = ?")) {
                    ps.setLong(1, now);
                    ps.setString(2, id);
                    ps.executeUpdate();
                }
                String at = java.time.Instant.ofEpochMilli(now).toString();
                insertLines(c, id, nextSeq(c, id), List.of(at + " cancel requested",
                        at + " job cancelled: cancelled before it started"));
                notify(c, "state", List.of(id));
                return CancelOutcome.CANCELLED;
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE jobs SET cancel_requested = TRUE WHERE id = ?")) {
                ps.setString(1, id);
                ps.executeUpdate();
            }
            notify(c, "cancel", List.of(id));
            return CancelOutcome.REQUESTED;
        });
    }

    @Override
    public void appendLog(String id, String owner, int attempt, long firstSeq, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        tx(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT 1 FROM jobs WHERE id = ? AND owner = ? AND attempt = ?")) {
                ps.setString(1, id);
                ps.setString(2, owner);
                ps.setInt(3, attempt);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                }
            }
            insertLines(c, id, firstSeq, lines);
            notify(c, "log", List.of(id));
            return null;
        });
    }

    @Override
    public List<LogLine> logAfter(String id, long afterSeq, int max) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT seq, line FROM job_log WHERE job_id = ? AND seq > ? ORDER BY seq LIMIT ?")) {
                ps.setString(1, id);
                ps.setLong(2, afterSeq);
                ps.setInt(3, max);
                return lines(ps);
            }
        });
    }

    @Override
    public List<LogLine> logTail(String id, int max) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT seq, line FROM job_log WHERE job_id = ? ORDER BY seq DESC LIMIT ?")) {
                ps.setString(1, id);
                ps.setInt(2, max);
                List<LogLine> out = lines(ps);
                Collections.reverse(out);
                return out;
            }
        });
    }

    private static List<LogLine> lines(PreparedStatement ps) throws SQLException {
        List<LogLine> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new LogLine(rs.getLong(1), rs.getString(2)));
            }
        }
        return out;
    }

    @Override
    public long pruneLogs(int linesPerJob, long finishedBefore) {
        return tx(c -> {
            long deleted;
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM job_log WHERE job_id IN (SELECT id FROM jobs"
                    + " WHERE state IN ('SUCCEEDED', 'FAILED', 'CANCELLED') AND finished_at < ?)")) {
                ps.setLong(1, finishedBefore);
                deleted = ps.executeUpdate();
            }
            // per job: only jobs holding more than linesPerJob lines (the primary key answers MIN/MAX per job)
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM job_log l WHERE l.job_id IN (SELECT job_id"
                    + " FROM job_log GROUP BY job_id HAVING MAX(seq) - MIN(seq) >= ?) AND l.seq <= (SELECT MAX(m.seq)"
                    + " FROM job_log m WHERE m.job_id = l.job_id) - ?")) {
                ps.setInt(1, linesPerJob);
                ps.setInt(2, linesPerJob);
                deleted += ps.executeUpdate();
            }
            return deleted;
        });
    }

    @Override
    public List<JobRecord> active() {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLS
                    + " FROM jobs WHERE state IN ('QUEUED', 'RUNNING') ORDER BY created_at, id")) {
                return rows(ps);
            }
        });
    }

    @Override
    public List<JobRecord> failed(int limit) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLS
                    + " FROM jobs WHERE state = 'FAILED' ORDER BY finished_at DESC, id LIMIT ?")) {
                ps.setInt(1, limit);
                return rows(ps);
            }
        });
    }

    @Override
    public Map<JobState, Integer> countByState() {
        return read(c -> {
            Map<JobState, Integer> counts = new EnumMap<>(JobState.class);
            for (JobState s : JobState.values()) {
                counts.put(s, 0);
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT state, COUNT(*) FROM jobs GROUP BY state");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(JobState.valueOf(rs.getString(1)), rs.getInt(2));
                }
            }
            return counts;
        });
    }

    @Override
    public boolean ping() {
        try (Connection c = pool.getConnection()) {
            return c.isValid(1);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        pool.close();
    }
}
