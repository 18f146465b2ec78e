package dev.regbench.service;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The REST handlers: submit, get, cancel, the two cached listings, a job's log, metrics and health.
 * Every handler is non-blocking and runs on the I/O thread (state is in memory); bad input is
 * answered 400 with the field named, unknown ids 404. Thread-safe.
 */
final class JobsApi {

    static final HttpString X_CACHE = new HttpString("X-Cache");
    static final int DEFAULT_FAILED_LIMIT = 20;
    static final int MAX_FAILED_LIMIT = 1000;

    private final ServiceConfig config;
    private final JobStore store;
    private final JobScheduler scheduler;
    private final ListingCache cache;
    private final ServiceMetrics metrics;
    private final JobRequestParser parser;
    private final Clock clock;

    JobsApi(ServiceConfig config, JobStore store, JobScheduler scheduler, ListingCache cache, ServiceMetrics metrics,
            JobRequestParser parser, Clock clock) {
        this.config = config;
        this.store = store;
        this.scheduler = scheduler;
        this.cache = cache;
        this.metrics = metrics;
        this.parser = parser;
        this.clock = clock;
    }

    /** {@code POST /jobs}: 201 with the job, 400 naming the bad field, 413, or 503 when the queue is full. */
    HttpHandler submit() {
        return exchange -> {
            long declared = exchange.getRequestContentLength();
            if (declared > config.maxRequestBytes()) {
                Http.error(exchange, 413, null, "body of " + declared + " bytes exceeds " + config.maxRequestBytes());
                return;
            }
            exchange.setMaxEntitySize(config.maxRequestBytes());
            exchange.getRequestReceiver().receiveFullBytes(this::onBody, (ex, e) -> {
                if (e instanceof RequestTooBigException) {
                    Http.error(ex, 413, null, "body exceeds " + config.maxRequestBytes() + " bytes");
                } else {
                    Http.error(ex, 400, null, "cannot read body: " + e.getMessage());
                }
            });
        };
    }

    private void onBody(HttpServerExchange exchange, byte[] body) {
        JobRequestParser.Parsed parsed;
        try {
            parsed = parser.parse(body);
        } catch (BadRequestException e) {
            Http.error(exchange, e);
            return;
        } catch (RuntimeException | LinkageError e) {
            Http.error(exchange, 500, null, "internal error reading the job: " + JobScheduler.describe(e));
            return;
        }
        String id = UUID.randomUUID().toString();
        Job job = new Job(id, parsed.spec(), parsed.configName(), clock, config.logMaxBytes(),
                this::onStateChange, metrics.bytesReplicated::add);
        store.add(job);
        cache.invalidate();
        try {
            scheduler.submit(job);
        } catch (JobScheduler.QueueFullException e) {
            cache.invalidate();
            metrics.rejected.increment();
            exchange.getResponseHeaders().put(Headers.RETRY_AFTER, "1");
            Http.error(exchange, 503, null, e.getMessage());
            return;
        }
        metrics.submitted.increment();
        exchange.getResponseHeaders().put(Headers.LOCATION, "/jobs/" + id);
        Http.json(exchange, 201, job.view());
    }

    private void onStateChange(Job job) {
        cache.invalidate();
        if (job.state().isTerminal()) {
            store.finished(job);
        }
    }

    /** {@code GET /jobs/{id}}. */
    HttpHandler get() {
        return exchange -> withJob(exchange, job -> Http.json(exchange, 200, job.view()));
    }

    /** {@code DELETE /jobs/{id}}: 202 while a running job stops, 200 once cancelled, 409 when it had ended. */
    HttpHandler cancel() {
        return exchange -> withJob(exchange, job -> {
            if (!scheduler.cancel(job)) {
                Http.error(exchange, 409, "id", "job '" + job.id() + "' has already ended: " + job.state());
                return;
            }
            Http.json(exchange, job.state().isTerminal() ? 200 : 202, job.view());
        });
    }

    /** {@code GET /jobs/active}: cache-aside, TTL {@link ServiceConfig#activeTtl()}. */
    HttpHandler active() {
        return exchange -> listing(exchange, cache.active(store::active));
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
            listing(exchange, cache.failed(n, () -> store.failed(n)));
        };
    }

    private void listing(HttpServerExchange exchange, ListingCache.Served served) {
        exchange.getResponseHeaders().put(X_CACHE, served.hit() ? "HIT" : "MISS");
        exchange.getResponseHeaders().put(Headers.AGE, Long.toString(served.ageMs() / 1000));
        Http.bytes(exchange, 200, Http.JSON, served.body());
    }

    /** {@code GET /jobs/{id}/logs[?follow=true]}. */
    HttpHandler logs() {
        return exchange -> withJob(exchange, job -> {
            String follow = Http.param(exchange, "follow");
            if (follow != null && !follow.equals("true") && !follow.equals("false")) {
                Http.error(exchange, 400, "follow", "follow: must be true or false, got '" + follow + "'");
                return;
            }
            new LogStream(exchange, job.jobLog(), "true".equals(follow), config.logChunkBytes(), metrics).start();
        });
    }

    /** {@code GET /metrics}: Prometheus text format. */
    HttpHandler metrics() {
        return exchange -> {
            ServiceStats s = metrics.snapshot(store, cache);
            byte[] text = metrics.prometheus(s, scheduler.running(), scheduler.queued()).getBytes(StandardCharsets.UTF_8);
            Http.bytes(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", text);
        };
    }

    /** {@code GET /healthz}. */
    HttpHandler health() {
        return exchange -> Http.json(exchange, 200, Map.of("status", "ok",
                "running", scheduler.running(), "queued", scheduler.queued()));
    }

    private void withJob(HttpServerExchange exchange, java.util.function.Consumer<Job> action) {
        String id = Http.param(exchange, "id");
        Optional<Job> job = store.get(id);
        if (job.isEmpty()) {
            Http.error(exchange, 404, "id", "no job '" + id + "'");
            return;
        }
        action.accept(job.get());
    }
}
