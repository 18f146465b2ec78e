package dev.regbench.engine.replicate;

import dev.regbench.engine.config.ReplicationConfig;
import dev.regbench.engine.config.SelftestRegressions;
import dev.regbench.engine.registry.Descriptor;
import dev.regbench.engine.registry.RegistryException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Makes blobs present at the destination, each digest once per run even when many tags need it
 * at the same moment (go-containerregistry's pusher habit): one {@link CompletableFuture} per
 * destination repository and digest; a failed entry is removed so a later caller can retry.
 *
 * <p>For one blob: {@code HEAD} at the destination (skip when present); when another repository
 * of the destination received the digest in this run (or was found holding it), wait for that
 * and mount from it — never blindly: a mount is only tried for a digest known to be in another
 * repository of the destination, and a declined mount's upload session receives the upload;
 * otherwise stream it source → destination. Thread-safe.
 */
final class BlobCopier {
    /** What became of one blob. */
    enum Result { COPIED, MOUNTED, SKIPPED, WOULD_COPY }

    private final RunContext ctx;
    private final ConcurrentMap<String, CompletableFuture<Result>> perRepo = new ConcurrentHashMap<>();
    /** digest → the future of the first destination repository that receives it (completes with that repo). */
    private final ConcurrentMap<String, CompletableFuture<String>> firstHolder = new ConcurrentHashMap<>();

    BlobCopier(RunContext ctx) {
        this.ctx = ctx;
    }

    /** Starts (or joins) making {@code blob} present in {@code destRepo}. */
    CompletableFuture<Result> ensure(String sourceRepo, String destRepo, Descriptor blob) {
        String key = destRepo + "@" + blob.digest();
        CompletableFuture<Result> mine = new CompletableFuture<>();
        CompletableFuture<Result> existing = perRepo.putIfAbsent(key, mine);
        if (existing != null) {
            return existing;
        }
        Runnable task = () -> {
            try {
                mine.complete(copy(sourceRepo, destRepo, blob));
                ctx.progress().blobDone();
            } catch (Throwable t) {
                perRepo.remove(key, mine);           // a later caller may retry
                mine.completeExceptionally(t);
            }
        };
        try {
            ctx.blobExecutor().execute(task);
        } catch (RuntimeException rejected) {     // executor shut down: the run is over
            perRepo.remove(key, mine);
            mine.completeExceptionally(rejected);
        }
        return mine;
    }

    private Result copy(String sourceRepo, String destRepo, Descriptor blob) throws RegistryException {
        ctx.checkNotStopped("copying blob " + blob.digest());
        ReplicationConfig cfg = ctx.config();
        if (SelftestRegressions.EXTRA_REQUEST) {
            ctx.destination().blobSize(destRepo, blob.digest());
        }
        if (cfg.skipExisting() && ctx.destination().blobSize(destRepo, blob.digest()).isPresent()) {
            firstHolder.putIfAbsent(blob.digest(), CompletableFuture.completedFuture(destRepo));
            ctx.stats().blobSkipped();
            return Result.SKIPPED;
        }
        if (ctx.dryRun()) {
            return Result.WOULD_COPY;
        }
        CompletableFuture<String> holder = new CompletableFuture<>();
        CompletableFuture<String> earlier = cfg.crossRepoMount() ? firstHolder.putIfAbsent(blob.digest(), holder) : null;
        if (earlier != null) {
            String from = awaitHolder(earlier);
            boolean mountable = from != null && !from.equals(destRepo);
            if (upload(sourceRepo, destRepo, blob, mountable ? Optional.of(from) : Optional.empty())) {
                ctx.stats().blobMounted();
                return Result.MOUNTED;
            }
            return Result.COPIED;
        }
        try {
            upload(sourceRepo, destRepo, blob, Optional.empty());
            holder.complete(destRepo);
            return Result.COPIED;
        } catch (RegistryException | RuntimeException e) {
            firstHolder.remove(blob.digest(), holder);
            holder.complete(null);                     // waiters upload themselves
            throw e;
        }
    }

    /** The repository that received the digest first, or null when its upload failed. */
    private static String awaitHolder(CompletableFuture<String> earlier) {
        try {
            return earlier.join();
        } catch (CompletionException e) {
            return null;
        }
    }

    /**
     * Mounts from {@code mountFrom} when given (a declined mount's session receives the upload, no
     * extra request), otherwise streams the blob source → destination.
     *
     * @return true when mounted
     */
    private boolean upload(String sourceRepo, String destRepo, Descriptor blob, Optional<String> mountFrom)
            throws RegistryException {
        ReplicationConfig cfg = ctx.config();
        long chunk = cfg.uploadMode() == ReplicationConfig.UploadMode.CHUNKED ? cfg.chunkSize().bytes() : 0;
        PooledBlobBody body = new PooledBlobBody(ctx.source(), sourceRepo, blob, cfg.verifyDigests(), ctx.buffers(),
                ctx.copyBufferSize(), ctx.progress());
        boolean mounted = ctx.destination().pushBlob(destRepo, blob.digest(), body, chunk, mountFrom);
        if (!mounted) {
            ctx.stats().blobCopied(blob.size());
        }
        return mounted;
    }
}
