package dev.regbench.fakeregistry.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reopening a disk storage after a crash: each entry is written whole (no temp file or torn
 * pair is left by a finished write), and whatever a crash or a damaged disk left incomplete is
 * skipped with one line naming the file while everything complete is served.
 */
class DiskRecoveryTest {
    private static final String OCI_INDEX = MediaTypes.OCI_INDEX;

    @TempDir
    Path dir;

    private static byte[] index(int n) {
        return ("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_INDEX + "\",\"manifests\":[],\"annotations\":{\"n\":\""
                + n + "\"}}").getBytes(StandardCharsets.UTF_8);
    }

    /** Stores three tagged manifests in repository {@code a/b}; returns their digests. */
    private String[] storeThree() throws Exception {
        String[] digests = new String[3];
        try (Storage storage = Storage.onDisk(dir)) {
            for (int i = 0; i < 3; i++) {
                digests[i] = storage.putManifest("a/b", "t" + i, OCI_INDEX, index(i));
            }
        }
        return digests;
    }

    private Path revision(String digest) {
        return dir.resolve("repositories/a/b/_manifests/revisions/sha256").resolve(digest.substring(7));
    }

    @Test
    void finishedWrites_leaveNoTempFiles_andReopenCleanly() throws Exception {
        String[] digests = storeThree();

        try (Stream<Path> walk = Files.walk(dir.resolve("repositories"))) {
            assertThat(walk.filter(AtomicFiles::isTemp)).isEmpty();
        }
        try (Storage reopened = Storage.onDisk(dir)) {
            assertThat(reopened.recoveryProblems()).isEmpty();
            assertThat(reopened.tags("a/b")).containsExactly("t0", "t1", "t2");
            assertThat(reopened.manifest("a/b", "t1").orElseThrow().digest()).isEqualTo(digests[1]);
        }
    }

    @Test
    void revisionWithoutType_isSkippedAndNamed_restIsServed() throws Exception {
        String[] digests = storeThree();
        Files.delete(revision(digests[0]).resolve("type"));

        try (Storage reopened = Storage.onDisk(dir)) {
            assertThat(reopened.recoveryProblems()).hasSize(2);
            assertThat(reopened.recoveryProblems().get(0))
                    .contains(revision(digests[0]).resolve("data").toString()).contains("type file is missing");
            assertThat(reopened.recoveryProblems().get(1)).contains("tags/t0").contains("not a stored manifest");
            assertThat(reopened.manifest("a/b", digests[0])).isEmpty();
            assertThat(reopened.manifest("a/b", "t1").orElseThrow().digest()).isEqualTo(digests[1]);
            assertThat(reopened.manifest("a/b", "t2").orElseThrow().digest()).isEqualTo(digests[2]);
        }
    }

    @Test
    void truncatedData_isSkippedWithTheFileNamed() throws Exception {
        String[] digests = storeThree();
        Path data = revision(digests[1]).resolve("data");
        byte[] whole = Files.readAllBytes(data);
        Files.write(data, java.util.Arrays.copyOf(whole, whole.length / 2));

        try (Storage reopened = Storage.onDisk(dir)) {
            assertThat(reopened.recoveryProblems()).hasSize(2);
            assertThat(reopened.recoveryProblems().get(0)).contains(data.toString()).contains("truncated");
            assertThat(reopened.recoveryProblems().get(1)).contains("tags/t1").contains(digests[1]);
            assertThat(reopened.manifest("a/b", "t0")).isPresent();
            assertThat(reopened.manifest("a/b", "t2")).isPresent();
        }
    }

    @Test
    void emptyTagFile_isReportedNotSilentlyDropped() throws Exception {
        storeThree();
        Path tag = dir.resolve("repositories/a/b/_manifests/tags/t2");
        Files.write(tag, new byte[0]);

        try (Storage reopened = Storage.onDisk(dir)) {
            assertThat(reopened.recoveryProblems()).singleElement().asString()
                    .contains(tag.toString()).contains("empty").contains("a/b:t2");
            assertThat(reopened.tags("a/b")).containsExactly("t0", "t1");
        }
    }

    @Test
    void leftoverTempOfAnInterruptedWrite_isRemovedAndReported() throws Exception {
        storeThree();
        Path temp = Files.createDirectories(dir.resolve("repositories/a/b/_manifests/revisions/sha256/"
                + AtomicFiles.TEMP_PREFIX + "abc-1-1"));
        Files.write(temp.resolve("data"), new byte[] {'{'});

        try (Storage reopened = Storage.onDisk(dir)) {
            assertThat(reopened.recoveryProblems()).singleElement().asString().contains(temp.toString());
            assertThat(Files.exists(temp)).isFalse();
            assertThat(reopened.tags("a/b")).hasSize(3);
        }
    }

    @Test
    void deletedManifest_staysDeletedAfterReopen() throws Exception {
        String[] digests = storeThree();
        try (Storage storage = Storage.onDisk(dir)) {
            assertThat(storage.deleteManifest("a/b", digests[0])).isTrue();
        }
        try (Storage reopened = Storage.onDisk(dir)) {
            assertThat(reopened.recoveryProblems()).isEmpty();
            assertThat(reopened.manifest("a/b", digests[0])).isEmpty();
            assertThat(reopened.tags("a/b")).containsExactly("t1", "t2");
        }
    }

    @Test
    void blobLinks_surviveReopen() throws Exception {
        String digest;
        try (Storage storage = Storage.onDisk(dir)) {
            digest = storage.putBlob("a/b", ByteBuffer.wrap("layer".getBytes(StandardCharsets.UTF_8)));
        }
        try (Storage reopened = Storage.onDisk(dir)) {
            assertThat(reopened.blob("a/b", digest)).isPresent();
        }
    }
}
