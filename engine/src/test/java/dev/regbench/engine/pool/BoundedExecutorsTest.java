package dev.regbench.engine.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BoundedExecutorsTest {

    @Test
    void fixed_runsAtMostThreadsTasksAtOnceOnNamedNonDaemonThreads() throws Exception {
        ExecutorService exec = BoundedExecutors.fixed("copy", 3, 2);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        Set<String> names = ConcurrentHashMap.newKeySet();
        Set<Boolean> daemon = ConcurrentHashMap.newKeySet();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 30; i++) { // 30 tasks through 3 threads + 2 queue slots: submits block
                futures.add(exec.submit(() -> {
                    int now = running.incrementAndGet();
                    maxRunning.accumulateAndGet(now, Math::max);
                    names.add(Thread.currentThread().getName());
                    daemon.add(Thread.currentThread().isDaemon());
                    Thread.sleep(2);
                    running.decrementAndGet();
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(10, TimeUnit.SECONDS);
            }
        } finally {
            assertThat(BoundedExecutors.shutdownAndAwait(exec, Duration.ofSeconds(5))).isTrue();
        }
        assertThat(maxRunning.get()).isBetween(1, 3);
        assertThat(names).allMatch(n -> n.matches("copy-[123]"));
        assertThat(daemon).containsExactly(false);
    }

    @Test
    void callerRuns_runsOnTheSubmitterWhenFull() throws Exception {
        ExecutorService exec = BoundedExecutors.fixed("tag", 1, 1, BoundedExecutors.Overflow.CALLER_RUNS);
        CountDownLatch release = new CountDownLatch(1);
        try {
            exec.submit(() -> {
                release.await();
                return null;
            });
            exec.submit(() -> { }); // fills the queue
            String[] ranOn = new String[1];
            exec.submit(() -> ranOn[0] = Thread.currentThread().getName()).get(5, TimeUnit.SECONDS);
            assertThat(ranOn[0]).isEqualTo(Thread.currentThread().getName());
        } finally {
            release.countDown();
            assertThat(BoundedExecutors.shutdownAndAwait(exec, Duration.ofSeconds(5))).isTrue();
        }
    }

    @Test
    void submitAfterShutdown_isRejected() {
        ExecutorService exec = BoundedExecutors.fixed("x", 1, 1);
        BoundedExecutors.shutdownAndAwait(exec, Duration.ofSeconds(5));
        assertThatThrownBy(() -> exec.submit(() -> { })).isInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void fixed_rejectsUnboundedOrEmptySettings() {
        assertThatThrownBy(() -> BoundedExecutors.fixed("x", 0, 1)).hasMessageContaining("x: threads");
        assertThatThrownBy(() -> BoundedExecutors.fixed("x", 1, 0)).hasMessageContaining("x: queueCapacity");
    }
}
