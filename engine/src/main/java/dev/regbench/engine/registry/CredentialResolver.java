package dev.regbench.engine.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the credentials for one registry of a command, first match wins:
 * <ol>
 *   <li>the command line ({@code --creds} / {@code --dest-creds}, or their {@code -file} forms);</li>
 *   <li>the environment, named by the registry's role in the command:
 *       {@code REGBENCH_SOURCE_USERNAME} / {@code REGBENCH_SOURCE_PASSWORD} for the source,
 *       {@code REGBENCH_DEST_USERNAME} / {@code REGBENCH_DEST_PASSWORD} for the destination;</li>
 *   <li>the Docker {@code config.json} users already have ({@code auths.<host>.auth}, base64
 *       {@code user:pass}, keyed by host; credential helpers are not run).</li>
 * </ol>
 * Every answer is bound to the one host it was resolved for: the registry client sends it to that
 * host (and to a token realm on that host, or one trusted with {@link Credentials#withRealmHosts}).
 *
 * <p>The unscoped {@code REGBENCH_USERNAME} / {@code REGBENCH_PASSWORD} of earlier versions are
 * refused with an error saying what to set instead: they were offered to every host that
 * challenged, so replicating from A to B sent A's password to B. Silently ignoring them would turn
 * a working set-up into a confusing 401; binding them to one side would guess.
 *
 * <p>Stateless; thread-safe.
 */
public final class CredentialResolver {

    /** Which registry of a command the credentials are for; names the environment variables. */
    public enum Role {
        SOURCE("REGBENCH_SOURCE", "--creds"),
        DESTINATION("REGBENCH_DEST", "--dest-creds");

        private final String envPrefix;
        private final String option;

        Role(String envPrefix, String option) {
            this.envPrefix = envPrefix;
            this.option = option;
        }

        /** {@code REGBENCH_SOURCE_USERNAME} or {@code REGBENCH_DEST_USERNAME}. */
        public String usernameVariable() {
            return envPrefix + "_USERNAME";
        }

        /** {@code REGBENCH_SOURCE_PASSWORD} or {@code REGBENCH_DEST_PASSWORD}. */
        public String passwordVariable() {
            return envPrefix + "_PASSWORD";
        }

        /** The command-line option that gives these credentials. */
        public String option() {
            return option;
        }
    }

    /** The unscoped variables no longer read. */
    static final String OLD_USERNAME = "REGBENCH_USERNAME";
    static final String OLD_PASSWORD = "REGBENCH_PASSWORD";

    private final Map<String, String> env;
    private final Path dockerConfig;

    public CredentialResolver(Map<String, String> env, Path dockerConfig) {
        this.env = env;
        this.dockerConfig = dockerConfig;
    }

    /** The process environment and {@code $DOCKER_CONFIG/config.json} or {@code ~/.docker/config.json}. */
    public static CredentialResolver system() {
        Map<String, String> env = System.getenv();
        String dir = env.get("DOCKER_CONFIG");
        Path config = dir != null ? Path.of(dir, "config.json")
                : Path.of(System.getProperty("user.home"), ".docker", "config.json");
        return new CredentialResolver(env, config);
    }

    /**
     * @param role     which registry of the command
     * @param explicit {@code USER:PASS} from the command line, or null
     * @param host     {@code host[:port]} of that registry
     * @throws IllegalArgumentException for the unscoped variables or half a pair (never echoing a value)
     */
    public Optional<Credentials> resolve(Role role, String explicit, String host) throws IOException {
        if (env.get(OLD_USERNAME) != null || env.get(OLD_PASSWORD) != null) {
            throw new IllegalArgumentException(OLD_USERNAME + "/" + OLD_PASSWORD + " are no longer read (they were"
                    + " offered to every registry that asked); set " + Role.SOURCE.usernameVariable() + "/"
                    + Role.SOURCE.passwordVariable() + " for the source and " + Role.DESTINATION.usernameVariable()
                    + "/" + Role.DESTINATION.passwordVariable() + " for the destination, and unset "
                    + OLD_USERNAME + "/" + OLD_PASSWORD);
        }
        if (explicit != null) {
            return Optional.of(Credentials.parse(explicit, role.option()));
        }
        String user = env.get(role.usernameVariable());
        String pass = env.get(role.passwordVariable());
        if (user != null && pass != null) {
            return Optional.of(new Credentials(user, pass));
        }
        if (user != null || pass != null) {
            throw new IllegalArgumentException((user == null ? role.usernameVariable() : role.passwordVariable())
                    + " is not set, but " + (user == null ? role.passwordVariable() : role.usernameVariable())
                    + " is: set both or neither");
        }
        return fromDockerConfig(host);
    }

    Optional<Credentials> fromDockerConfig(String host) throws IOException {
        if (dockerConfig == null || !Files.isRegularFile(dockerConfig)) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = JsonTree.read(dockerConfig);
        } catch (IOException e) {
            throw new IOException("cannot read Docker config " + dockerConfig + ": " + e.getMessage(), e);
        }
        JsonNode auths = root.path("auths");
        for (Map.Entry<String, JsonNode> entry : auths.properties()) {
            if (!hostOf(entry.getKey()).equals(host)) {
                continue;
            }
            String auth = entry.getValue().path("auth").asText("");
            if (auth.isEmpty()) {
                continue;
            }
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(auth), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new IOException("Docker config " + dockerConfig + ": auths." + entry.getKey()
                        + ".auth is not base64");
            }
            try {
                return Optional.of(Credentials.parse(decoded, "Docker config " + dockerConfig + " auths." + entry.getKey()));
            } catch (IllegalArgumentException e) {
                throw new IOException(e.getMessage());
            }
        }
        return Optional.empty();
    }

    /** {@code https://host:5000/v1/} → {@code host:5000}. */
    private static String hostOf(String key) {
        String k = key;
        int scheme = k.indexOf("://");
        if (scheme >= 0) {
            k = k.substring(scheme + 3);
        }
        int slash = k.indexOf('/');
        return (slash >= 0 ? k.substring(0, slash) : k).toLowerCase(java.util.Locale.ROOT);
    }
}
