package dev.regbench.fakeregistry.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
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
 *
 * <p>Crash safety: a manifest revision folder is written as a whole ({@link AtomicFiles#writeFolder}:
 * both files forced to disk in a temp folder that is then renamed into place), a tag file with
 * temp file + fsync + rename, and a deletion first renames the folder away; a link is an empty
 * file whose creation is atomic. So a crash at any moment leaves each entry complete or absent.
 * Reopening serves every complete entry and skips, with one line naming the file
 * ({@link #problems()}), anything else: a revision without its {@code data} or {@code type},
 * a {@code data} file whose bytes do not have the digest its path names (truncated), an
 * unparsable manifest, an empty tag file or one naming no stored manifest; leftover temp files
 * of interrupted writes are removed and reported. Thread-safe (each change is one file operation).
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
        storage.setRecoveryProblems(journal.replayInto(storage));
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

    private Path revision(String repository, String digest) {
        return digestPath(repo(repository).resolve("_manifests").resolve("revisions"), digest);
    }

    @Override
    public void linked(String repository, String digest) {
        Path link = digestPath(repo(repository).resolve("_layers"), digest);
        try {
            Files.createDirectories(link.getParent());
            if (!Files.exists(link)) {
                Files.createFile(link);
            }
        } catch (java.nio.file.FileAlreadyExistsException e) {
            // linked concurrently: the same empty file
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write storage index file " + link, e);
        }
    }

    @Override
    public void unlinked(String repository, String digest) {
        delete(digestPath(repo(repository).resolve("_layers"), digest));
    }

    @Override
    public void manifestStored(String repository, StoredManifest manifest) {
        Path dir = revision(repository, manifest.digest());
        Map<String, byte[]> files = new LinkedHashMap<>();
        ByteBuffer content = manifest.content().duplicate();
        byte[] data = new byte[content.remaining()];
        content.get(data);
        files.put("data", data);
        files.put("type", manifest.mediaType().getBytes(StandardCharsets.UTF_8));
        try {
            AtomicFiles.writeFolder(dir, files);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write manifest revision " + dir, e);
        }
    }

    @Override
    public void manifestDeleted(String repository, String digest) {
        Path dir = revision(repository, digest);
        Path gone = dir.resolveSibling(AtomicFiles.TEMP_PREFIX + "deleted-" + dir.getFileName() + "-" + System.nanoTime());
        try {
            Files.move(dir, gone, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            AtomicFiles.deleteFolder(gone);
        } catch (NoSuchFileException e) {
            // already gone
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete manifest revision " + dir, e);
        }
    }

    @Override
    public void tagged(String repository, String tag, String digest) {
        Path file = repo(repository).resolve("_manifests").resolve("tags").resolve(tag);
        try {
            AtomicFiles.write(file, digest.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write tag file " + file, e);
        }
    }

    @Override
    public void untagged(String repository, String tag) {
        delete(repo(repository).resolve("_manifests").resolve("tags").resolve(tag));
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete storage index file " + file, e);
        }
    }

    /** Loads every complete entry; returns one line per skipped or removed one. */
    private List<String> replayInto(IndexedStorage storage) throws IOException {
        List<String> problems = new ArrayList<>();
        List<Path> temps = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> {
                if (AtomicFiles.isTemp(p)) {
                    temps.add(p);
                }
                return Files.isRegularFile(p);
            }).toList();
        }
        removeTemps(temps, problems);
        TreeSet<Path> revisions = new TreeSet<>();
        Map<Path, String[]> tags = new LinkedHashMap<>();
        for (Path file : files) {
            if (isUnderTemp(file)) {
                continue;
            }
            List<String> parts = new ArrayList<>();
            root.relativize(file).forEach(p -> parts.add(p.toString()));
            int layers = parts.indexOf("_layers");
            int manifests = parts.indexOf("_manifests");
            if (layers > 0 && parts.size() == layers + 3) {
                String name = String.join("/", parts.subList(0, layers));
                storage.link(name, parts.get(layers + 1) + ":" + parts.get(layers + 2));
            } else if (manifests > 0 && parts.size() == manifests + 5 && parts.get(manifests + 1).equals("revisions")) {
                revisions.add(file.getParent());
            } else if (manifests > 0 && parts.size() == manifests + 3 && parts.get(manifests + 1).equals("tags")) {
                tags.put(file, new String[] {String.join("/", parts.subList(0, manifests)), parts.get(manifests + 2)});
            }
        }
        for (Path dir : revisions) {
            String problem = loadRevision(storage, dir);
            if (problem != null) {
                problems.add(problem);
            }
        }
        for (Map.Entry<Path, String[]> tag : tags.entrySet()) {
            String problem = loadTag(storage, tag.getKey(), tag.getValue()[0], tag.getValue()[1]);
            if (problem != null) {
                problems.add(problem);
            }
        }
        return List.copyOf(problems);
    }

    /** Loads one revision folder; the problem line when it is skipped, else null. */
    private String loadRevision(IndexedStorage storage, Path dir) throws IOException {
        List<String> parts = new ArrayList<>();
        root.relativize(dir).forEach(p -> parts.add(p.toString()));
        int manifests = parts.indexOf("_manifests");
        String name = String.join("/", parts.subList(0, manifests));
        String digest = parts.get(manifests + 2) + ":" + parts.get(manifests + 3);
        Path dataFile = dir.resolve("data");
        Path typeFile = dir.resolve("type");
        if (!Files.isRegularFile(dataFile)) {
            return "skipped manifest revision " + dir + ": it has no data file (incomplete write)";
        }
        if (!Files.isRegularFile(typeFile)) {
            return "skipped manifest revision " + dataFile + ": its type file is missing (incomplete write)";
        }
        String type = Files.readString(typeFile, StandardCharsets.UTF_8).trim();
        if (type.isEmpty()) {
            return "skipped manifest revision " + typeFile + ": the type file is empty (incomplete write)";
        }
        byte[] content = Files.readAllBytes(dataFile);
        Digest expected;
        try {
            expected = Digest.parse(digest);
        } catch (Digest.InvalidDigestException e) {
            return "skipped manifest revision " + dir + ": its path does not name a digest (" + e.getMessage() + ")";
        }
        Digest actual = expected.computeOver(ByteBuffer.wrap(content));
        if (!actual.equals(expected)) {
            return "skipped manifest revision " + dataFile + ": its " + content.length + " bytes have digest "
                    + actual + ", not " + expected + " (truncated or corrupted)";
        }
        try {
            storage.putManifest(name, null, digest, type, content, ManifestFacts.parse(type, content));
        } catch (IllegalArgumentException e) {
            return "skipped manifest revision " + dataFile + ": " + e.getMessage();
        }
        return null;
    }

    private static String loadTag(IndexedStorage storage, Path file, String name, String tag) throws IOException {
        String digest = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (digest.isEmpty()) {
            return "skipped tag file " + file + ": it is empty (incomplete write); tag " + name + ":" + tag + " is not served";
        }
        if (!storage.putManifestTag(name, tag, digest)) {
            return "skipped tag file " + file + ": it names " + digest + ", which is not a stored manifest of " + name;
        }
        return null;
    }

    private void removeTemps(List<Path> temps, List<String> problems) throws IOException {
        // only the outermost temp paths: a temp folder's own files go with it
        for (Path temp : temps) {
            if (temp.getParent() != null && isUnderTemp(temp.getParent())) {
                continue;
            }
            if (Files.isDirectory(temp)) {
                try (Stream<Path> walk = Files.walk(temp)) {
                    for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            } else {
                Files.deleteIfExists(temp);
            }
            problems.add("removed " + temp + ": an interrupted write (never acknowledged)");
        }
    }

    private boolean isUnderTemp(Path path) {
        for (Path p = path; p != null && p.startsWith(root) && !p.equals(root); p = p.getParent()) {
            if (AtomicFiles.isTemp(p)) {
                return true;
            }
        }
        return false;
    }
}
