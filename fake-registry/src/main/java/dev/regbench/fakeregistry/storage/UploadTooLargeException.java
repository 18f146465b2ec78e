package dev.regbench.fakeregistry.storage;

/** An upload would exceed the configured size limit; nothing of the offending chunk was kept. */
public final class UploadTooLargeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long limit;

    public UploadTooLargeException(long limit) {
        super("upload exceeds the limit of " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
