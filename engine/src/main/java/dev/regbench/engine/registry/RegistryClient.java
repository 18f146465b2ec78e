package dev.regbench.engine.registry;

import dev.regbench.engine.config.AuthCacheConfig;
import dev.regbench.engine.config.TimeoutsConfig;
import dev.regbench.engine.resilience.IoCall;
import dev.regbench.engine.resilience.Resilience;
import dev.regbench.engine.resilience.UpstreamFailureException;
import dev.regbench.engine.stats.TransferStats;
import dev.regbench.engine.transport.HttpTransport;
import dev.regbench.engine.transport.RequestBody;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The OCI Distribution API of one registry: ping, catalog and tags (paginated), manifests
 * (HEAD/GET/PUT, byte-exact), blobs (HEAD, streamed GET verified on the fly and resumed with
 * {@code Range}, monolithic or chunked upload, cross-repository mount) and referrers.
 *
 * <p>Every call goes through {@code Resilience.call(host, operation, …)} (retry, circuit breaker,
 * bulkhead) with its per-operation deadline from {@link TimeoutsConfig}; failures come out as
 * {@link RegistryException}s naming the action. Thread-safe; holds no connection itself (the
 * transport does, and its owner closes it).
 */
public final class RegistryClient {
    private final ImageReference registry;
    private final URI base;
    private final String host;
    private final RegistryCaller caller;
    private final Resilience resilience;
    private final TransferStats stats;
    private final TimeoutsConfig timeouts;
    private final int maxResumes;
    private final int maxManifestBytes;

    private RegistryClient(Builder b) {
        this.registry = b.registry;
        this.base = b.registry.baseUri();
        this.host = b.registry.host();
        this.stats = b.stats;
        this.resilience = b.resilience;
        this.timeouts = b.timeouts;
        this.maxResumes = b.maxResumes;
        this.maxManifestBytes = b.maxManifestBytes;
        TokenAuthenticator auth = new TokenAuthenticator(b.transport, b.registry, b.credentials, b.authCache, b.stats);
        this.caller = new RegistryCaller(b.transport, auth, b.stats, b.clock);
    }

    public static Builder builder(HttpTransport transport, ImageReference registry) {
        return new Builder(transport, registry);
    }

    /** {@code host[:port]}. */
    public String host() {
        return host;
    }

    public ImageReference registry() {
        return registry;
    }

    /** {@code GET /v2/}; fails with a clear message when the registry is unreachable or refuses us. */
    public void ping() throws RegistryException {
        Ping op = new Ping(base, host, timeouts.manifest());
        resilient(op.statsName(), op.description(), () -> caller.call(op));
    }

    /** Every repository, following pagination. */
    public List<String> catalog() throws RegistryException {
        return paged(uri -> Lister.catalog(uri, host, timeouts.manifest()), base.resolve("/v2/_catalog?n=1000"));
    }

    /** Every tag of {@code repository}, following pagination. */
    public List<String> tags(String repository) throws RegistryException {
        return paged(uri -> Lister.tags(uri, repository, host, timeouts.manifest()),
                base.resolve("/v2/" + repository + "/tags/list?n=1000"));
    }

    private List<String> paged(java.util.function.Function<URI, Lister> page, URI first) throws RegistryException {
        List<String> all = new ArrayList<>();
        Optional<URI> next = Optional.of(first);
        int pages = 0;
        while (next.isPresent()) {
            Lister op = page.apply(next.get());
            Page p = resilient(op.statsName(), op.description(), () -> caller.call(op));
            all.addAll(p.items());
            next = p.next();
            if (++pages > 100_000) {
                throw new RegistryException(op.description() + ": pagination does not end");
            }
        }
        return all;
    }

    /** {@code HEAD} of a manifest: its digest, or empty when the registry does not have it. */
    public Optional<String> manifestDigest(String repository, String reference) throws RegistryException {
        ManifestChecker op = new ManifestChecker(base, host, repository, reference, timeouts.manifest());
        return resilient(op.statsName(), op.description(), () -> caller.call(op));
    }

    /** The manifest or index, byte for byte. */
    public Manifest pullManifest(String repository, String reference) throws RegistryException {
        ManifestPuller op = new ManifestPuller(base, host, repository, reference, timeouts.manifest(), maxManifestBytes);
        Manifest m = resilient(op.statsName(), op.description(), () -> caller.call(op));
        stats.bytesIn(m.bytes().length);
        return m;
    }

    /** Pushes {@code manifest} under {@code reference} (tag or its digest); returns the digest. */
    public String pushManifest(String repository, String reference, Manifest manifest) throws RegistryException {
        ManifestPusher op = new ManifestPusher(base, host, repository, reference, manifest, timeouts.manifest());
        String digest = resilient(op.statsName(), op.description(), () -> caller.call(op));
        stats.bytesOut(manifest.bytes().length);
        return digest;
    }

