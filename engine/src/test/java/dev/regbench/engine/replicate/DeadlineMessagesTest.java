package dev.regbench.engine.replicate;

import static dev.regbench.engine.replicate.Fixtures.options;
import static dev.regbench.engine.replicate.Fixtures.optimized;
import static dev.regbench.engine.replicate.Fixtures.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regbench.engine.config.TuningConfig;
import dev.regbench.engine.registry.ImageReference;
import dev.regbench.engine.registry.RegistryException;
import dev.regbench.fakeregistry.FakeRegistry;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A hung registry ends within deadline x attempts and the message says which operation, which
 * deadline and how many attempts; a breaker opened by timeouts says so in every tag it refuses.
 * Short deadlines keep it quick; nothing timed is asserted.
 */
class DeadlineMessagesTest {

    /** Accepts connections and never answers; counts them. */
    private static final class SilentServer implements AutoCloseable {
        final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        final AtomicInteger accepted = new AtomicInteger();
        final List<Socket> held = new CopyOnWriteArrayList<>();
        final Thread acceptor = new Thread(() -> {
            while (!socket.isClosed()) {
                try {
                    held.add(socket.accept());
                    accepted.incrementAndGet();
                } catch (java.io.IOException e) {
                    return;
                }
            }
        }, "silent-server");

        SilentServer() throws java.io.IOException {
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String host() {
            return "127.0.0.1:" + socket.getLocalPort();
        }

        @Override
        public void close() throws Exception {
            socket.close();
            for (Socket s : held) {
                s.close();
            }
            acceptor.join(5_000);
        }
    }

    @Test
    void silentRegistry_failsNamingTheOperationTheDeadlineAndTheAttempts() throws Exception {
        TuningConfig config = optimized().with("retry.maxAttempts", "3").with("timeouts.manifest", "300ms");
        try (SilentServer silent = new SilentServer();
             Replicator replicator = Replicator.create(config, options())) {
            assertThatThrownBy(() -> replicator.client(ImageReference.parse(silent.host()), Optional.empty()).ping())
                    .isInstanceOf(RegistryException.class)
                    .hasMessageContaining("checking registry " + silent.host())
                    .hasMessageContaining("deadline of 300 ms exceeded")
                    .hasMessageContaining("gave up after 3 attempts");
            // no connection beyond the budget (an attempt whose deadline passes before it connects, as on a
            // heavily loaded machine, opens none)
            assertThat(silent.accepted.get()).as("connections: at most one per attempt").isBetween(1, 3);
        }
    }

    @Test
    void breakerOpenedByUploadTimeouts_namesTheTimeoutInEveryRefusedTag() throws Exception {
        TuningConfig config = optimized().with("retry.maxAttempts", "2").with("timeouts.upload", "300ms")
                .with("circuitBreaker.enabled", "true").with("circuitBreaker.minimumCalls", "2")
                .with("circuitBreaker.openDuration", "10m")
                .with("replication.tagConcurrency", "1").with("replication.blobConcurrency", "1");
        try (FakeRegistry src = FakeRegistry.builder().dataset("tiny").start();
             FakeRegistry dst = FakeRegistry.builder().start();
             TamperingProxy hangsOnPut = new TamperingProxy(dst.url(), true, TamperingProxy.Tamper.NONE, Set.of("PUT"));
             Replicator replicator = Replicator.create(config, options())) {
            ReplicationResult result = replicator.replicate(ReplicationRequest.of(ref(src, null),
                    ImageReference.parse(hangsOnPut.host())).withAllRepositories(true).withKeepGoing(true));
            assertThat(result.success()).isFalse();
            List<TagOutcome> refused = result.failed().stream().filter(t -> t.reason().contains("circuit breaker")).toList();
            assertThat(refused).as("tags refused by the open breaker: " + result.tags()).isNotEmpty();

            assertThat(refused).allSatisfy(t -> assertThat(t.reason())
                    .contains("not attempted").contains("deadline of 300 ms exceeded").contains("blob_upload"));
        }
    }
}
