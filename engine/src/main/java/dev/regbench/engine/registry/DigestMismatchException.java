package dev.regbench.engine.registry;

/**
 * Bytes received do not hash to the digest that names them (or their length differs from the
 * descriptor's size). Naming both digests. Immutable.
 *
 * <p>The client's side: a registry served or acknowledged the wrong bytes. The fake registry has
 * its own {@code fakeregistry.storage.DigestMismatchException} for the server's side (a client
 * uploaded the wrong bytes); the two modules may not depend on each other (DESIGN.md), and each
 * is the only such class in its module.
 */
public final class DigestMismatchException extends RegistryException {
    private final String expected;
    private final String actual;

    public DigestMismatchException(String action, String expected, String actual) {
        super(action + ": digest mismatch: expected " + expected + " but the content hashes to " + actual);
        this.expected = expected;
        this.actual = actual;
    }

    /** A mismatch described by {@code what} (e.g. which header disagreed with which bytes), naming both digests. */
    public DigestMismatchException(String action, String expected, String actual, String what) {
        super(action + ": digest mismatch: " + what);
        this.expected = expected;
        this.actual = actual;
    }

    public String expected() {
        return expected;
    }

    public String actual() {
        return actual;
    }
}
