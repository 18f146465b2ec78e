package dev.regbench.engine.replicate;

import dev.regbench.engine.config.ReplicationConfig;
import dev.regbench.engine.config.TuningConfig;
import dev.regbench.engine.pool.BoundedExecutors;
import dev.regbench.engine.pool.BufferPool;
import dev.regbench.engine.registry.Credentials;
import dev.regbench.engine.registry.ImageReference;
import dev.regbench.engine.registry.RegistryClient;
import dev.regbench.engine.registry.RegistryException;
import dev.regbench.engine.resilience.Resilience;
import dev.regbench.engine.stats.TransferStats;
import dev.regbench.engine.transport.HttpTransport;
import dev.regbench.engine.transport.TransportCounters;
import dev.regbench.engine.transport.Transports;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Replicates images from a source registry to a destination registry, as a {@link TuningConfig}
 * says: tags in parallel ({@code replication.tagConcurrency}), blobs in parallel across all tags
 * ({@code replication.blobConcurrency}), each digest copied once, blobs streamed through pooled
 * buffers and verified, manifests pushed after their blobs. All HTTP goes through one transport
 * (one pool) and {@link Resilience}. Records everything in a {@link TransferStats} per run.
 *
 * <p>One run at a time ({@link #replicate} is not reentrant); {@link #cancel()} may be called
 * from any thread and ends the current run (in-flight requests are aborted, the replicator is
 * unusable afterwards). {@link #close()} frees every thread and connection.
 */
public final class Replicator implements AutoCloseable {
    private final TuningConfig config;
    private final ReplicatorOptions options;
    private final HttpTransport transport;
    private final BufferPool buffers;
    private final ExecutorService tagExecutor;
    private final ExecutorService blobExecutor;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final AtomicReference<AtomicBoolean> currentStop = new AtomicReference<>();

    private Replicator(TuningConfig config, ReplicatorOptions options, HttpTransport transport) {
        this.config = config;
        this.options = options;
        this.transport = transport;
        this.buffers = BufferPool.from(config.buffers());
        ReplicationConfig r = config.replication();
        if (options.serial()) {
            this.tagExecutor = null;
            this.blobExecutor = null;
        } else {
            this.tagExecutor = BoundedExecutors.fixed("regbench-tag", r.tagConcurrency(), Math.max(16, 4 * r.tagConcurrency()));
            this.blobExecutor = BoundedExecutors.fixed("regbench-blob", effectiveBlobConcurrency(config),
                    Math.max(64, 16 * r.tagConcurrency()));
        }
    }

    /** Builds a replicator with its own transport; the caller closes it. */
    public static Replicator create(TuningConfig config, ReplicatorOptions options) throws IOException {
        return new Replicator(config, options, Transports.create(config.transport(), options.tls()));
    }

    /**
     * Blob copies in flight hold two connections each (source GET, destination PUT); more copies
     * than half the pool would wait for connections while holding others.
     */
    static int effectiveBlobConcurrency(TuningConfig config) {
        int half = Math.max(1, config.transport().maxTotal() / 2);
        return Math.max(1, Math.min(config.replication().blobConcurrency(), half));
    }

    /**
     * Runs one replication. Listing failures (source unreachable, unknown repository, auth
     * refused) throw; per-tag failures are reported in the result.
     */
    public ReplicationResult replicate(ReplicationRequest request) throws RegistryException {
        if (cancelled.get()) {
            throw new RegistryException("replicating " + request.source() + ": the replicator was cancelled");
        }
        TransferStats stats = new TransferStats();
        AtomicBoolean stop = new AtomicBoolean();
        currentStop.set(stop);
        long connectionsBefore = transport.counters().connectionsOpened();
        stats.start();
        Resilience resilience = Resilience.from(config.retry(), config.circuitBreaker(), options.sleeper(), options.clock());
        RegistryClient source = client(request.source(), options.sourceCredentials(), resilience, stats);
        RegistryClient destination = client(request.destination(), options.destinationCredentials(), resilience, stats);
        List<Selected> selection = select(request, source);
        options.progress().tagsSelected(selection.size());
        Executor blobs = options.serial() ? Runnable::run : blobExecutor;
        RunContext ctx = new RunContext(source, destination, config.replication(), stats, buffers,
                config.buffers().copyBufferSize().intBytes(), blobs, options.progress(), request.dryRun(), stop);
        TagCopier tags = new TagCopier(ctx, new BlobCopier(ctx));
        List<TagOutcome> outcomes = runAll(selection, tags, request.keepGoing(), stop);
        stats.stop();
        long opened = transport.counters().connectionsOpened() - connectionsBefore;
        currentStop.set(null);
        return new ReplicationResult(outcomes, stats.snapshot(opened), stats.histograms());
    }

    private List<TagOutcome> runAll(List<Selected> selection, TagCopier tags, boolean keepGoing, AtomicBoolean stop)
            throws RegistryException {
        List<CompletableFuture<TagOutcome>> futures = new ArrayList<>();
        for (Selected s : selection) {
            if (options.serial()) {
                futures.add(CompletableFuture.completedFuture(runOne(s, tags, keepGoing, stop)));
            } else {
                CompletableFuture<TagOutcome> f = new CompletableFuture<>();
                try {
                    tagExecutor.execute(() -> f.complete(runOne(s, tags, keepGoing, stop)));
                } catch (RuntimeException rejected) {
                    f.complete(notAttempted(s, "the replicator was closed"));
                }
                futures.add(f);
            }
        }
        Duration limit = config.timeouts().run();
        List<TagOutcome> outcomes = new ArrayList<>();
        long deadline = limit == null || limit.isZero() ? Long.MAX_VALUE : System.nanoTime() + limit.toNanos();
        for (int i = 0; i < futures.size(); i++) {
            try {
                long left = deadline - System.nanoTime();
                outcomes.add(deadline == Long.MAX_VALUE ? futures.get(i).get()
                        : futures.get(i).get(Math.max(0, left), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                cancel();
                outcomes.add(futures.get(i).join());
            } catch (InterruptedException e) {
                cancel();
                Thread.currentThread().interrupt();
                throw new RegistryException("replication interrupted");
            } catch (ExecutionException e) {
                outcomes.add(new TagOutcome(selection.get(i).describe(), "", TagOutcome.Status.FAILED, null,
                        TagCopier.oneLine(e.getCause())));
            }
        }
        return outcomes;
    }

    private TagOutcome runOne(Selected s, TagCopier tags, boolean keepGoing, AtomicBoolean stop) {
        if (stop.get()) {
            return notAttempted(s, "the run was stopped before this tag");
        }
        TagOutcome outcome = tags.copy(s.sourceRepo(), s.destRepo(), s.tag());
        if (outcome.status() == TagOutcome.Status.FAILED && !keepGoing) {
            stop.set(true);
        }
        options.progress().tagDone(outcome);
        return outcome;
    }

    private static TagOutcome notAttempted(Selected s, String why) {
        return new TagOutcome(s.describe(), "", TagOutcome.Status.NOT_ATTEMPTED, null, why);
    }

    private List<Selected> select(ReplicationRequest request, RegistryClient source) throws RegistryException {
        ImageReference src = request.source();
        List<String> repositories;
        if (!request.repositories().isEmpty()) {
            repositories = request.repositories();
        } else if (request.allRepositories() || src.repository() == null) {
            repositories = source.catalog();
        } else {
            repositories = List.of(src.repository());
        }
        List<Selected> out = new ArrayList<>();
        for (String repo : repositories) {
            String destRepo = request.destination().repository() != null ? request.destination().repository() : repo;
            List<String> tagList;
            if (src.repository() != null && repo.equals(src.repository()) && src.reference().isPresent()) {
                tagList = List.of(src.reference().get());
            } else {
                tagList = source.tags(repo);
            }
            for (String tag : tagList) {
                if (request.tagFilter().isEmpty() || request.tagFilter().get().matcher(tag).matches()) {
                    out.add(new Selected(source.host(), repo, destRepo, tag));
                }
            }
        }
        return request.shard().select(out, s -> request.shardUnit().key(s.sourceRepo(), s.tag()));
    }

    private RegistryClient client(ImageReference ref, Optional<Credentials> credentials, Resilience resilience,
                                  TransferStats stats) {
        int resumes = config.retry().enabled() ? Math.max(0, config.retry().maxAttempts() - 1) : 0;
        return RegistryClient.builder(transport, ref)
                .credentials(credentials)
                .resilience(resilience)
                .stats(stats)
                .authCache(config.auth())
                .timeouts(config.timeouts())
                .clock(options.clock())
                .maxResumes(resumes)
                .build();
    }

    /** A registry client for ad-hoc use (ping, listing) sharing this replicator's transport. */
    public RegistryClient client(ImageReference ref, Optional<Credentials> credentials) {
        Resilience resilience = Resilience.from(config.retry(), config.circuitBreaker(), options.sleeper(), options.clock());
        return client(ref, credentials, resilience, new TransferStats());
    }

    /** The transport's connection counters (cumulative over runs). */
    public TransportCounters connectionCounters() {
        return transport.counters();
    }

    /** Stops the current run: no new tag or blob starts and in-flight requests are aborted. Terminal. */
    public void cancel() {
        cancelled.set(true);
        AtomicBoolean stop = currentStop.get();
        if (stop != null) {
            stop.set(true);
        }
        try {
            transport.close();
        } catch (IOException ignored) {
            // closing is best effort here; close() tries again
        }
    }

    @Override
    public void close() {
        AtomicBoolean stop = currentStop.get();
        if (stop != null) {
            stop.set(true);
        }
        if (tagExecutor != null) {
            BoundedExecutors.shutdownAndAwait(tagExecutor, Duration.ofSeconds(10));
            BoundedExecutors.shutdownAndAwait(blobExecutor, Duration.ofSeconds(10));
        }
        try {
            transport.close();
        } catch (IOException ignored) {
            // nothing more to free
        }
    }

    /** One tag to copy. */
    private record Selected(String sourceHost, String sourceRepo, String destRepo, String tag) {
        String describe() {
            return sourceHost + "/" + sourceRepo + (tag.startsWith("sha256:") ? "@" : ":") + tag;
        }
    }
}
