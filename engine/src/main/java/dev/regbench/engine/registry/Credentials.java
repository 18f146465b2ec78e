package dev.regbench.engine.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A user name and password for one registry. Immutable. {@link #toString()} never shows the
 * password (nor does anything else in the engine print or log it).
 *
 * <p>The registry client sends them only to its own registry host, and to a token realm (the
 * {@code realm} of a {@code Bearer} challenge) only when the realm is on that same host or is one
 * of {@code realmHosts}. Docker and crane send them to whatever realm the registry names (Docker
 * Hub's registry-1.docker.io sends clients to auth.docker.io); regbench asks for such a realm to be
 * named, so a registry cannot forward a client's password to a host of its choosing.
 *
 * @param realmHosts further {@code host[:port]}s that may receive them as a token realm (lower case)
 */
public record Credentials(String username, String password, Set<String> realmHosts) {

    public Credentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        TreeSet<String> hosts = new TreeSet<>();
        for (String h : Objects.requireNonNull(realmHosts, "realmHosts")) {
            hosts.add(h.toLowerCase(Locale.ROOT));
        }
        realmHosts = Set.copyOf(hosts);
    }

    public Credentials(String username, String password) {
        this(username, password, Set.of());
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

    /** These credentials, also allowed to token realms on {@code hosts} ({@code host[:port]}). */
    public Credentials withRealmHosts(Set<String> hosts) {
        return new Credentials(username, password, hosts);
    }

    /** The {@code Authorization: Basic} value. */
    String basicHeader() {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password=<redacted>"
                + (realmHosts.isEmpty() ? "" : ", realmHosts=" + realmHosts) + "]";
    }
}
