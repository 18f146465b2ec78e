package dev.regbench.engine.registry;

/** {@code 404 MANIFEST_UNKNOWN} / {@code NAME_UNKNOWN}: no such tag, digest or repository. */
public final class ManifestUnknownException extends RegistryHttpException {
    public ManifestUnknownException(String action, int status, String reasons) {
        super(action, status, reasons, null);
    }
}
