package dev.regbench.service;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A repository on a registry as a job names it: {@code 127.0.0.1:5001/team/app} (like skopeo
 * and crane) or with an explicit scheme, {@code https://registry.example:443/team/app}. Without a
 * scheme, plain HTTP is assumed: regbench talks to local fake registries. Immutable.
 *
 * @param scheme     {@code http} or {@code https}
 * @param host       {@code host[:port]}
 * @param repository the repository name, e.g. {@code team/app}
 */
public record RepositoryRef(String scheme, String host, String repository) {

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-]+(:\\d{1,5})?|\\[[0-9a-fA-F:]+\\](:\\d{1,5})?");
    /** The OCI distribution spec's repository name grammar. */
    private static final Pattern NAME = Pattern.compile(
            "[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*");

    /**
     * Parses a reference.
     *
     * @throws IllegalArgumentException saying what is wrong with {@code text}
     */
    public static RepositoryRef parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("must be a repository like 127.0.0.1:5000/team/app");
        }
        String rest = text.strip();
        String scheme = null;
        int sep = rest.indexOf("://");
        if (sep >= 0) {
            scheme = rest.substring(0, sep).toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IllegalArgumentException("'" + text + "' has scheme '" + scheme + "'; expected http or https");
            }
            rest = rest.substring(sep + 3);
        }
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1) {
            throw new IllegalArgumentException("'" + text + "' is not host[:port]/repository");
        }
        String host = rest.substring(0, slash);
        String repo = rest.substring(slash + 1);
        if (!HOST.matcher(host).matches()) {
            throw new IllegalArgumentException("'" + text + "' has an invalid host '" + host + "'");
        }
        if (scheme == null) {
            String bare = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1) : host.split(":")[0];
            scheme = bare.equals("127.0.0.1") || bare.equals("localhost") || bare.equals("[::1]") ? "http" : "https";
        }
        if (!NAME.matcher(repo).matches()) {
            throw new IllegalArgumentException("'" + text + "' has an invalid repository name '" + repo
                    + "' (lower-case letters, digits, separators . _ - and /)");
        }
        return new RepositoryRef(scheme, host, repo);
    }

    /** The registry's base URL, {@code http://host:port}. */
    public String baseUrl() {
        return scheme + "://" + host;
    }

    /** {@code baseUrl()/v2/<repository>/<suffix>}. */
    public URI v2(String suffix) {
        return URI.create(baseUrl() + "/v2/" + repository + "/" + suffix);
    }

    @Override
    public String toString() {
        return scheme + "://" + host + "/" + repository;
    }
}
