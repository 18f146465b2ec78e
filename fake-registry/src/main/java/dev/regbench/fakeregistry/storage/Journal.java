package dev.regbench.fakeregistry.storage;

/**
 * Receives every change of the repository index so that a persistent storage can write it
 * down ({@link DiskJournal}); the in-memory storage uses {@link #NONE}. Implementations must
 * be thread-safe.
 */
interface Journal {

    /** Writes nothing. */
    Journal NONE = new Journal() {
    };

    default void linked(String repository, String digest) {
    }

    default void unlinked(String repository, String digest) {
    }

    default void manifestStored(String repository, StoredManifest manifest) {
    }

    default void manifestDeleted(String repository, String digest) {
    }

    default void tagged(String repository, String tag, String digest) {
    }

    default void untagged(String repository, String tag) {
    }
}
