package dev.regbench.fakeregistry.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.regbench.fakeregistry.FakeRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests only a raw socket can send: bodies cut short, paths a client library would
 * normalise. The server must store nothing partial and stay up.
 */
class RawSocketProtocolTest {
    private FakeRegistry registry;
    private RegistryCalls calls;

    @BeforeEach
    void start() throws Exception {
        registry = FakeRegistry.builder().start();
        calls = new RegistryCalls(registry.url());
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    /** Sends {@code head} and {@code body}, then half-closes; returns what the server answered (maybe nothing). */
    private String raw(String head, byte[] body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", registry.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            socket.shutdownOutput();
            try {
                return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            } catch (IOException reset) {
                return "";
            }
        }
    }

    @Test
    void truncatedMonolithicUpload_storesNothing() throws Exception {
        byte[] half = new byte[500];
        String digest = RegistryCalls.sha256(new byte[1000]);
        raw("POST /v2/team/app/blobs/uploads/?digest=" + digest + " HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n", half);
        await().atMost(Duration.ofSeconds(5)).until(() -> registry.storage().counts().uploads() == 0);
        assertThat(registry.storage().counts().blobs()).isZero();
        assertThat(calls.get("/v2/team/app/blobs/" + digest).statusCode()).isEqualTo(404);
        assertThat(calls.get("/v2/").statusCode()).isEqualTo(200);
    }

    @Test
    void truncatedPatch_leavesTheSessionEmpty() throws Exception {
        String location = calls.send("POST", "/v2/team/app/blobs/uploads/", null).headers().firstValue("Location").orElseThrow();
        String path = location.substring(registry.url().length());
        raw("PATCH " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n", new byte[400]);
        await().atMost(Duration.ofSeconds(5)).until(() -> "0-0".equals(calls.get(location).headers().firstValue("Range").orElse("")));
        byte[] whole = "complete".getBytes(StandardCharsets.UTF_8);
        assertThat(calls.send("PATCH", location, whole).statusCode()).isEqualTo(202);
        assertThat(calls.send("PUT", location + "?digest=" + RegistryCalls.sha256(whole), null).statusCode()).isEqualTo(201);
    }

    @Test
    void truncatedChunkedPatch_leavesTheSessionEmpty() throws Exception {
        String location = calls.send("POST", "/v2/team/app/blobs/uploads/", null).headers().firstValue("Location").orElseThrow();
        String path = location.substring(registry.url().length());
        raw("PATCH " + path + " HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n",
                "100\r\n".getBytes(StandardCharsets.US_ASCII));
        await().atMost(Duration.ofSeconds(5)).until(() -> "0-0".equals(calls.get(location).headers().firstValue("Range").orElse("")));
        assertThat(calls.get("/v2/").statusCode()).isEqualTo(200);
    }

    @Test
    void chunkedPatchWithoutContentLength_isAccepted() throws Exception {
        String location = calls.send("POST", "/v2/team/app/blobs/uploads/", null).headers().firstValue("Location").orElseThrow();
        String path = location.substring(registry.url().length());
        String answer = raw("PATCH " + path + " HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n",
                "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(answer).startsWith("HTTP/1.1 202").contains("Range: 0-10");
    }

    static Stream<Arguments> rawPaths() {
        return Stream.of(
                Arguments.of("dot-dot components", "/v2/../../etc/manifests/v1"),
                Arguments.of("dot-dot inside the name", "/v2/team/../app/manifests/v1"),
                Arguments.of("a dot component", "/v2/team/./app/manifests/v1"),
                Arguments.of("a backslash", "/v2/team\\app/manifests/v1"),
                Arguments.of("a NUL escape", "/v2/team%00app/manifests/v1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rawPaths")
    void pathTraversalInTheName_isNameInvalid(String description, String path) throws Exception {
        String answer = raw("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", null);
        assertThat(answer).as(description).startsWith("HTTP/1.1 400");
        if (answer.contains("\"code\"")) {
            assertThat(answer).contains("NAME_INVALID");
        }
        assertThat(calls.get("/v2/").statusCode()).isEqualTo(200);
    }
}
