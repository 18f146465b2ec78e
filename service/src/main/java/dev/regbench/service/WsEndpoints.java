package dev.regbench.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.undertow.Handlers;
import io.undertow.server.HttpHandler;
import io.undertow.websockets.WebSocketConnectionCallback;
import io.undertow.websockets.WebSocketProtocolHandshakeHandler;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.spi.WebSocketHttpExchange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The two WebSocket endpoints.
 * <ul>
 * <li>{@code GET /ws/jobs/{id}}: the job's snapshot, then its progress and state events, then a
 *     normal close once it has ended. An unknown id is answered 404 before the upgrade.</li>
 * <li>{@code GET /ws/jobs}: one socket for many jobs. The client sends
 *     {@code {"op":"subscribe","jobs":["id",...]}} or {@code {"op":"unsubscribe","jobs":[...]}};
 *     the server acknowledges with {@code {"type":"subscribed","jobs":[...],"unknown":[...]}} (or
 *     {@code unsubscribed}), then streams the jobs' events. Bad messages get
 *     {@code {"type":"error","error":...}} and the socket stays open.</li>
 * </ul>
 * Thread-safe (state lives in {@link WatchSession}s).
 */
final class WsEndpoints {

    private final JobCoordinator jobs;
    private final ServiceConfig config;
    private final ServiceMetrics metrics;
    private final java.util.Set<WatchSession> open = java.util.concurrent.ConcurrentHashMap.newKeySet();

    WsEndpoints(JobCoordinator jobs, ServiceConfig config, ServiceMetrics metrics) {
        this.jobs = jobs;
        this.config = config;
        this.metrics = metrics;
    }

    /** Closes every open socket (service shutdown). */
    void closeAll() {
        for (WatchSession c : List.copyOf(open)) {
            c.shutdown();
        }
    }

    /** {@code /ws/jobs/{id}}: 404 for an unknown job, else the upgrade. */
    HttpHandler singleJob() {
        WebSocketProtocolHandshakeHandler upgrade = Handlers.websocket(new WebSocketConnectionCallback() {
            @Override
            public void onConnect(WebSocketHttpExchange exchange, WebSocketChannel channel) {
                WatchSession client = new WatchSession(channel, config, metrics, true, (c, text) -> { }, open);
                client.start();
                Optional<Job> job = jobs.track(lastSegment(exchange.getRequestURI()));
                if (job.isPresent()) {
                    client.watch(job.get());
                } else {
                    client.reply("{\"type\":\"error\",\"error\":\"job no longer known\"}");
                }
            }
        });
        return exchange -> {
            String id = Http.param(exchange, "id");
            if (jobs.track(id).isEmpty()) {
                Http.error(exchange, 404, "id", "no job '" + id + "'");
                return;
            }
            upgrade.handleRequest(exchange);
        };
    }

    /** {@code /ws/jobs}: subscribe and unsubscribe by message. */
    HttpHandler multiJob() {
        return Handlers.websocket((exchange, channel) -> {
            WatchSession client = new WatchSession(channel, config, metrics, false, this::onMessage, open);
            client.start();
        });
    }

    private void onMessage(WatchSession client, String text) {
        JsonNode msg;
        try {
            msg = Json.MAPPER.readTree(text);
        } catch (Exception e) {
            client.reply(error("message is not JSON"));
            return;
        }
        if (msg == null || !msg.isObject()) {
            client.reply(error("message must be a JSON object like {\"op\":\"subscribe\",\"jobs\":[\"id\"]}"));
            return;
        }
        String op = msg.path("op").asText("");
        JsonNode jobs = msg.get("jobs");
        if (jobs == null || !jobs.isArray() || jobs.isEmpty()) {
            client.reply(error("jobs: must be a non-empty array of job ids"));
            return;
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode j : jobs) {
            if (!j.isTextual()) {
                client.reply(error("jobs: every entry must be a job id string"));
                return;
            }
            ids.add(j.asText());
        }
        switch (op) {
            case "subscribe" -> subscribe(client, ids);
            case "unsubscribe" -> {
                List<String> done = new ArrayList<>();
                for (String id : ids) {
                    if (client.unwatch(id)) {
                        done.add(id);
                    }
                }
                client.reply(ack("unsubscribed", done, List.of()));
            }
            default -> client.reply(error("op: must be subscribe or unsubscribe"));
        }
    }

    private void subscribe(WatchSession client, List<String> ids) {
        List<Job> found = new ArrayList<>();
        List<String> known = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String id : ids) {
            Optional<Job> job = jobs.track(id);
            if (job.isPresent()) {
                found.add(job.get());
                known.add(id);
            } else {
                unknown.add(id);
            }
        }
        long newOnes = found.stream().filter(j -> !client.isWatching(j.id())).count();
        if (client.watchedCount() + newOnes > config.maxSubscriptions()) {
            client.reply(error("jobs: at most " + config.maxSubscriptions() + " subscriptions per socket"));
            return;
        }
        client.reply(ack("subscribed", known, unknown));
        for (Job job : found) {
            client.watch(job);
        }
    }

    private static String ack(String type, List<String> jobs, List<String> unknown) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("jobs", jobs);
        m.put("unknown", unknown);
        return Json.write(m);
    }

    private static String error(String message) {
        return Json.write(Map.of("type", "error", "error", message));
    }

    private static String lastSegment(String uri) {
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
