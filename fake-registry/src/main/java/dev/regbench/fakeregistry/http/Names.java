package dev.regbench.fakeregistry.http;

import java.util.regex.Pattern;

/**
 * Validation of repository names and tags by the OCI Distribution Spec grammar. Stateless.
 */
public final class Names {
    /** The spec's {@code <name>} grammar. */
    private static final Pattern NAME = Pattern.compile(
            "[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*");
    /** The spec's {@code <reference>} grammar for tags. */
    private static final Pattern TAG = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");
    /** Longest repository name accepted, as in CNCF distribution. */
    public static final int MAX_NAME_LENGTH = 255;

    private Names() {
    }

    /** Throws NAME_INVALID unless {@code name} is a valid repository name. */
    public static String requireValidName(String name) {
        if (name == null || name.isEmpty()) {
            throw OciError.of(ErrorCode.NAME_INVALID, "repository name is empty").exception();
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw OciError.of(ErrorCode.NAME_INVALID, "repository name is " + name.length()
                    + " characters long; the limit is " + MAX_NAME_LENGTH).exception();
        }
        if (!NAME.matcher(name).matches()) {
            throw OciError.of(ErrorCode.NAME_INVALID, "repository name '" + name
                    + "' does not match [a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(/...)*").exception();
        }
        return name;
    }

    /** Whether {@code tag} is a valid tag. */
    public static boolean isValidTag(String tag) {
        return tag != null && TAG.matcher(tag).matches();
    }
}
