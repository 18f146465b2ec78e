package dev.regbench.fakeregistry.faults;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A deliberately raw HTTP/1.1 client for fault tests: one request per connection, and it
 * reports exactly how the response ended (complete, EOF early, reset, read timeout) and how
 * many body bytes came, which higher-level clients hide.
 */
final class RawHttp {
    private RawHttp() {
    }

    enum End { COMPLETE, EOF, RESET, TIMEOUT }

    record Response(int status, Map<String, String> headers, byte[] body, End end) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    static Response get(int port, String path, int readTimeoutMillis, String... headerLines) throws IOException {
        return send(port, "GET", path, readTimeoutMillis, null, headerLines);
    }

    static Response send(int port, String method, String path, int readTimeoutMillis, byte[] body,
            String... headerLines) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(readTimeoutMillis);
            OutputStream out = socket.getOutputStream();
            StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Connection: close\r\n");
            for (String h : headerLines) {
                request.append(h).append("\r\n");
            }
            if (body != null) {
                request.append("Content-Length: ").append(body.length).append("\r\n");
            }
            request.append("\r\n");
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return read(socket.getInputStream(), method.equals("HEAD"));
        }
    }

    private static Response read(InputStream in, boolean head) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new TreeMap<>();
        for (String l = line(in); !l.isEmpty(); l = line(in)) {
            int colon = l.indexOf(':');
            headers.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
        }
        long length = head ? 0 : headers.containsKey("content-length")
                ? Long.parseLong(headers.get("content-length")) : -1;
        boolean chunked = "chunked".equalsIgnoreCase(headers.get("transfer-encoding"));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        End end = End.COMPLETE;
        try {
            if (chunked) {
                for (int size = Integer.parseInt(line(in).trim(), 16); size > 0; size = Integer.parseInt(line(in).trim(), 16)) {
                    body.write(in.readNBytes(size));
                    line(in);
                }
            } else {
                while (length < 0 || body.size() < length) {
                    int n = in.read(buf, 0, length < 0 ? buf.length : (int) Math.min(buf.length, length - body.size()));
                    if (n < 0) {
                        end = length < 0 ? End.COMPLETE : End.EOF;
                        break;
                    }
                    body.write(buf, 0, n);
                }
            }
        } catch (SocketTimeoutException e) {
            end = End.TIMEOUT;
        } catch (IOException e) {
            end = e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains("reset") ? End.RESET : End.EOF;
        }
        return new Response(status, headers, body.toByteArray(), end);
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed inside the response head after '" + sb + "'");
            }
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }
}
