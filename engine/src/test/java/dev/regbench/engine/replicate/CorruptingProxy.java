package dev.regbench.engine.replicate;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP proxy on 127.0.0.1 in front of a registry that flips one byte of every blob body
 * whose path names {@code digest}: a source serving corrupt content under a correct digest.
 */
final class CorruptingProxy implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final String target;
    private final String digest;

    CorruptingProxy(String targetUrl, String digest) throws IOException {
        this.target = targetUrl;
        this.digest = digest;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            URL url = new URL(target + ex.getRequestURI());
            HttpURLConnection c = (HttpURLConnection) url.openConnection();
            c.setRequestMethod(ex.getRequestMethod());
            c.setInstanceFollowRedirects(false);
            for (Map.Entry<String, List<String>> h : ex.getRequestHeaders().entrySet()) {
                if (!h.getKey().equalsIgnoreCase("Host") && !h.getKey().equalsIgnoreCase("Content-Length")) {
                    c.setRequestProperty(h.getKey(), String.join(",", h.getValue()));
                }
            }
            boolean hasBody = ex.getRequestMethod().equals("PUT") || ex.getRequestMethod().equals("POST")
                    || ex.getRequestMethod().equals("PATCH");
            if (hasBody) {
                c.setDoOutput(true);
                try (OutputStream out = c.getOutputStream(); InputStream in = ex.getRequestBody()) {
                    in.transferTo(out);
                }
            }
            int status = c.getResponseCode();
            byte[] body;
            try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
                body = in == null ? new byte[0] : in.readAllBytes();
            }
            if (ex.getRequestMethod().equals("GET") && ex.getRequestURI().getPath().endsWith("/blobs/" + digest)
                    && body.length > 0) {
                body[body.length / 2] ^= 0x5a;
            }
            for (Map.Entry<String, List<String>> h : c.getHeaderFields().entrySet()) {
                if (h.getKey() != null && !h.getKey().equalsIgnoreCase("Content-Length")
                        && !h.getKey().equalsIgnoreCase("Transfer-Encoding")) {
                    ex.getResponseHeaders().put(h.getKey(), h.getValue());
                }
            }
            boolean head = ex.getRequestMethod().equals("HEAD");
            if (head) {
                String len = c.getHeaderField("Content-Length");
                if (len != null) {
                    ex.getResponseHeaders().set("Content-Length", len);
                }
                ex.sendResponseHeaders(status, -1);
            } else {
                ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
                if (body.length > 0) {
                    ex.getResponseBody().write(body);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
