package dev.regbench.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Job log retention in the store: lines per job, the logs of jobs that ended long ago, the service's sweep. */
class LogRetentionTest {

    private static JobRecord queued(String id, long createdAt) {
        return new JobRecord(id, JobState.QUEUED, "127.0.0.1:9/src/app", "127.0.0.1:9/dst/app", ".*", "default", "{}",
                createdAt, null, null, null, false, null, 0, null, 0, 0, 0, 0, 0);
    }

    private static List<String> lines(String prefix, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(prefix + " " + i);
        }
        return out;
    }

    @Test
    void pruneLogs_keepsTheNewestLinesPerJob_andDropsTheLogsOfJobsThatEndedBeforeTheCutoff() {
        try (JdbcJobRepository store = JdbcJobRepository.inMemory(2)) {
            pruneScenario(store);
        }
    }

    /** The pruning rules on an empty store (H2 here, PostgreSQL in {@link SharedPostgresTest}). */
    static void pruneScenario(JdbcJobRepository store) {
        {
            store.insert(queued("old", 1), "old queued");
            store.insert(queued("chatty", 2), "chatty queued");
            store.insert(queued("recent", 3), "recent queued");
            store.insert(queued("small", 4), "small queued");
            assertThat(store.claim("me", 4, 1000, 1000, 60_000, 3)).hasSize(4);
            store.appendLog("old", "me", 1, 2, lines("old", 4));          // 5 lines, ends at 2000
            store.appendLog("chatty", "me", 1, 2, lines("chatty", 49));   // 50 lines, still running
            store.appendLog("recent", "me", 1, 2, lines("recent", 29));   // 30 lines, ends at 9000
            JobRepository.Progress none = new JobRepository.Progress("", 1, 0, 0, 0, 0);
            assertThat(store.finish("old", "me", 1, JobState.SUCCEEDED, null, 2000, none)).isTrue();
            assertThat(store.finish("recent", "me", 1, JobState.FAILED, "boom", 9000, none)).isTrue();

            long deleted = store.pruneLogs(10, 5000);

            assertThat(deleted).isEqualTo(5 + 40 + 20);
            assertThat(store.logTail("old", 100)).isEmpty();
            assertThat(store.logTail("chatty", 100)).extracting(JobRepository.LogLine::seq)
                    .containsExactly(41L, 42L, 43L, 44L, 45L, 46L, 47L, 48L, 49L, 50L);
            assertThat(store.logTail("recent", 100)).hasSize(10).last()
                    .extracting(JobRepository.LogLine::line).isEqualTo("recent 28");
            assertThat(store.logTail("small", 100)).hasSize(1);
            assertThat(store.pruneLogs(10, 5000)).as("a second sweep").isZero();
            // the job rows stay
            assertThat(store.find("old")).isPresent();
        }
    }

    @Test
    void service_sweepsItsStore_andCountsThePrunedLines() throws Exception {
        String url = "jdbc:h2:mem:retention-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        String token = AccessPolicy.randomToken();
        try (Connection look = DriverManager.getConnection(url);
             ReplicationService service = ReplicationService.builder()
                     .config(ServiceConfig.DEFAULT.withPort(0).withLogRetention(
                             new LogRetention(10, Duration.ofDays(1), Duration.ofMillis(200))))
                     .access(AccessPolicy.of(List.of(token)))
                     .database(url, null, null)
                     .runner((spec, ctx) -> {
                         for (int i = 0; i < 100; i++) {
                             ctx.log("line " + i);
                         }
                     })
                     .start()) {
            ServiceClient c = new ServiceClient(service.url(), token);
            String id = c.submit("127.0.0.1:9/src/app", "127.0.0.1:9/dst/app", ".*");
            await().atMost(Duration.ofSeconds(10)).until(() -> c.state(id).equals("SUCCEEDED"));

            await().atMost(Duration.ofSeconds(10)).until(() -> lineCount(look, id) == 10);
            String metrics = c.get("/metrics").raw().body();
            long pruned = metrics.lines().filter(l -> l.startsWith("regbench_job_log_lines_pruned_total "))
                    .mapToLong(l -> Long.parseLong(l.substring(l.indexOf(' ') + 1).strip())).sum();
            assertThat(pruned).as("lines pruned (100 of the runner's and the service's own, all but 10)")
                    .isGreaterThanOrEqualTo(91);
        }
    }

    @Test
    void badSettings_nameTheKey() {
        assertThatThrownBy(() -> new LogRetention(0, Duration.ofDays(1), Duration.ofMinutes(1)))
                .hasMessageContaining("linesPerJob");
        assertThatThrownBy(() -> new LogRetention(100, Duration.ZERO, Duration.ofMinutes(1)))
                .hasMessageContaining("finishedAge");
    }

    private static int lineCount(Connection c, String id) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM job_log WHERE job_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
