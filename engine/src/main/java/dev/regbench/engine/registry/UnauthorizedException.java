package dev.regbench.engine.registry;

/**
 * {@code 401}/{@code 403} after authenticating (or a token endpoint refusing the credentials).
 * The message names the action and the user, never the password.
 */
public final class UnauthorizedException extends RegistryHttpException {
    public UnauthorizedException(String action, int status, String reasons) {
        super(action, status, reasons, null);
    }
}
