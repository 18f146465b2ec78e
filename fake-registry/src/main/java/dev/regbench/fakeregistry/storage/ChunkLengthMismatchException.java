package dev.regbench.fakeregistry.storage;

/** A chunk's body was not as long as its {@code Content-Range} said; nothing of it was kept. */
public final class ChunkLengthMismatchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ChunkLengthMismatchException(long expected, long actual) {
        super("chunk is " + (actual > expected ? "longer than " : actual + " bytes, not ") + expected
                + " bytes as its Content-Range says");
    }
}