    /** {@code HEAD} of a blob: its size, or empty when the repository does not have it. */
    public OptionalLong blobSize(String repository, String digest) throws RegistryException {
        BlobChecker op = new BlobChecker(base, host, repository, digest, timeouts.manifest());
        return resilient(op.statsName(), op.description(), () -> caller.call(op));
    }

    /**
     * Opens the blob for streaming. The stream verifies the digest (and size, when known) as it
     * is read — the read that completes a mismatching blob throws {@link DigestMismatchException} —
     * and resumes with {@code Range} after a broken connection. The caller closes it.
     *
     * @param verify false only to measure the cost of hashing ({@code replication.verifyDigests})
     */
    public InputStream pullBlob(String repository, Descriptor blob, boolean verify) throws RegistryException {
        String action = "pulling blob " + blob.digest() + " from " + host + "/" + repository;
        ResumingBlobStream.Opener opener = offset -> {
            BlobPuller op = new BlobPuller(base, host, repository, blob.digest(), offset, timeouts.blob());
            return resilient(op.statsName(), op.description(), () -> caller.call(op));
        };
        try {
            BlobPuller.Opened first = opener.open(0);
            InputStream counted = new CountingStream(new ResumingBlobStream(opener, first, maxResumes), stats);
            return verify ? new VerifyingInputStream(counted, blob.digest(), blob.size(), action) : counted;
        } catch (RegistryException e) {
            throw e;
        } catch (IOException e) {
            throw new RegistryIoException(action, e);
        }
    }

    /**
     * Uploads a blob whose bytes come from {@code body} (re-opened from its source on a retry).
     * {@code chunkSize <= 0} uploads monolithically ({@code POST} then {@code PUT ?digest=} with the
     * body); otherwise in {@code PATCH} chunks of that size, then {@code PUT ?digest=}.
     */
    public void pushBlob(String repository, String digest, RequestBody body, long chunkSize) throws RegistryException {
        pushBlob(repository, digest, body, chunkSize, Optional.empty());
    }

    /**
     * Like {@link #pushBlob(String, String, RequestBody, long)}, but first asks the registry to mount
     * {@code digest} from {@code mountFrom} when given: the mount {@code POST} is the upload's
     * {@code POST}, so a declined mount ({@code 202}) costs no extra request — its session
     * ({@code Location}) receives the body, as the OCI distribution spec says.
     *
     * @return true when the blob was mounted (nothing uploaded)
     */
    public boolean pushBlob(String repository, String digest, RequestBody body, long chunkSize,
                            Optional<String> mountFrom) throws RegistryException {
        String action = "pushing blob " + digest + " to " + host + "/" + repository;
        String operation = mountFrom.isPresent() ? "blob_mount" : "blob_upload";
        return resilient(operation, action, () -> {
            UploadStarter start = mountFrom.isPresent()
                    ? UploadStarter.mount(base, host, repository, digest, mountFrom.get(), timeouts.upload())
                    : UploadStarter.upload(base, host, repository, digest, timeouts.upload());
            UploadStarter.Started started = caller.call(start);
            if (started.mounted()) {
                return true;
            }
            finishUpload(action, repository, digest, started.location(), body, chunkSize);
            return false;
        });
    }

    /**
     * Asks the registry to mount {@code digest} from {@code fromRepository}. Returns false when it
     * declined; the session it opened is abandoned, so replication uses
     * {@link #pushBlob(String, String, RequestBody, long, Optional)} instead, which uploads into it.
     */
    public boolean mountBlob(String repository, String digest, String fromRepository) throws RegistryException {
        UploadStarter op = UploadStarter.mount(base, host, repository, digest, fromRepository, timeouts.upload());
        return resilient(op.statsName(), op.description(), () -> caller.call(op)).mounted();
    }

    /** The referrers of {@code digest} (empty when the registry has none or does not support the API). */
    public List<Descriptor> referrers(String repository, String digest) throws RegistryException {
        ReferrersLister op = new ReferrersLister(base, host, repository, digest, timeouts.manifest());
        return resilient(op.statsName(), op.description(), () -> caller.call(op));
    }

