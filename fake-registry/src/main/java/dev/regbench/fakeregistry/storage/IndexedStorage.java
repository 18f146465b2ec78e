package dev.regbench.fakeregistry.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The {@link Storage} implementation: an index of repositories (blob links, manifests, tags)
 * in concurrent maps over a shared {@link BlobStore}; every index change is also handed to a
 * {@link Journal}. Thread-safe: lookups are lock-free, which keeps manifest and blob GETs cheap.
 */
final class IndexedStorage implements Storage {
    /** Sessions untouched this long are dropped (the spec lets registries time out abandoned uploads). */
    static final long UPLOAD_IDLE_NANOS = java.util.concurrent.TimeUnit.HOURS.toNanos(1);
    private static final long SWEEP_EVERY_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(1);

    private final BlobStore blobs;
    private final java.util.concurrent.atomic.AtomicLong lastSweep = new java.util.concurrent.atomic.AtomicLong(System.nanoTime());
    private volatile Journal journal;
    private volatile List<String> recoveryProblems = List.of();
    private final ConcurrentSkipListMap<String, Repo> repos = new ConcurrentSkipListMap<>();
    private final ConcurrentHashMap<String, Upload> uploads = new ConcurrentHashMap<>();

    /** One repository's links, manifests (by digest) and tags (sorted). */
    private static final class Repo {
        final Set<String> links = ConcurrentHashMap.newKeySet();
        final ConcurrentHashMap<String, StoredManifest> manifests = new ConcurrentHashMap<>();
        final ConcurrentSkipListMap<String, String> tags = new ConcurrentSkipListMap<>();

        boolean isEmpty() {
            return links.isEmpty() && manifests.isEmpty() && tags.isEmpty();
        }
    }

    IndexedStorage(BlobStore blobs, Journal journal) {
        this.blobs = blobs;
        this.journal = journal;
    }

    void setRecoveryProblems(List<String> problems) {
        this.recoveryProblems = List.copyOf(problems);
    }

    @Override
    public List<String> recoveryProblems() {
        return recoveryProblems;
    }

    void setJournal(Journal journal) {
        this.journal = journal;
    }

    BlobStore blobStore() {
        return blobs;
    }

    private Repo repo(String name) {
        return repos.computeIfAbsent(name, n -> new Repo());
    }

