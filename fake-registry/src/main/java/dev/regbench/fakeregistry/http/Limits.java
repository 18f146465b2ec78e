package dev.regbench.fakeregistry.http;

/**
 * Size limits the registry enforces. Immutable.
 *
 * @param maxUploadBytes   largest blob upload; default {@link #DEFAULT_MAX_UPLOAD} (2 GiB - 1, the
 *                         largest blob one buffer or mapping can serve)
 * @param maxManifestBytes largest manifest; default {@link #DEFAULT_MAX_MANIFEST} (4 MiB, the size
 *                         the spec says registries should accept at least)
 */
public record Limits(long maxUploadBytes, long maxManifestBytes) {
    public static final long DEFAULT_MAX_UPLOAD = Integer.MAX_VALUE;
    public static final long DEFAULT_MAX_MANIFEST = 4L * 1024 * 1024;
    public static final Limits DEFAULT = new Limits(DEFAULT_MAX_UPLOAD, DEFAULT_MAX_MANIFEST);

    public Limits {
        if (maxUploadBytes <= 0) {
            throw new IllegalArgumentException("maxUploadBytes must be > 0, got " + maxUploadBytes);
        }
        if (maxManifestBytes <= 0) {
            throw new IllegalArgumentException("maxManifestBytes must be > 0, got " + maxManifestBytes);
        }
    }
}
