package dev.regbench.fakeregistry.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The same behaviour from the in-memory and the disk storage. */
class StorageTest {
    private static final String OCI_MANIFEST = MediaTypes.OCI_MANIFEST;

    @TempDir
    static Path tmp;
    private Storage storage;

    /** A storage factory, named for the test report. */
    interface Factory {
        Storage open() throws IOException;
    }

    static Stream<Arguments> storages() {
        return Stream.of(
                Arguments.of("memory", (Factory) Storage::inMemory),
                Arguments.of("disk", (Factory) () -> Storage.onDisk(Files.createTempDirectory(tmp, "disk"))));
    }

    @AfterEach
    void close() throws IOException {
        if (storage != null) {
            storage.close();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String manifest(String config) {
        return "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":{\"mediaType\":\"x\",\"digest\":\""
                + config + "\",\"size\":1},\"layers\":[]}";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("storages")
    void blobs_areSharedByDigestAndLinkedPerRepository(String name, Factory factory) throws Exception {
        storage = factory.open();
        String digest = storage.putBlob("a/one", ByteBuffer.wrap(bytes("shared")));
        assertThat(digest).isEqualTo(Digest.sha256(bytes("shared")).toString());
        assertThat(storage.putBlob("a/two", ByteBuffer.wrap(bytes("shared")))).isEqualTo(digest);
        assertThat(storage.counts().blobs()).isEqualTo(1);
        assertThat(storage.blob("a/one", digest)).isPresent();
        assertThat(storage.blob("a/three", digest)).isEmpty();
        assertThat(storage.blobExists(digest)).isTrue();
        assertThat(storage.mountBlob("a/one", "a/three", digest)).isTrue();
        assertThat(storage.mountBlob("nowhere", "a/four", digest)).isFalse();
        assertThat(storage.unlinkBlob("a/one", digest)).isTrue();
        assertThat(storage.blob("a/one", digest)).isEmpty();
        assertThat(storage.blob("a/two", digest)).isPresent();
        ByteBuffer content = storage.blob("a/two", digest).orElseThrow().content();
        assertThat(content.isReadOnly()).isTrue();
        assertThat(content.remaining()).isEqualTo(6);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("storages")
    void manifests_areStoredByteExact_taggedAndDeleted(String name, Factory factory) throws Exception {
        storage = factory.open();
        String config = storage.putBlob("r", ByteBuffer.wrap(bytes("{}")));
        byte[] body = bytes(manifest(config) + "  ");
        String digest = storage.putManifest("r", "v1", OCI_MANIFEST, body);
        assertThat(digest).isEqualTo(Digest.sha256(body).toString());
        assertThat(storage.manifest("r", "v1").orElseThrow().bytes()).isEqualTo(body);
        assertThat(storage.manifest("r", digest).orElseThrow().mediaType()).isEqualTo(OCI_MANIFEST);
        storage.putManifest("r", "v2", OCI_MANIFEST, body);
        assertThat(storage.tags("r")).containsExactly("v1", "v2");
        assertThat(storage.deleteManifest("r", "v1")).isTrue();
        assertThat(storage.tags("r")).containsExactly("v2");
        assertThat(storage.deleteManifest("r", digest)).isTrue();
        assertThat(storage.tags("r")).isEmpty();
        assertThat(storage.manifest("r", digest)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("storages")
    void upload_becomesABlobOnlyWithTheRightDigest(String name, Factory factory) throws Exception {
        storage = factory.open();
        byte[] content = bytes("upload content");
        Upload upload = storage.startUpload("r");
        upload.append(new ByteArrayInputStream(content, 0, 5), Long.MAX_VALUE, 5);
        upload.append(new ByteArrayInputStream(content, 5, content.length - 5), Long.MAX_VALUE, -1);
        Blob blob = storage.commitUpload(upload, Digest.parse(Digest.sha256(content).toString()));
        assertThat(storage.blob("r", blob.digest())).isPresent();
        assertThat(storage.counts().uploads()).isZero();

        Upload sha512 = storage.startUpload("r");
        sha512.append(new ByteArrayInputStream(content), Long.MAX_VALUE, -1);
        Digest expected = Digest.parse("sha512:" + java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-512").digest(content)));
        assertThat(storage.commitUpload(sha512, expected).digest()).isEqualTo(expected.toString());

        Upload wrong = storage.startUpload("r");
        wrong.append(new ByteArrayInputStream(content), Long.MAX_VALUE, -1);
        Digest other = Digest.sha256(bytes("other"));
        assertThatThrownBy(() -> storage.commitUpload(wrong, other)).isInstanceOf(DigestMismatchException.class)
                .hasMessageContaining(other.toString());
        assertThat(storage.blob("r", other.toString())).isEmpty();
        assertThat(storage.upload("r", wrong.id())).isEmpty();
        assertThat(storage.counts().blobs()).isEqualTo(2);
    }

    /**
     * The announced length only sizes a buffer: an honest one, a lie in either direction and a
     * chunk after it all store exactly the bytes sent, under their digest.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("storages")
    void lengthHint_isNeverTrustedAsTheLength(String name, Factory factory) throws Exception {
        storage = factory.open();
        byte[] content = new byte[300_000];                 // more than one 256 KiB chunk
        new java.util.Random(7).nextBytes(content);
        long[] hints = {content.length, 10, content.length + 5000L, -1};
        for (int i = 0; i < hints.length; i++) {
            long hint = hints[i];
            content[0] = (byte) i;                            // a new blob each time
            Upload upload = storage.startUpload("r");
            upload.append(new ByteArrayInputStream(content, 0, 1000), Long.MAX_VALUE, -1, hint);
            upload.append(new ByteArrayInputStream(content, 1000, content.length - 1000), Long.MAX_VALUE, -1, hint);
            Blob blob = storage.commitUpload(upload, Digest.sha256(content));
            assertThat(blob.size()).as("hint %d", hint).isEqualTo(content.length);
            byte[] stored = new byte[content.length];
            blob.content().get(stored);
            assertThat(stored).as("hint %d", hint).isEqualTo(content);
        }
    }

    /**
     * A monolithic upload with an honest announced length is kept in the array it was received
     * into: committing it allocates no direct memory (the copy into a fresh direct buffer that a
     * destination paid for every blob), yet the blob is served whole and right.
     */
    @org.junit.jupiter.api.Test
    void announcedUpload_isStoredWithoutASecondBuffer() throws Exception {
        storage = Storage.inMemory();
        byte[] content = new byte[1 << 20];
        new java.util.Random(11).nextBytes(content);
        java.lang.management.BufferPoolMXBean direct = java.lang.management.ManagementFactory
                .getPlatformMXBeans(java.lang.management.BufferPoolMXBean.class).stream()
                .filter(b -> b.getName().equals("direct")).findFirst().orElseThrow();
        Upload upload = storage.startUpload("r");
        upload.append(new ByteArrayInputStream(content), Long.MAX_VALUE, -1, content.length);
        long before = direct.getMemoryUsed();
        Blob blob = storage.commitUpload(upload, Digest.sha256(content));
        assertThat(direct.getMemoryUsed() - before).isZero();
        byte[] stored = new byte[content.length];
        blob.content().get(stored);
        assertThat(stored).isEqualTo(content);
        assertThat(blob.content().isReadOnly()).isTrue();

        content[0]++;                                        // unannounced: received in chunks, joined at commit
        Upload unannounced = storage.startUpload("r2");
        unannounced.append(new ByteArrayInputStream(content), Long.MAX_VALUE, -1, -1);
        long before2 = direct.getMemoryUsed();
        storage.commitUpload(unannounced, Digest.sha256(content));
        assertThat(direct.getMemoryUsed() - before2).isEqualTo(content.length);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("storages")
    void failedAppend_leavesTheUploadAsItWas(String name, Factory factory) throws Exception {
        storage = factory.open();
        Upload upload = storage.startUpload("r");
        upload.append(new ByteArrayInputStream(bytes("12345")), 100, -1);
        InputStream truncated = new InputStream() {
            private int n;

            @Override
            public int read() throws IOException {
                if (n++ < 3) {
                    return 'x';
                }
                throw new IOException("connection reset");
            }
        };
        assertThatThrownBy(() -> upload.append(truncated, 100, -1)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> upload.append(new ByteArrayInputStream(new byte[200]), 100, -1))
                .isInstanceOf(UploadTooLargeException.class);
        assertThatThrownBy(() -> upload.append(new ByteArrayInputStream(bytes("abc")), 100, 10))
                .isInstanceOf(ChunkLengthMismatchException.class);
        assertThat(upload.size()).isEqualTo(5);
        Blob blob = storage.commitUpload(upload, Digest.sha256(bytes("12345")));
        assertThat(blob.size()).isEqualTo(5);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("storages")
    void referrers_areManifestsWithThatSubject(String name, Factory factory) throws Exception {
        storage = factory.open();
        String config = storage.putBlob("r", ByteBuffer.wrap(bytes("{}")));
        String subject = storage.putManifest("r", "v1", OCI_MANIFEST, bytes(manifest(config)));
        String referrer = storage.putManifest("r", null, OCI_MANIFEST, bytes(manifest(config).replace("\"layers\":[]",
                "\"layers\":[],\"subject\":{\"mediaType\":\"" + OCI_MANIFEST + "\",\"digest\":\"" + subject + "\",\"size\":1}")));
        assertThat(storage.referrers("r", subject)).extracting(StoredManifest::digest).containsExactly(referrer);
        assertThat(storage.referrers("r", referrer)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void diskStorage_reopens_withBlobsManifestsTagsAndLinks() throws Exception {
        Path dir = Files.createTempDirectory(tmp, "reopen");
        String blob;
        String manifestDigest;
        try (Storage disk = Storage.onDisk(dir)) {
            blob = disk.putBlob("team/app", ByteBuffer.wrap(bytes("layer")));
            manifestDigest = disk.putManifest("team/app", "v1", OCI_MANIFEST, bytes(manifest(blob)));
            Upload abandoned = disk.startUpload("team/app");
            abandoned.append(new ByteArrayInputStream(bytes("partial")), 100, -1);
        }
        try (Storage disk = Storage.onDisk(dir)) {
            assertThat(disk.repositories()).containsExactly("team/app");
            assertThat(disk.tags("team/app")).containsExactly("v1");
            assertThat(disk.manifest("team/app", "v1").orElseThrow().digest()).isEqualTo(manifestDigest);
            assertThat(disk.blob("team/app", blob).orElseThrow().size()).isEqualTo(5);
            assertThat(disk.counts().blobs()).isEqualTo(1);
            assertThat(disk.counts().uploads()).isZero();
        }
    }
}
