package dev.regbench.service;

import dev.regbench.engine.registry.ImageReference;
import java.net.URI;

/**
 * A repository on a registry as a job names it: {@code 127.0.0.1:5001/team/app} (like skopeo
 * and crane) or with an explicit scheme, {@code https://registry.example:443/team/app}. Without a
 * scheme, loopback hosts use HTTP and others HTTPS ({@link ImageReference}'s rule). Immutable.
 *
 * @param scheme     {@code http} or {@code https}
 * @param host       {@code host[:port]}
 * @param repository the repository name, e.g. {@code team/app}
 */
public record RepositoryRef(String scheme, String host, String repository) {

    /**
     * Parses a reference with the engine's {@link ImageReference} parser (one grammar for the CLI
     * and the service); a job names a repository, so a tag or digest is refused (select tags
     * with {@code tags}).
     *
     * @throws IllegalArgumentException saying what is wrong with {@code text}
     */
    public static RepositoryRef parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("must be a repository like 127.0.0.1:5000/team/app");
        }
        ImageReference ref = ImageReference.parse(text.strip());
        if (ref.repository() == null) {
            throw new IllegalArgumentException("'" + text + "' is not host[:port]/repository");
        }
        if (ref.tag() != null || ref.digest() != null) {
            throw new IllegalArgumentException("'" + text + "' names a tag or digest; a job copies a repository"
                    + " (choose tags with \"tags\")");
        }
        return new RepositoryRef(ref.scheme(), ref.host(), ref.repository());
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
