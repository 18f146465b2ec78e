package dev.regbench.engine.replicate;

/**
 * What happened to one selected tag. Immutable.
 *
 * @param source         {@code host/repo:tag} at the source
 * @param destination    {@code host/repo:tag} at the destination
 * @param status         see {@link Status}
 * @param manifestDigest the source manifest's digest (null when it could not be read)
 * @param reason         why it failed (one line naming the operation), or null
 */
public record TagOutcome(String source, String destination, Status status, String manifestDigest, String reason) {

    /** The fate of a tag. */
    public enum Status {
        /** Manifest and all its blobs copied and verified. */
        COPIED,
        /** The destination already had the same manifest digest. */
        SKIPPED,
        /** Dry run: would have been copied. */
        WOULD_COPY,
        /** Not copied; {@code reason} says why. */
        FAILED,
        /** Not attempted because the run stopped (first failure without keep-going, or cancel). */
        NOT_ATTEMPTED
    }
}
