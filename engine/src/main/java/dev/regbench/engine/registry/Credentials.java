package dev.regbench.engine.registry;

import java.util.Objects;

/**
 * A user name and password for one registry. Immutable. {@link #toString()} never shows the
 * password (nor does anything else in the engine print or log it).
 */
public record Credentials(String username, String password) {

    public Credentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    /**
     * Parses {@code USER:PASS} (the password may contain colons).
     *
     * @throws IllegalArgumentException without echoing the value
     */
    public static Credentials parse(String userColonPass, String what) {
        int colon = userColonPass == null ? -1 : userColonPass.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException(what + ": expected USER:PASS");
        }
        return new Credentials(userColonPass.substring(0, colon), userColonPass.substring(colon + 1));
    }

    /** The {@code Authorization: Basic} value. */
    String basicHeader() {
        return "Basic " + java.util.Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password=<redacted>]";
    }
}
