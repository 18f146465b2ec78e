package dev.regbench.engine.replicate;

import static dev.regbench.engine.replicate.Fixtures.options;
import static dev.regbench.engine.replicate.Fixtures.optimized;
import static dev.regbench.engine.replicate.Fixtures.ref;
import static org.assertj.core.api.Assertions.assertThat;

import dev.regbench.fakeregistry.FakeRegistry;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Closing the engine frees every thread it started (claim C16). */
class EngineLifecycleTest {
    private static final List<String> ENGINE_THREADS = List.of("regbench-tag", "regbench-blob", "regbench-apache",
            "regbench-jdk", "idle-connection-evictor");

    @Test
    void close_leavesNoEngineThreadBehind_overManyCycles() throws Exception {
        try (FakeRegistry src = FakeRegistry.builder().dataset("tiny").start()) {
            for (int cycle = 0; cycle < 10; cycle++) {
                try (FakeRegistry dst = FakeRegistry.builder().start();
                     Replicator replicator = Replicator.create(optimized(), options())) {
                    assertThat(replicator.replicate(ReplicationRequest.of(ref(src, null), ref(dst, null))
                            .withAllRepositories(true)).success()).isTrue();
                }
            }
        }
        Awaitility.await().atMost(10, TimeUnit.SECONDS).untilAsserted(() ->
                assertThat(engineThreads()).isEmpty());
    }

    private static List<String> engineThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> ENGINE_THREADS.stream().anyMatch(n::startsWith)).toList();
    }
}
