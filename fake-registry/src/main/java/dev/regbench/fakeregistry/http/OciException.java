package dev.regbench.fakeregistry.http;

/** Carries an {@link OciError} out of a handler to the router, which renders it. No stack trace. */
public final class OciException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient OciError error;

    public OciException(OciError error) {
        super(error.code() + ": " + error.message(), null, false, false);
        this.error = error;
    }

    public OciError error() {
        return error;
    }
}
