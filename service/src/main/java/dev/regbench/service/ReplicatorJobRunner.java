package dev.regbench.service;

import dev.regbench.engine.registry.ImageReference;
import dev.regbench.engine.replicate.ProgressListener;
import dev.regbench.engine.replicate.ReplicationRequest;
import dev.regbench.engine.replicate.ReplicationResult;
import dev.regbench.engine.replicate.Replicator;
import dev.regbench.engine.replicate.ReplicatorOptions;
import dev.regbench.engine.replicate.TagOutcome;
import dev.regbench.engine.stats.TransferStatsSnapshot;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * The service's real {@link JobRunner}: copies the job's tags with the engine's
 * {@link Replicator}, built per job from the job's tuning config, and turns the replicator's
 * progress into job progress and log lines. A cancelled job cancels its replicator (in-flight
 * requests are aborted). A run with failed tags fails the job, naming the first failure; tags
 * that were copied stay copied.
 *
 * <p>Thread-safe: holds only immutable options; each run has its own replicator, closed at the end.
 */
public final class ReplicatorJobRunner implements JobRunner {

    private final ReplicatorOptions options;

    /** Anonymous access, default TLS trust. */
    public ReplicatorJobRunner() {
        this(ReplicatorOptions.DEFAULT);
    }

    /** With credentials or TLS trust for the registries; its progress listener is replaced per job. */
    public ReplicatorJobRunner(ReplicatorOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public void run(JobSpec spec, JobContext ctx) throws Exception {
        ImageReference source = ImageReference.parse(spec.source().toString());
        ImageReference destination = ImageReference.parse(spec.destination().toString());
        ReplicationRequest request = ReplicationRequest.of(source, destination)
                .withTagFilter(spec.tags().pattern())
                .withKeepGoing(true);
        ctx.log("replicating " + source + " -> " + destination + " with config " + spec.config().name());
        try (Replicator replicator = Replicator.create(spec.config(), options.withProgress(new Progress(ctx)))) {
            ctx.onCancel(replicator::cancel);
            ctx.throwIfCancelled();
            ReplicationResult result = replicator.replicate(request);
            TransferStatsSnapshot stats = result.stats();
            ctx.log("done: " + result.tags().size() + " tags, " + result.count(TagOutcome.Status.COPIED) + " copied, "
                    + result.count(TagOutcome.Status.SKIPPED) + " skipped, " + result.failed().size() + " failed; stats "
                    + Json.write(stats));
            ctx.throwIfCancelled();
            List<TagOutcome> failed = result.failed();
            if (!failed.isEmpty()) {
                throw new IOException(failed.size() + " of " + result.tags().size() + " tags failed; first: "
                        + failed.get(0).source() + ": " + failed.get(0).reason());
            }
        }
    }

    /** Replicator progress → job progress. Thread-safe (the context is). */
    private static final class Progress implements ProgressListener {
        private final JobContext ctx;

        Progress(JobContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public void tagsSelected(int count) {
            ctx.tagsPlanned(count);
            ctx.log(count + " tags selected");
        }

        @Override
        public void bytesCopied(long bytes) {
            ctx.progress(bytes, 0, 0);
        }

        @Override
        public void blobDone() {
            ctx.progress(0, 1, 0);
        }

        @Override
        public void tagDone(TagOutcome outcome) {
            ctx.progress(0, 0, 1);
            ctx.log("tag " + outcome.source() + " -> " + outcome.destination() + ": " + outcome.status()
                    + (outcome.reason() == null ? "" : " (" + outcome.reason() + ")"));
        }
    }
}
