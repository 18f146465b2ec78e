package dev.regbench.harness.cli;

import dev.regbench.engine.config.Durations;
import dev.regbench.service.ConfigResolver;
import dev.regbench.service.JobRunner;
import dev.regbench.service.PullOnlyJobRunner;
import dev.regbench.service.ReplicationService;
import dev.regbench.service.ReplicatorJobRunner;
import dev.regbench.service.ServiceConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code regbench serve}: runs the replication job service on 127.0.0.1 until stopped (Ctrl-C).
 * Jobs are submitted with {@code POST /jobs}; {@code --configs} is where named tuning configs
 * ({@code "config": "baseline"} → {@code configs/baseline.yaml}) are looked up.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the replication job service (REST, WebSocket watches, log streams) on 127.0.0.1 until stopped.")
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", description = "Port on 127.0.0.1 (0 = a free one). Default: ${DEFAULT-VALUE}.")
    int port = 8080;

    @Option(names = "--max-running", description = "Jobs running at once. Default: ${DEFAULT-VALUE}.")
    int maxRunning = ServiceConfig.DEFAULT.maxRunning();

    @Option(names = "--queue", description = "Jobs waiting beyond those running; more are refused with 503. Default: ${DEFAULT-VALUE}.")
    int queue = ServiceConfig.DEFAULT.queueCapacity();

    @Option(names = "--cache-ttl-active", description = "How long GET /jobs/active may be served from cache. Default: ${DEFAULT-VALUE}.")
    String activeTtl = "5s";

    @Option(names = "--cache-ttl-failed", description = "How long GET /jobs/failed may be served from cache. Default: ${DEFAULT-VALUE}.")
    String failedTtl = "30s";

    @Option(names = "--no-cache", description = "Compute every listing (cache-aside off).")
    boolean noCache;

    @Option(names = "--heartbeat", description = "WebSocket ping interval. Default: ${DEFAULT-VALUE}.")
    String heartbeat = "54s";

    @Option(names = "--pong-timeout", description = "Drop a WebSocket silent for this long. Default: ${DEFAULT-VALUE}.")
    String pongTimeout = "60s";

    @Option(names = "--configs", description = "Folder of named tuning configs (<name>.yaml). Default: ${DEFAULT-VALUE}.")
    Path configs = Path.of("configs");

    @Option(names = "--runner", description = "replicate (the engine copies) or pull-only (read and verify the source only). Default: ${DEFAULT-VALUE}.")
    String runner = "replicate";

    private static Duration duration(String option, String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " '" + text + "': " + e.getMessage(), e);
        }
    }

    @Override
    public Integer call() throws Exception {
        ServiceConfig config = ServiceConfig.DEFAULT
                .withPort(port)
                .withJobLimits(maxRunning, queue)
                .withCache(!noCache, duration("--cache-ttl-active", activeTtl),
                        duration("--cache-ttl-failed", failedTtl))
                .withHeartbeat(duration("--heartbeat", heartbeat), duration("--pong-timeout", pongTimeout),
                        ServiceConfig.DEFAULT.writeDeadline());
        JobRunner jobs;
        switch (runner) {
            case "replicate" -> jobs = new ReplicatorJobRunner();
            case "pull-only" -> jobs = new PullOnlyJobRunner();
            default -> throw new IllegalArgumentException("--runner '" + runner + "' is not one of: replicate, pull-only");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        ReplicationService service = ReplicationService.builder()
                .config(config)
                .runner(jobs)
                .configs(ConfigResolver.directory(configs))
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }, "regbench-serve-shutdown"));
        String url = service.url();
        System.out.println("regbench job service listening on " + url);
        System.out.println("  POST " + url + "/jobs   GET " + url + "/jobs/active   GET " + url + "/jobs/failed?limit=20");
        System.out.println("  GET " + url + "/jobs/{id}[/logs?follow=true]   DELETE " + url + "/jobs/{id}");
        System.out.println("  WS  " + url.replace("http", "ws") + "/ws/jobs[/{id}]   GET " + url + "/metrics   GET " + url + "/healthz");
        System.out.println("  cache " + (noCache ? "off" : "on (active " + activeTtl + ", failed " + failedTtl + ")")
                + ", " + maxRunning + " jobs at once, queue " + queue + ", runner " + runner);
        System.out.flush();
        stopped.await();
        return 0;
    }
}