    @Override
    public String putBlob(String repository, ByteBuffer content) {
        Digest digest = Digest.sha256(content);
        try {
            blobs.put(digest, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store blob " + digest + " for " + repository, e);
        }
        link(repository, digest.toString());
        return digest.toString();
    }

    void link(String repository, String digest) {
        if (repo(repository).links.add(digest)) {
            journal.linked(repository, digest);
        }
    }

    @Override
    public String putManifest(String repository, String tag, String mediaType, byte[] content) {
        ManifestFacts facts = ManifestFacts.parse(mediaType, content);
        String digest = Digest.sha256(content).toString();
        return putManifest(repository, tag, digest, mediaType, content, facts).digest();
    }

    @Override
    public StoredManifest putManifest(String repository, String tag, String digest, String mediaType,
                                      byte[] content, ManifestFacts facts) {
        Repo repo = repo(repository);
        StoredManifest stored = repo.manifests.get(digest);
        if (stored == null) {
            StoredManifest fresh = StoredManifest.of(digest, mediaType, content, facts);
            stored = repo.manifests.computeIfAbsent(digest, d -> fresh);
            if (stored == fresh) {
                journal.manifestStored(repository, stored);
            }
        }
        if (tag != null && !digest.equals(repo.tags.put(tag, digest))) {
            journal.tagged(repository, tag, digest);
        }
        return stored;
    }

    /** Points {@code tag} at an already stored manifest (used when reloading a disk storage); false when there is none. */
    boolean putManifestTag(String repository, String tag, String digest) {
        Repo repo = repo(repository);
        if (repo.manifests.containsKey(digest)) {
            repo.tags.put(tag, digest);
            return true;
        }
        return false;
    }

    @Override
    public Optional<Blob> blob(String repository, String digest) {
        Repo repo = repos.get(repository);
        if (repo == null || !repo.links.contains(digest)) {
            return Optional.empty();
        }
        return Optional.ofNullable(blobs.get(digest));
    }

    @Override
    public boolean blobExists(String digest) {
        return blobs.get(digest) != null;
    }

    @Override
    public boolean mountBlob(String from, String to, String digest) {
        if (blob(from, digest).isEmpty()) {
            return false;
        }
        link(to, digest);
        return true;
    }

    @Override
    public boolean unlinkBlob(String repository, String digest) {
        Repo repo = repos.get(repository);
        if (repo != null && repo.links.remove(digest)) {
            journal.unlinked(repository, digest);
            return true;
        }
        return false;
    }

    @Override
    public Optional<StoredManifest> manifest(String repository, String reference) {
        Repo repo = repos.get(repository);
        if (repo == null) {
            return Optional.empty();
        }
        String digest = reference.indexOf(':') >= 0 ? reference : repo.tags.get(reference);
        return digest == null ? Optional.empty() : Optional.ofNullable(repo.manifests.get(digest));
    }

    @Override
    public boolean deleteManifest(String repository, String reference) {
        Repo repo = repos.get(repository);
        if (repo == null) {
            return false;
        }
        if (reference.indexOf(':') < 0) {
            if (repo.tags.remove(reference) != null) {
                journal.untagged(repository, reference);
                return true;
            }
            return false;
        }
        if (repo.manifests.remove(reference) == null) {
            return false;
        }
        for (Map.Entry<String, String> e : repo.tags.entrySet()) {
            if (e.getValue().equals(reference) && repo.tags.remove(e.getKey(), reference)) {
                journal.untagged(repository, e.getKey());
            }
        }
        journal.manifestDeleted(repository, reference);
        return true;
    }

    @Override
    public boolean repositoryExists(String repository) {
        Repo repo = repos.get(repository);
        return repo != null && !repo.isEmpty();
    }

    @Override
    public List<String> repositories() {
        List<String> names = new ArrayList<>();
        repos.forEach((name, repo) -> {
            if (!repo.isEmpty()) {
                names.add(name);
            }
        });
        return names;
    }

    @Override
    public List<String> tags(String repository) {
        Repo repo = repos.get(repository);
        return repo == null ? List.of() : new ArrayList<>(repo.tags.keySet());
    }

    @Override
    public List<StoredManifest> referrers(String repository, String digest) {
        Repo repo = repos.get(repository);
        if (repo == null) {
            return List.of();
        }
        List<StoredManifest> result = new ArrayList<>();
        for (StoredManifest m : repo.manifests.values()) {
            if (digest.equals(m.facts().subject())) {
                result.add(m);
            }
        }
        result.sort(Comparator.comparing(StoredManifest::digest));
        return result;
    }

    @Override
    public Upload startUpload(String repository) throws IOException {
        sweepIdleUploads(System.nanoTime());
        String id = UUID.randomUUID().toString();
        Upload upload = new Upload(id, repository, blobs.stage(id));
        uploads.put(id, upload);
        return upload;
    }

    /** Drops sessions idle longer than {@link #UPLOAD_IDLE_NANOS}; runs at most once a minute. */
    void sweepIdleUploads(long now) {
        long last = lastSweep.get();
        if (now - last < SWEEP_EVERY_NANOS || !lastSweep.compareAndSet(last, now)) {
            return;
        }
        for (Upload upload : uploads.values()) {
            if (now - upload.lastUsedNanos() > UPLOAD_IDLE_NANOS && uploads.remove(upload.id(), upload)) {
                upload.discard();
            }
        }
    }

    @Override
    public Optional<Upload> upload(String repository, String id) {
        Upload upload = uploads.get(id);
        return upload != null && upload.repository().equals(repository) ? Optional.of(upload) : Optional.empty();
    }

    @Override
    public boolean cancelUpload(String repository, String id) {
        Upload upload = uploads.get(id);
        if (upload == null || !upload.repository().equals(repository) || !uploads.remove(id, upload)) {
            return false;
        }
        upload.discard();
        return true;
    }

    @Override
    public Blob commitUpload(Upload upload, Digest digest) throws DigestMismatchException, IOException {
        synchronized (upload) {
            if (upload.isClosed()) {
                throw new IOException("upload " + upload.id() + " is already closed");
            }
            uploads.remove(upload.id(), upload);
            Digest actual = upload.staging().digest(digest.algorithm());
            if (!actual.equals(digest)) {
                upload.discard();
                throw new DigestMismatchException(digest.toString(), actual.toString());
            }
            upload.close();
            Blob blob;
            try {
                blob = blobs.commit(upload.staging(), digest);
            } catch (IOException | RuntimeException e) {
                upload.discard();
                throw e;
            }
            link(upload.repository(), blob.digest());
            return blob;
        }
    }

    @Override
    public Counts counts() {
        int manifests = 0;
        int repositories = 0;
        for (Repo repo : repos.values()) {
            manifests += repo.manifests.size();
            if (!repo.isEmpty()) {
                repositories++;
            }
        }
        return new Counts(repositories, manifests, blobs.count(), uploads.size());
    }

    @Override
    public void close() throws IOException {
        for (Upload upload : uploads.values()) {
            upload.discard();
        }
        uploads.clear();
        blobs.close();
    }
}
