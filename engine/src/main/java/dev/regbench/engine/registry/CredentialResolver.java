package dev.regbench.engine.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the credentials for a registry, first match wins: the command line ({@code --creds}),
 * then the environment ({@code REGBENCH_USERNAME} / {@code REGBENCH_PASSWORD}), then the Docker
 * {@code config.json} users already have ({@code auths.<host>.auth}, base64 {@code user:pass};
 * credential helpers are not run). Stateless; thread-safe.
 */
public final class CredentialResolver {
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
     * @param explicit {@code USER:PASS} from the command line, or null
     * @param host     {@code host[:port]} of the registry
     */
    public Optional<Credentials> resolve(String explicit, String host) throws IOException {
        if (explicit != null) {
            return Optional.of(Credentials.parse(explicit, "--creds"));
        }
        String user = env.get("REGBENCH_USERNAME");
        String pass = env.get("REGBENCH_PASSWORD");
        if (user != null && pass != null) {
            return Optional.of(new Credentials(user, pass));
        }
        return fromDockerConfig(host);
    }

    Optional<Credentials> fromDockerConfig(String host) throws IOException {
        if (dockerConfig == null || !Files.isRegularFile(dockerConfig)) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(dockerConfig.toFile());
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
