package dev.regbench.engine.registry;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A reference as skopeo and crane take it: {@code [scheme://]host[:port][/repository][:tag|@sha256:hex]}.
 * The registry part is mandatory (no implicit Docker Hub); the repository may be omitted when a
 * whole registry is meant ({@code --all-repos}).
 *
 * <p>Scheme: explicit {@code http://} or {@code https://} wins; otherwise loopback hosts
 * ({@code 127.0.0.1}, {@code localhost}, {@code [::1]}) use {@code http} (as Docker treats
 * {@code 127.0.0.0/8} as an insecure registry) and every other host {@code https}.
 * {@link #parse(String, boolean)} with {@code preferTls} forces {@code https} for loopback too
 * (the CLI does so when {@code --ca} or {@code --insecure} is given). Immutable.
 *
 * @param scheme     {@code http} or {@code https}
 * @param host       {@code host[:port]}
 * @param repository lower-case path, e.g. {@code team/app}; null for a registry-only reference
 * @param tag        tag or null
 * @param digest     {@code sha256:<64 hex>} or null
 */
public record ImageReference(String scheme, String host, String repository, String tag, String digest) {

    private static final Pattern HOST = Pattern.compile("^(\\[[0-9a-fA-F:]+\\]|[a-zA-Z0-9.-]+)(:[0-9]{1,5})?$");
    /** OCI distribution spec: path components of lower-case alphanumerics and separators. */
    private static final Pattern REPOSITORY =
            Pattern.compile("^[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*$");
    private static final Pattern TAG = Pattern.compile("^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$");
    private static final Pattern DIGEST = Pattern.compile("^sha256:[a-f0-9]{64}$");

    /** Parses with the default scheme rule (see class comment). */
    public static ImageReference parse(String text) {
        return parse(text, false);
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException naming the reference and what is wrong with it
     */
    public static ImageReference parse(String text, boolean preferTls) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty image reference");
        }
        String redacted = redact(text);
        if (!redacted.equals(text)) {
            throw bad(text, "credentials do not belong in a reference (they would show in the process list and"
                    + " in logs); give them with --creds-file/--dest-creds-file or the REGBENCH_SOURCE_USERNAME/"
                    + "REGBENCH_SOURCE_PASSWORD and REGBENCH_DEST_USERNAME/REGBENCH_DEST_PASSWORD variables");
        }
        String rest = text.trim();
        String scheme = null;
        int sep = rest.indexOf("://");
        if (sep >= 0) {
            scheme = rest.substring(0, sep).toLowerCase(Locale.ROOT);
            if (scheme.equals("docker")) {      // skopeo's transport prefix: docker://host/repo
                scheme = null;
            } else if (!scheme.equals("http") && !scheme.equals("https")) {
                throw bad(text, "unsupported scheme '" + scheme + "' (use http://, https:// or none)");
            }
            rest = rest.substring(sep + 3);
        }
        int slash = rest.indexOf('/');
        String host = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "" : rest.substring(slash + 1);
        if (host.isEmpty() || !HOST.matcher(host).matches()) {
            throw bad(text, "'" + host + "' is not a registry host[:port]");
        }
        int portColon = host.lastIndexOf(':');
        if (portColon >= 0 && !host.endsWith("]")) {
            int port = Integer.parseInt(host.substring(portColon + 1));
            if (port < 1 || port > 65535) {
                throw bad(text, "port " + port + " is out of range (1-65535)");
            }
        }
        if (!host.contains(".") && !host.contains(":") && !host.equals("localhost")) {
            throw bad(text, "the first component '" + host + "' is not a registry host; write it as host[:port]/repository"
                    + " (there is no implicit Docker Hub)");
        }
        String digest = null;
        int at = path.indexOf('@');
        if (at >= 0) {
            digest = path.substring(at + 1);
            path = path.substring(0, at);
            if (!DIGEST.matcher(digest).matches()) {
                throw bad(text, "'" + digest + "' is not a digest (expected sha256: and 64 lower-case hex characters)");
            }
        }
        String tag = null;
        int colon = path.lastIndexOf(':');
        if (colon >= 0) {
            tag = path.substring(colon + 1);
            path = path.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw bad(text, "'" + tag + "' is not a valid tag");
            }
        }
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String repository = path.isEmpty() ? null : path;
        if (repository != null && !REPOSITORY.matcher(repository).matches()) {
            throw bad(text, "'" + repository + "' is not a valid repository name (lower-case letters, digits, . _ - and /)");
        }
        if (repository == null && (tag != null || digest != null)) {
            throw bad(text, "a tag or digest needs a repository");
        }
        if (scheme == null) {
            scheme = !preferTls && isLoopback(host) ? "http" : "https";
        }
        return new ImageReference(scheme, host.toLowerCase(Locale.ROOT), repository, tag, digest);
    }

    private static boolean isLoopback(String host) {
        String name = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1)
                : host.contains(":") ? host.substring(0, host.indexOf(':')) : host;
        return name.equals("localhost") || name.startsWith("127.") || name.equals("[::1]");
    }

    /**
     * Parses a reference that must name one repository and nothing more ({@code host[:port]/name},
     * optionally with a scheme): what a replication job's source or destination is. The job
     * service uses this, so the CLI and the service accept and refuse the same references.
     *
     * @throws IllegalArgumentException naming the (redacted) reference and what is wrong with it
     */
    public static ImageReference parseRepository(String text) {
        ImageReference ref = parse(text, false);
        if (ref.repository() == null) {
            throw bad(text, "a repository is needed (host[:port]/repository)");
        }
        if (ref.tag() != null || ref.digest() != null) {
            throw bad(text, "name a repository, without a tag or digest");
        }
        return ref;
    }

    private static IllegalArgumentException bad(String text, String why) {
        return new IllegalArgumentException("bad image reference '" + redact(text) + "': " + why);
    }

    /**
     * {@code text} with any user information ({@code user:password@} before the registry host)
     * replaced by {@code <redacted>@}: how a reference may appear in an error message or a log
     * line. A digest ({@code @sha256:…}) is not user information.
     */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        int sep = text.indexOf("://");
        int start = sep < 0 ? 0 : sep + 3;
        int end = -1;
        for (int at = text.indexOf('@', start); at >= 0; at = text.indexOf('@', at + 1)) {
            int slash = text.indexOf('/', at + 1);
            String after = slash < 0 ? text.substring(at + 1) : text.substring(at + 1, slash);
            boolean hostLike = HOST.matcher(after).matches()
                    && (after.contains(".") || after.contains(":") || after.equalsIgnoreCase("localhost"));
            if (hostLike && !text.startsWith("sha256:", at + 1)) {
                end = at;
            }
        }
        return end < 0 ? text : text.substring(0, start) + "<redacted>@" + text.substring(end + 1);
    }

    /** {@code scheme://host}. */
    public URI baseUri() {
        return URI.create(scheme + "://" + host);
    }

    /** The same registry, another repository. */
    public ImageReference withRepository(String repo) {
        return new ImageReference(scheme, host, repo, null, null);
    }

    public Optional<String> reference() {
        return Optional.ofNullable(digest != null ? digest : tag);
    }

    /** {@code host/repository[:tag|@digest]}: what users write. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(host);
        if (repository != null) {
            sb.append('/').append(repository);
        }
        if (tag != null) {
            sb.append(':').append(tag);
        }
        if (digest != null) {
            sb.append('@').append(digest);
        }
        return sb.toString();
    }
}
