package dev.regbench.fakeregistry.storage;

/**
 * The bytes uploaded do not have the digest the client named; the upload was discarded (answered
 * as {@code DIGEST_INVALID}). The server's side of a mismatch; the engine's
 * {@code engine.registry.DigestMismatchException} is the client's side. The two modules may not
 * depend on each other (DESIGN.md); each is the only such class in its module.
 */
public final class DigestMismatchException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String expected;
    private final String actual;

    public DigestMismatchException(String expected, String actual) {
        super("digest mismatch: client named " + expected + " but the uploaded bytes are " + actual);
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
