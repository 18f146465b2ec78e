package dev.regbench.engine.shard;

import java.util.Locale;

/**
 * What a replication shard splits: whole images ({@code repository:tag}, the default: even shards
 * even with one repository) or whole repositories (blobs shared between the tags of a repository
 * are then copied by one shard only, never once per shard).
 */
public enum ShardUnit {
    IMAGE,
    REPOSITORY;

    /** The shard key of an image of {@code repository} tagged {@code tag}. */
    public String key(String repository, String tag) {
        return this == REPOSITORY ? repository : repository + ":" + tag;
    }

    /** Parses {@code image} or {@code repository} (any case); other text is an error naming it. */
    public static ShardUnit parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("shard unit '" + text + "' is unknown: use image or repository");
        }
    }
}