    /** Sends the body into the session at {@code location}; on any failure cancels the session, then rethrows. */
    private void finishUpload(String action, String repository, String digest, URI location, RequestBody body,
                              long chunkSize) throws IOException {
        Duration deadline = timeouts.upload();
        URI[] session = {location};
        try {
            if (chunkSize <= 0 || body.length() >= 0 && body.length() <= chunkSize) {
                caller.call(new UploadFinisher(action, location, repository, digest, body, deadline));
                stats.bytesOut(Math.max(0, body.length()));
                return;
            }
            long offset = 0;
            try (InputStream in = body.open()) {
                while (true) {
                    ChunkBody chunk = new ChunkBody(in, chunkSize);
                    if (!chunk.fill()) {
                        break;
                    }
                    session[0] = caller.call(new ChunkPusher(action, session[0], repository, offset, chunk, deadline));
                    offset += chunk.length();
                    stats.bytesOut(chunk.length());
                }
            }
            caller.call(new UploadFinisher(action, session[0], repository, digest, null, deadline));
        } catch (IOException | RuntimeException e) {
            cancelUpload(action, repository, session[0], e);
            throw e;
        }
    }

    /**
     * Best effort, bounded: one {@code DELETE} of an abandoned session, within the manifest deadline
     * (at most {@link #MAX_CANCEL_WAIT}), never retried; its own failure is added to {@code failure}
     * as suppressed, never replacing it. Skipped when the run was cancelled (the thread is interrupted).
     */
    private void cancelUpload(String action, String repository, URI session, Exception failure) {
        if (Thread.currentThread().isInterrupted()) {
            return;
        }
        Duration bound = timeouts.manifest().isZero() || timeouts.manifest().compareTo(MAX_CANCEL_WAIT) > 0
                ? MAX_CANCEL_WAIT : timeouts.manifest();
        try {
            caller.call(new UploadCanceller(action, session, repository, bound));
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** The longest an upload cancel may take: it is cleanup, not the work. */
    private static final Duration MAX_CANCEL_WAIT = Duration.ofSeconds(5);

    /**
     * Runs {@code call} under the resilience policy of this host, wrapping transport failures with
     * the action and the number of attempts made. A failure of another host inside the call (the
     * source feeding an upload: {@link UpstreamFailureException}) comes out as that host's own
     * error: its policy retried it, this one did not.
     */
    private <T> T resilient(String operation, String action, IoCall<T> call) throws RegistryException {
        int[] attempts = {0};
        try {
            return resilience.call(host, operation, () -> {
                if (attempts[0]++ > 0) {
                    stats.retry();
                }
                return call.call();
            });
        } catch (IOException | RuntimeException e) {
            UpstreamFailureException upstream = UpstreamFailureException.find(e);
            if (upstream != null) {
                if (upstream.getCause() instanceof RegistryException re) {
                    throw re;
                }
                throw new RegistryIoException(action + ": reading from " + upstream.host(), upstream.getCause(), 1);
            }
            stats.failure(operation);
            if (e instanceof RegistryException re) {
                throw re;
            }
            if (e instanceof IOException io) {
                throw new RegistryIoException(action, io, attempts[0]);
            }
            throw new RegistryException(action + ": " + e.getMessage(), e);
        }
    }

    /** Counts blob bytes read into {@code bytes_in}. */
    private static final class CountingStream extends FilterInputStream {
        private final TransferStats stats;

        CountingStream(InputStream in, TransferStats stats) {
            super(in);
            this.stats = stats;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                stats.bytesIn(n);
            }
            return n;
        }
    }

    /** Builds a client; every setting but the transport and registry has a default. Not thread-safe. */
    public static final class Builder {
        private final HttpTransport transport;
        private final ImageReference registry;
        private Optional<Credentials> credentials = Optional.empty();
        private Resilience resilience;
        private TransferStats stats;
        private AuthCacheConfig authCache = AuthCacheConfig.DEFAULT;
        private TimeoutsConfig timeouts = TimeoutsConfig.DEFAULT;
        private Clock clock = Clock.systemUTC();
        private int maxResumes = 3;
        private int maxManifestBytes = 4 << 20;

        private Builder(HttpTransport transport, ImageReference registry) {
            this.transport = Objects.requireNonNull(transport, "transport");
            this.registry = Objects.requireNonNull(registry, "registry");
        }

        public Builder credentials(Optional<Credentials> c) {
            this.credentials = Objects.requireNonNull(c);
            return this;
        }

        public Builder resilience(Resilience r) {
            this.resilience = r;
            return this;
        }

        public Builder stats(TransferStats s) {
            this.stats = s;
            return this;
        }

        public Builder authCache(AuthCacheConfig a) {
            this.authCache = a;
            return this;
        }

        public Builder timeouts(TimeoutsConfig t) {
            this.timeouts = t;
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = c;
            return this;
        }

        /** How many times a broken blob download is resumed with {@code Range} (0 = never). Default 3. */
        public Builder maxResumes(int n) {
            this.maxResumes = n;
            return this;
        }

        public Builder maxManifestBytes(int n) {
            this.maxManifestBytes = n;
            return this;
        }

        public RegistryClient build() {
            Objects.requireNonNull(resilience, "resilience");
            Objects.requireNonNull(stats, "stats");
            return new RegistryClient(this);
        }
    }
}
