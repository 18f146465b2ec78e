package dev.regbench.fakeregistry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code close()} frees every thread and socket: many start/stop cycles in every transport mode,
 * each with open keep-alive and idle connections at close, leave no registry thread behind and
 * the port free. Threads other test classes in the same JVM may have left are not this test's
 * concern, so the check compares with the threads alive before.
 */
class FakeRegistryLifecycleTest {
    private static final List<String> PREFIXES = List.of("XNIO", "xnio", "undertow", "regbench-registry-");
    private static final int CYCLES = 30;

    @Test
    void startStopCycles_leaveNoThreadsAndFreePorts() throws Exception {
        List<String> before = registryThreads();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (int i = 0; i < CYCLES; i++) {
            boolean tls = i % 3 == 1;
            boolean http2 = i % 2 == 1;
            FakeRegistry registry = FakeRegistry.builder().tls(tls).http2(http2).start();
            int port = registry.port();
            Socket idle = new Socket("127.0.0.1", port);
            if (!tls) {
                HttpResponse<String> ping = client.send(HttpRequest.newBuilder(URI.create(registry.url() + "/v2/"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(ping.statusCode()).isEqualTo(200);
            }
            registry.close();
            idle.close();
            assertThat(portIsFree(port)).as("port %d free after close (cycle %d)", port, i).isTrue();
        }
        assertThat(registryThreads()).as("threads left by the registries of this test")
                .containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void close_isIdempotent() throws Exception {
        List<String> before = registryThreads();
        FakeRegistry registry = FakeRegistry.builder().start();
        registry.close();
        registry.close();
        assertThat(registryThreads()).containsExactlyInAnyOrderElementsOf(before);
    }

    private static List<String> registryThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> PREFIXES.stream().anyMatch(name::startsWith))
                .flatMap(Stream::of)
                .toList();
    }

    private static boolean portIsFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
