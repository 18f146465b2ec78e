package dev.regbench.service;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The REST handlers: submit, get, cancel, the two cached listings, a job's log, metrics and health.
 * They run on worker threads (the store is a database); bad input is answered 400 with the field
 * named, unknown ids 404, a store that cannot be reached 503 with {@code Retry-After}. Access
 * (token, Host, Origin) is checked before any of them by {@link AccessGuard}. Thread-safe.
 */
final class JobsApi {

    static final HttpString X_CACHE = new HttpString("X-Cache");
    static final int DEFAULT_FAILED_LIMIT = 20;
    static final int MAX_FAILED_LIMIT = 1000;
    /** Past this much of an oversize body, the connection is closed instead of read to the end. */
    private static final long MAX_DRAIN_BYTES = 16L << 20;

    private final ServiceConfig config;
    private final JobRepository store;
    private final JobCoordinator jobs;
    private final ListingCache cache;
    private final ServiceMetrics metrics;
    private final JobRequestParser parser;

    JobsApi(ServiceConfig config, JobRepository store, JobCoordinator jobs, ListingCache cache, ServiceMetrics metrics,
            JobRequestParser parser) {
        this.config = config;
        this.store = store;
        this.jobs = jobs;
        this.cache = cache;
        this.metrics = metrics;
        this.parser = parser;
    }

    /**
     * {@code POST /jobs}: 201 with the job; 400 naming the bad field; 413; 415 unless the body is
     * {@code application/json}; 408 for a body that arrives too slowly ({@link ServiceConfig#bodyReadTimeout()});
     * 503 when the queue is full or the store is away.
     */
    HttpHandler submit() {
        return exchange -> {
            String type = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
            if (type == null || !type.toLowerCase(Locale.ROOT).strip().matches("application/json(\\s*;.*)?")) {
                Http.error(exchange, 415, null, "Content-Type must be application/json, got "
                        + (type == null ? "none" : "'" + type + "'"));
                return;
            }
            byte[] body;
            try {
                body = readBody(exchange);
            } catch (IOException e) {
                // SlowBodies: too slow a body (the connection is closed after this answer), or the client went away
                Http.error(exchange, 408, null, e.getMessage());
                return;
            }
            if (body == null) {
                return;
            }
            JobRequestParser.Parsed parsed;
            try {
                parsed = parser.parse(body);
            } catch (BadRequestException e) {
                Http.error(exchange, e);
                return;
            }
            JobView view;
            try {
                view = jobs.submit(parsed, new String(body, StandardCharsets.UTF_8));
            } catch (JobCoordinator.QueueFullException e) {
                metrics.rejected.increment();
                exchange.getResponseHeaders().put(Headers.RETRY_AFTER, "1");
                Http.error(exchange, 503, null, e.getMessage());
                return;
            }
            metrics.submitted.increment();
            exchange.getResponseHeaders().put(Headers.LOCATION, "/jobs/" + view.id());
            Http.json(exchange, 201, view);
        };
    }

    /**
     * Reads the whole body (worker thread, blocking), at most {@link ServiceConfig#maxRequestBytes()}.
     * An oversize body, declared or chunked, is answered 413 after reading it away (up to 16 MiB),
     * so that the client, still sending, sees the answer rather than a reset; null then.
     */
    private byte[] readBody(HttpServerExchange exchange) throws IOException {
        int max = config.maxRequestBytes();
        long declared = exchange.getRequestContentLength();
        if (declared > MAX_DRAIN_BYTES) {
            // too large to read away: answer and close (the client may see a reset instead)
            exchange.getResponseHeaders().put(Headers.CONNECTION, "close");
            Http.error(exchange, 413, null, "body of " + declared + " bytes exceeds " + max);
            return null;
        }
        exchange.startBlocking();
        InputStream in = exchange.getInputStream();
        byte[] body = in.readNBytes(max + 1);
        if (body.length <= max) {
            return body;
        }
        long drained = body.length;
        byte[] sink = new byte[16 << 10];
        for (int n; drained < MAX_DRAIN_BYTES && (n = in.read(sink)) > 0; ) {
            drained += n;
        }
        exchange.getResponseHeaders().put(Headers.CONNECTION, "close");
        Http.error(exchange, 413, null, declared > 0 ? "body of " + declared + " bytes exceeds " + max
                : "body exceeds " + max + " bytes");
        return null;
    }

