package dev.regbench.fakeregistry.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes the repository index of a disk storage as small files, in the spirit of CNCF
 * distribution's layout, and reads them back when the storage is reopened:
 * <pre>
 * repositories/&lt;name&gt;/_layers/&lt;alg&gt;/&lt;hex&gt;                       (blob link, empty)
 * repositories/&lt;name&gt;/_manifests/revisions/&lt;alg&gt;/&lt;hex&gt;/data    (manifest bytes)
 * repositories/&lt;name&gt;/_manifests/revisions/&lt;alg&gt;/&lt;hex&gt;/type    (media type)
 * repositories/&lt;name&gt;/_manifests/tags/&lt;tag&gt;                       (manifest digest)
 * </pre>
 * Thread-safe (each change is one file operation).
 */
final class DiskJournal implements Journal {
    private final Path root;

    private DiskJournal(Path root) {
        this.root = root;
    }

    /** Opens (or creates) a disk storage under {@code dir}, replaying what is already there. */
    static Storage open(Path dir) throws IOException {
        Files.createDirectories(dir);
        IndexedStorage storage = new IndexedStorage(new DiskBlobStore(dir), Journal.NONE);
        DiskJournal journal = new DiskJournal(Files.createDirectories(dir.resolve("repositories")));
        journal.replayInto(storage);
        storage.setJournal(journal);
        return storage;
    }

    private Path repo(String repository) {
        return root.resolve(repository);
    }

    private static Path digestPath(Path base, String digest) {
        int colon = digest.indexOf(':');
        return base.resolve(digest.substring(0, colon)).resolve(digest.substring(colon + 1));
    }

    @Override
    public void linked(String repository, String digest) {
        write(digestPath(repo(repository).resolve("_layers"), digest), new byte[0]);
    }

    @Override
    public void unlinked(String repository, String digest) {
        delete(digestPath(repo(repository).resolve("_layers"), digest));
    }

    @Override
    public void manifestStored(String repository, StoredManifest manifest) {
        Path dir = digestPath(repo(repository).resolve("_manifests").resolve("revisions"), manifest.digest());
        write(dir.resolve("data"), manifest.bytes());
        write(dir.resolve("type"), manifest.mediaType().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void manifestDeleted(String repository, String digest) {
        Path dir = digestPath(repo(repository).resolve("_manifests").resolve("revisions"), digest);
        delete(dir.resolve("data"));
        delete(dir.resolve("type"));
        delete(dir);
    }

    @Override
    public void tagged(String repository, String tag, String digest) {
        write(repo(repository).resolve("_manifests").resolve("tags").resolve(tag),
                digest.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void untagged(String repository, String tag) {
        delete(repo(repository).resolve("_manifests").resolve("tags").resolve(tag));
    }

    private static void write(Path file, byte[] content) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write storage index file " + file, e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete storage index file " + file, e);
        }
    }

    private void replayInto(IndexedStorage storage) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        List<Runnable> tags = new ArrayList<>();
        for (Path file : files) {
            List<String> parts = new ArrayList<>();
            root.relativize(file).forEach(p -> parts.add(p.toString()));
            int layers = parts.indexOf("_layers");
            int manifests = parts.indexOf("_manifests");
            if (layers > 0 && parts.size() == layers + 3) {
                String name = String.join("/", parts.subList(0, layers));
                storage.link(name, parts.get(layers + 1) + ":" + parts.get(layers + 2));
            } else if (manifests > 0 && parts.size() == manifests + 5 && parts.get(manifests + 4).equals("data")) {
                String name = String.join("/", parts.subList(0, manifests));
                String digest = parts.get(manifests + 2) + ":" + parts.get(manifests + 3);
                String type = Files.readString(file.resolveSibling("type"), StandardCharsets.UTF_8).trim();
                byte[] content = Files.readAllBytes(file);
                storage.putManifest(name, null, digest, type, content, ManifestFacts.parse(type, content));
            } else if (manifests > 0 && parts.size() == manifests + 3 && parts.get(manifests + 1).equals("tags")) {
                String name = String.join("/", parts.subList(0, manifests));
                String tag = parts.get(manifests + 2);
                String digest = Files.readString(file, StandardCharsets.UTF_8).trim();
                tags.add(() -> storage.putManifestTag(name, tag, digest));
            }
        }
        tags.forEach(Runnable::run);
    }
}
