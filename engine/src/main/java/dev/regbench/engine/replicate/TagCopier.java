package dev.regbench.engine.replicate;

import dev.regbench.engine.registry.Descriptor;
import dev.regbench.engine.registry.Manifest;
import dev.regbench.engine.registry.RegistryException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Copies one tag: skips it when the destination's manifest digest already matches ({@code HEAD}
 * at the destination, then — only when it has the tag — at the source; no blob touched); otherwise pulls the manifest, makes every blob present
 * through the shared {@link BlobCopier}, and pushes the manifest only after all its blobs —
 * for an index, each child image (blobs, then child manifest by digest) before the index.
 * Any failure aborts the tag before its manifest is pushed. Thread-safe (stateless per call).
 */
final class TagCopier {
    private final RunContext ctx;
    private final BlobCopier blobs;

    TagCopier(RunContext ctx, BlobCopier blobs) {
        this.ctx = ctx;
        this.blobs = blobs;
    }

    /** Copies {@code sourceRepo:tag} to {@code destRepo:tag}. */
    TagOutcome copy(String sourceRepo, String destRepo, String tag) {
        String src = ctx.source().host() + "/" + sourceRepo + suffix(tag);
        String dst = ctx.destination().host() + "/" + destRepo + suffix(tag);
        String digest = null;
        try {
            ctx.checkNotStopped("copying " + src);
            if (ctx.config().skipMatchingManifests()) {
                // Destination first: when it lacks the tag (a first run) the source HEAD would be
                // wasted, so only a tag present at the destination costs a second HEAD. HEAD, not
                // GET, on the source: registries such as Docker Hub count manifest GETs as pulls.
                Optional<String> destDigest = ctx.destination().manifestDigest(destRepo, tag);
                if (destDigest.isPresent() && !destDigest.get().isEmpty()) {
                    Optional<String> sourceDigest = ctx.source().manifestDigest(sourceRepo, tag);
                    if (sourceDigest.isPresent() && sourceDigest.get().equals(destDigest.get())) {
                        digest = sourceDigest.get();
                        ctx.stats().tagSkipped();
                        return new TagOutcome(src, dst, TagOutcome.Status.SKIPPED, digest, null);
                    }
                }
            }
            Manifest manifest = ctx.source().pullManifest(sourceRepo, tag);
            digest = manifest.digest();
            if (manifest.isIndex()) {
                for (Descriptor child : manifest.children()) {
                    copyChild(sourceRepo, destRepo, child);
                }
            } else {
                copyBlobs(sourceRepo, destRepo, manifest);
            }
            if (ctx.dryRun()) {
                return new TagOutcome(src, dst, TagOutcome.Status.WOULD_COPY, digest, null);
            }
            ctx.checkNotStopped("pushing manifest of " + dst);
            ctx.destination().pushManifest(destRepo, tag, manifest);
            ctx.stats().manifestCopied();
            ctx.stats().tagCopied();
            return new TagOutcome(src, dst, TagOutcome.Status.COPIED, digest, null);
        } catch (RunContext.CancelledException e) {
            return new TagOutcome(src, dst, TagOutcome.Status.NOT_ATTEMPTED, digest, oneLine(e));
        } catch (RegistryException | RuntimeException e) {
            if (ctx.stopped().get() && isCancellation(e)) {
                return new TagOutcome(src, dst, TagOutcome.Status.NOT_ATTEMPTED, digest, oneLine(e));
            }
            ctx.stats().tagFailed();
            return new TagOutcome(src, dst, TagOutcome.Status.FAILED, digest, oneLine(e));
        } catch (java.io.IOException e) {          // manifest JSON that does not parse
            ctx.stats().tagFailed();
            return new TagOutcome(src, dst, TagOutcome.Status.FAILED, digest, "copying " + src + ": " + oneLine(e));
        }
    }

    private void copyChild(String sourceRepo, String destRepo, Descriptor child) throws java.io.IOException {
        if (ctx.config().skipMatchingManifests()
                && ctx.destination().manifestDigest(destRepo, child.digest()).isPresent()) {
            return;
        }
        Manifest manifest = ctx.source().pullManifest(sourceRepo, child.digest());
        if (manifest.isIndex()) {
            for (Descriptor grandChild : manifest.children()) {
                copyChild(sourceRepo, destRepo, grandChild);
            }
        } else {
            copyBlobs(sourceRepo, destRepo, manifest);
        }
        if (!ctx.dryRun()) {
            ctx.destination().pushManifest(destRepo, child.digest(), manifest);
            ctx.stats().manifestCopied();
        }
    }

    /** Starts every blob of {@code manifest}, waits for all, and throws the first failure. */
    private void copyBlobs(String sourceRepo, String destRepo, Manifest manifest) throws java.io.IOException {
        List<CompletableFuture<BlobCopier.Result>> futures = new ArrayList<>();
        for (Descriptor blob : manifest.blobs()) {
            futures.add(blobs.ensure(sourceRepo, destRepo, blob));
        }
        Throwable first = null;
        for (CompletableFuture<BlobCopier.Result> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RunContext.CancelledException("waiting for blobs of " + manifest.digest());
            } catch (ExecutionException e) {
                if (first == null) {
                    first = e.getCause();
                }
            }
        }
        if (first instanceof RegistryException re) {
            throw re;
        }
        if (first instanceof RuntimeException re) {
            throw re;
        }
        if (first != null) {
            throw new CompletionException(first);
        }
    }

    private static boolean isCancellation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RunContext.CancelledException || t instanceof java.util.concurrent.CancellationException) {
                return true;
            }
        }
        return false;
    }

    private static String suffix(String tag) {
        return tag.startsWith("sha256:") ? "@" + tag : ":" + tag;
    }

    static String oneLine(Throwable e) {
        Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.replace('\n', ' ');
    }
}
