package dev.regbench.fakeregistry.interop;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One HTTP/1.1 exchange on a fresh socket, written byte for byte the way skopeo writes it:
 * {@code Connection: close}, header lines repeated as given (several {@code Accept} lines),
 * no header added behind the caller's back. Reads the response until the server closes the
 * connection, so it also checks that the server honours {@code Connection: close}. For tests
 * only; stateless and thread-safe.
 */
final class RawHttp {

    /** Read timeout: a server that neither answers nor closes within it is a hang. */
    static final int READ_TIMEOUT_MS = 10_000;

    /** A response: status, header lines in order, body bytes, and whether the server closed the socket. */
    record Response(int status, List<String[]> headers, byte[] body, boolean closedByServer) {
        Optional<String> header(String name) {
            return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).findFirst();
        }

        List<String> headerValues(String name) {
            return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).toList();
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private RawHttp() {
    }

    /** Header lines from name, value pairs: {@code headers("Accept", "a", "Accept", "b")}. */
    static List<String[]> headers(String... nameValue) {
        if (nameValue.length % 2 != 0) {
            throw new IllegalArgumentException("headers need name, value pairs; got " + nameValue.length + " strings");
        }
        List<String[]> out = new ArrayList<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            out.add(new String[] {nameValue[i], nameValue[i + 1]});
        }
        return out;
    }

    /** Sends {@code METHOD target HTTP/1.1} with {@code headers} (name, value pairs) and {@code body}. */
    static Response exchange(String host, int port, String method, String target, List<String[]> headers, byte[] body)
            throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 5000);
            s.setSoTimeout(READ_TIMEOUT_MS);
            StringBuilder req = new StringBuilder();
            req.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
            req.append("Host: ").append(host).append(':').append(port).append("\r\n");
            req.append("User-Agent: skopeo/1.9.3 (regbench interop test)\r\n");
            for (String[] h : headers) {
                req.append(h[0]).append(": ").append(h[1]).append("\r\n");
            }
            if (body != null && body.length > 0 || method.equals("PUT") || method.equals("PATCH") || method.equals("POST")) {
                req.append("Content-Length: ").append(body == null ? 0 : body.length).append("\r\n");
            }
            req.append("Connection: close\r\n\r\n");
            OutputStream out = s.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return read(s.getInputStream(), method.equals("HEAD"));
        }
    }

    private static Response read(InputStream in, boolean head) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buf = new byte[64 * 1024];
        boolean closed;
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                all.write(buf, 0, n);
            }
            closed = true;
        } catch (SocketTimeoutException e) {
            closed = false;
        }
        byte[] bytes = all.toByteArray();
        int end = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        if (end < 0) {
            throw new IOException("no complete HTTP response head in " + bytes.length + " bytes (server "
                    + (closed ? "closed the connection" : "stayed silent for " + READ_TIMEOUT_MS + " ms") + ")");
        }
        String[] lines = new String(bytes, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        List<String[]> headers = new ArrayList<>();
        long contentLength = -1;
        boolean chunked = false;
        for (int i = 1; i < lines.length; i++) {
            int c = lines[i].indexOf(':');
            String name = lines[i].substring(0, c).trim();
            String value = lines[i].substring(c + 1).trim();
            headers.add(new String[] {name, value});
            if (name.equalsIgnoreCase("Content-Length")) {
                contentLength = Long.parseLong(value);
            }
            if (name.equalsIgnoreCase("Transfer-Encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                chunked = true;
            }
        }
        byte[] rest = java.util.Arrays.copyOfRange(bytes, end + 4, bytes.length);
        byte[] body;
        if (head) {
            body = new byte[0];
        } else if (chunked) {
            body = dechunk(rest);
        } else if (contentLength >= 0) {
            body = java.util.Arrays.copyOf(rest, (int) Math.min(contentLength, rest.length));
        } else {
            body = rest;
        }
        return new Response(status, headers, body, closed);
    }

    private static byte[] dechunk(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pos = 0;
        while (pos < data.length) {
            int eol = indexOf(java.util.Arrays.copyOfRange(data, pos, data.length), new byte[] {'\r', '\n'});
            if (eol < 0) {
                break;
            }
            String sizeLine = new String(data, pos, eol, StandardCharsets.ISO_8859_1).split(";")[0].trim();
            int size = Integer.parseInt(sizeLine, 16);
            pos += eol + 2;
            if (size == 0) {
                break;
            }
            out.write(data, pos, Math.min(size, data.length - pos));
            pos += size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
