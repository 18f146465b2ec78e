package dev.regbench.fakeregistry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regbench.fakeregistry.FakeRegistry;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A TLS handshake sent to the plain HTTP listener (what skopeo does first against an insecure
 * registry) must be refused at once, not left waiting for a request line. The read timeout
 * below only turns a hang into a failure; nothing is asserted about time.
 */
class PlainListenerRefusesTlsTest {
    private FakeRegistry registry;

    @BeforeEach
    void start() throws Exception {
        registry = FakeRegistry.builder().start();
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void rawClientHello_isAnsweredAndClosed_notLeftHanging() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", registry.port()), 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            // A TLS 1.2 record header (handshake, version 3.1, length 0x00c8) and the start of a ClientHello.
            byte[] hello = new byte[205];
            hello[0] = 0x16;
            hello[1] = 0x03;
            hello[2] = 0x01;
            hello[3] = 0x00;
            hello[4] = (byte) 0xc8;
            hello[5] = 0x01;
            out.write(hello);
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] answer;
            try {
                answer = in.readAllBytes();
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the plain listener left a TLS ClientHello hanging", e);
            }
            assertThat(new String(answer, StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 400");
        }
        assertThat(registry.stats().connectionsAccepted()).isEqualTo(1);
    }

    @Test
    void tlsHandshake_failsFast_andPlainHttpStillWorks() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, null, null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", registry.port()), 5000);
            socket.setSoTimeout(10_000);
            assertThatThrownBy(socket::startHandshake)
                    .isInstanceOf(java.io.IOException.class)
                    .isNotInstanceOf(SocketTimeoutException.class);
        }
        try (Socket socket = new Socket("127.0.0.1", registry.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /v2/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(answer).startsWith("HTTP/1.1 200");
        }
    }
}
