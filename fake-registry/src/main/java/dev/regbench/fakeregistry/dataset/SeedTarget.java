package dev.regbench.fakeregistry.dataset;

import dev.regbench.fakeregistry.storage.Storage;
import java.nio.ByteBuffer;

/**
 * The two seeding operations of {@link Storage} the generator needs, kept narrow so that the
 * generator (and its tests) depend on nothing else of the storage. Implementations are
 * thread-safe: the generator calls them from several threads.
 */
interface SeedTarget {

    /** Stores a blob into {@code repository} and returns its digest. */
    String putBlob(String repository, ByteBuffer content);

    /** Stores manifest bytes (tagged when {@code tag} is not null) and returns the digest. */
    String putManifest(String repository, String tag, String mediaType, byte[] content);

    static SeedTarget of(Storage storage) {
        return new SeedTarget() {
            @Override
            public String putBlob(String repository, ByteBuffer content) {
                return storage.putBlob(repository, content);
            }

            @Override
            public String putManifest(String repository, String tag, String mediaType, byte[] content) {
                return storage.putManifest(repository, tag, mediaType, content);
            }
        };
    }
}
