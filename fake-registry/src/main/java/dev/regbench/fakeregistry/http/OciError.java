package dev.regbench.fakeregistry.http;

/**
 * One registry error as a value: HTTP status, OCI code, a message naming the problem, and an
 * optional JSON-serialisable detail. Rendered in one place, {@link ErrorResponder}. Immutable.
 */
public record OciError(int status, ErrorCode code, String message, Object detail) {

    /** An error with the code's default status and no detail. */
    public static OciError of(ErrorCode code, String message) {
        return new OciError(code.status(), code, message, null);
    }

    /** The same error with another HTTP status. */
    public OciError withStatus(int newStatus) {
        return new OciError(newStatus, code, message, detail);
    }

    /** The same error with a detail object. */
    public OciError withDetail(Object newDetail) {
        return new OciError(status, code, message, newDetail);
    }

    /** This error as an exception, for handlers that bail out from deep inside. */
    public OciException exception() {
        return new OciException(this);
    }
}
