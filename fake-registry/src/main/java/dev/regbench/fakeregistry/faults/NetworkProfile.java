package dev.regbench.fakeregistry.faults;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Network conditions the server plays on every request but {@code /_regbench/...}: added
 * latency before each response (fixed + uniform 0..jitter, drawn from {@code seed}) and
 * bandwidth caps on response bodies, per connection and for the whole server (token buckets;
 * 0 = no cap).
 *
 * <p>{@code serverBandwidth} is the per-host (link) cap: one fake registry is one host, and the
 * bucket is shared by all its connections, as a WAN link is; {@code connectionBandwidth} caps each
 * connection alone (which penalises one HTTP/2 connection carrying every stream by construction).
 *
 * <p>Built-in: {@code loopback} (nothing added), {@code wan} (20 ms per request, 20 MB/s per
 * connection), {@code wan-link} (20 ms per request, 20 MB/s for the whole host, shared by all
 * connections: the realistic WAN case). YAML/JSON keys and defaults: {@code name} ("custom"), {@code latency} (0),
 * {@code jitter} (0), {@code connectionBandwidth} (0; bytes per second, {@code 20MB} or
 * {@code 20MB/s} accepted), {@code serverBandwidth} (0), {@code seed} (1).
 *
 * <p>Immutable.
 */
public record NetworkProfile(String name, Duration latency, Duration jitter,
        @JsonDeserialize(using = Units.SizeDeserializer.class) long connectionBandwidth,
        @JsonDeserialize(using = Units.SizeDeserializer.class) long serverBandwidth, long seed) {

    public NetworkProfile {
        name = name == null || name.isBlank() ? "custom" : name;
        latency = latency == null ? Duration.ZERO : latency;
        jitter = jitter == null ? Duration.ZERO : jitter;
        if (latency.isNegative() || jitter.isNegative()) {
            throw new IllegalArgumentException("latency/jitter: must not be negative");
        }
        if (connectionBandwidth < 0 || serverBandwidth < 0) {
            throw new IllegalArgumentException("connectionBandwidth/serverBandwidth: must not be negative (0 = no cap)");
        }
    }

    @JsonCreator
    static NetworkProfile fromJson(@JsonProperty("name") String name, @JsonProperty("latency") Duration latency,
            @JsonProperty("jitter") Duration jitter,
            @JsonProperty("connectionBandwidth") @JsonDeserialize(using = Units.SizeDeserializer.class) Long connection,
            @JsonProperty("serverBandwidth") @JsonDeserialize(using = Units.SizeDeserializer.class) Long server,
            @JsonProperty("seed") Long seed) {
        return new NetworkProfile(name, latency, jitter, connection == null ? 0 : connection,
                server == null ? 0 : server, seed == null ? 1 : seed);
    }

    /** Nothing added. */
    public static NetworkProfile loopback() {
        return new NetworkProfile("loopback", Duration.ZERO, Duration.ZERO, 0, 0, 1);
    }

    /** 20 ms per request, 20 MB/s per connection. */
    public static NetworkProfile wan() {
        return new NetworkProfile("wan", Duration.ofMillis(20), Duration.ZERO, 20_000_000, 0, 1);
    }

    /** 20 ms per request, 20 MB/s per host: one link shared by every connection. */
    public static NetworkProfile wanLink() {
        return new NetworkProfile("wan-link", Duration.ofMillis(20), Duration.ZERO, 0, 20_000_000, 1);
    }

    /** A built-in profile ({@code loopback}, {@code wan}, {@code wan-link}); unknown names list the known ones. */
    public static NetworkProfile named(String name) {
        return switch (name) {
            case "loopback" -> loopback();
            case "wan" -> wan();
            case "wan-link" -> wanLink();
            default -> throw new IllegalArgumentException("unknown network profile '" + name
                    + "'; built-in profiles are loopback, wan, wan-link (or give a YAML/JSON file)");
        };
    }

    /** A built-in name, or a {@code .yaml}/{@code .yml}/{@code .json} file. */
    public static NetworkProfile resolve(String nameOrFile) {
        if (nameOrFile.endsWith(".yaml") || nameOrFile.endsWith(".yml") || nameOrFile.endsWith(".json")) {
            return fromYaml(Path.of(nameOrFile));
        }
        return named(nameOrFile);
    }

    public static NetworkProfile fromYaml(Path file) {
        return ProfileReader.readFile(file, NetworkProfile.class);
    }

    public static NetworkProfile fromYaml(String yaml, String source) {
        return ProfileReader.read(ProfileReader.YAML, yaml, source, NetworkProfile.class);
    }

    public static NetworkProfile fromJson(String json, String source) {
        return ProfileReader.read(ProfileReader.JSON, json, source, NetworkProfile.class);
    }

    /** True when the profile adds nothing. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isLoopback() {
        return latency.isZero() && jitter.isZero() && connectionBandwidth == 0 && serverBandwidth == 0;
    }
}
