package dev.regbench.service;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Hears other instances' job changes: {@code LISTEN regbench_jobs} on a connection of its own (not
 * from the pool: a listening connection must stay with its listener) and hands each
 * {@code <kind>:<id>,<id>...} payload to the {@link JobCoordinator}. When the connection breaks
 * (database restarted) it reconnects every second and tells the coordinator, which refreshes what
 * it might have missed.
 *
 * <p>Why PostgreSQL LISTEN/NOTIFY and not Redis pub/sub: the notification is sent inside the
 * transaction that changes the job, so it is delivered only if and after the change is committed
 * and a listener that reads the row always sees the new state; and watch correctness then depends
 * on one system (the store), not on the cache, whose loss must stay harmless. Thread-safe.
 */
final class PgNotificationListener implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PgNotificationListener.class.getName());

    private final String url;
    private final Properties props;
    private final JobCoordinator coordinator;
    private final Thread thread;
    private volatile boolean closed;
    private volatile Connection connection;

    PgNotificationListener(String url, String user, String password, JobCoordinator coordinator) {
        this.url = url;
        this.props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("connectTimeout", "2");
        props.setProperty("tcpKeepAlive", "true");
        this.coordinator = coordinator;
        this.thread = new JobCoordinator.NamedThreads("regbench-service-listen-").newThread(this::run);
        thread.start();
    }

    private void run() {
        boolean first = true;
        while (!closed) {
            try (Connection c = DriverManager.getConnection(url, props)) {
                connection = c;
                try (Statement st = c.createStatement()) {
                    st.execute("LISTEN " + JdbcJobRepository.CHANNEL);
                }
                if (!first) {
                    LOG.info("job notifications resumed");
                    coordinator.onNotificationsResumed();
                }
                first = false;
                PGConnection pg = c.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] got = pg.getNotifications(500);
                    if (got == null) {
                        continue;
                    }
                    for (PGNotification n : got) {
                        dispatch(n.getParameter());
                    }
                }
            } catch (SQLException e) {
                if (!closed) {
                    first = false;
                    sleep();
                }
            }
        }
    }

    private void dispatch(String payload) {
        int colon = payload.indexOf(':');
        if (colon <= 0) {
            return;
        }
        List<String> ids = Arrays.asList(payload.substring(colon + 1).split(","));
        coordinator.onNotification(payload.substring(0, colon), ids);
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
        thread.interrupt();
        try {
            thread.join(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
