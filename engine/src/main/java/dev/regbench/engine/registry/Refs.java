package dev.regbench.engine.registry;

/** Formatting of tag-or-digest references in messages. Stateless. */
final class Refs {
    private Refs() {
    }

    /** {@code :tag} or {@code @sha256:…}. */
    static String suffix(String reference) {
        return reference.startsWith("sha256:") ? "@" + reference : ":" + reference;
    }
}
