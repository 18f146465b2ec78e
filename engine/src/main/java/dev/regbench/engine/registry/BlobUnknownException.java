package dev.regbench.engine.registry;

/** {@code 404 BLOB_UNKNOWN}: the repository has no such blob. */
public final class BlobUnknownException extends RegistryHttpException {
    public BlobUnknownException(String action, int status, String reasons) {
        super(action, status, reasons, null);
    }
}