    /** {@code GET /jobs/{id}}. */
    HttpHandler get() {
        return exchange -> {
            String id = Http.param(exchange, "id");
            Optional<JobView> view = jobs.view(id);
            if (view.isEmpty()) {
                Http.error(exchange, 404, "id", "no job '" + id + "'");
                return;
            }
            Http.json(exchange, 200, view.get());
        };
    }

    /** {@code DELETE /jobs/{id}}: 202 while a running job stops, 200 once cancelled, 409 when it had ended. */
    HttpHandler cancel() {
        return exchange -> {
            String id = Http.param(exchange, "id");
            switch (jobs.cancel(id)) {
                case UNKNOWN -> Http.error(exchange, 404, "id", "no job '" + id + "'");
                case ALREADY_ENDED -> Http.error(exchange, 409, "id", "job '" + id + "' has already ended: "
                        + jobs.view(id).map(v -> v.state().name()).orElse("?"));
                case CANCELLED -> Http.json(exchange, 200, jobs.view(id).orElseThrow());
                case REQUESTED -> {
                    JobView v = jobs.view(id).orElseThrow();
                    Http.json(exchange, v.state().isTerminal() ? 200 : 202, v);
                }
            }
        };
    }

    /** {@code GET /jobs/active}: cache-aside, TTL {@link ServiceConfig#activeTtl()}. */
    HttpHandler active() {
        return exchange -> listing(exchange, cache.active(() -> views(store.active())));
    }

    /** {@code GET /jobs/failed?limit=N}: cache-aside per limit, TTL {@link ServiceConfig#failedTtl()}. */
    HttpHandler failed() {
        return exchange -> {
            String raw = Http.param(exchange, "limit");
            int limit = DEFAULT_FAILED_LIMIT;
            if (raw != null) {
                try {
                    limit = Integer.parseInt(raw.strip());
                } catch (NumberFormatException e) {
                    limit = -1;
                }
                if (limit < 1 || limit > MAX_FAILED_LIMIT) {
                    Http.error(exchange, 400, "limit", "limit: must be a whole number from 1 to " + MAX_FAILED_LIMIT
                            + ", got '" + raw + "'");
                    return;
                }
            }
            int n = limit;
            listing(exchange, cache.failed(n, () -> views(store.failed(n))));
        };
    }

    private static java.util.List<JobView> views(java.util.List<JobRecord> records) {
        java.util.List<JobView> out = new java.util.ArrayList<>(records.size());
        for (JobRecord r : records) {
            out.add(r.view());
        }
        return out;
    }

    private void listing(HttpServerExchange exchange, ListingCache.Served served) {
        exchange.getResponseHeaders().put(X_CACHE, served.source().name());
        exchange.getResponseHeaders().put(Headers.AGE, Long.toString(served.ageMs() / 1000));
        Http.bytes(exchange, 200, Http.JSON, served.body());
    }

    /** {@code GET /jobs/{id}/logs[?follow=true]}. */
    HttpHandler logs() {
        return exchange -> {
            String id = Http.param(exchange, "id");
            String follow = Http.param(exchange, "follow");
            if (follow != null && !follow.equals("true") && !follow.equals("false")) {
                Http.error(exchange, 400, "follow", "follow: must be true or false, got '" + follow + "'");
                return;
            }
            Optional<Job> job = jobs.track(id);
            if (job.isEmpty()) {
                Http.error(exchange, 404, "id", "no job '" + id + "'");
                return;
            }
            new LogStream(exchange, job.get(), "true".equals(follow), config.logChunkBytes(), metrics).start();
        };
    }

    /** {@code GET /metrics}: Prometheus text format. */
    HttpHandler metrics() {
        return exchange -> {
            ServiceStats s = metrics.snapshot(store, jobs, cache);
            byte[] text = metrics.prometheus(s, jobs.running(), cache.kind()).getBytes(StandardCharsets.UTF_8);
            Http.bytes(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", text);
        };
    }

    /** {@code GET /healthz}: 200 when the store answers, else 503 (cached listings are still served). */
    HttpHandler health() {
        return exchange -> {
            boolean up = store.ping();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", up ? "ok" : "degraded");
            body.put("store", up ? "up" : "down");
            body.put("instance", jobs.instanceId());
            body.put("running", jobs.running());
            if (!up) {
                exchange.getResponseHeaders().put(Headers.RETRY_AFTER, "2");
            }
            Http.json(exchange, up ? 200 : 503, body);
        };
    }
}
