package dev.regbench.fakeregistry.dataset;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The shape of a synthetic dataset, as written in YAML. Every tag's image has
 * {@code layersPerTag} layers: the first {@code round(layersPerTag * sharedLayerFraction)} are
 * the repository's shared base layers (the same blobs for every tag, per platform), the rest
 * are unique to the tag. With {@code sharedAcrossRepos} the shared base layers are the same
 * blobs in every repository (images built FROM one base image), so a replicator that mounts
 * across repositories copies them once. Repositories are named {@code <name>/app<i>}, tags {@code v1..vN}.
 * With more than one platform each tag is an OCI image index over one image per platform.
 *
 * <p>Defaults: {@code seed} 1, {@code repos} 1, {@code tagsPerRepo} 3, {@code layersPerTag} 2,
 * {@code layerSize} 1MiB, {@code sharedLayerSize} = {@code layerSize},
 * {@code sharedLayerFraction} 0, {@code compressibility} 0 (random bytes; 1 = one repeated
 * byte), {@code platforms} [linux/amd64], {@code sharedAcrossRepos} false.
 *
 * <p>Immutable.
 */
public record DatasetSpec(String name, long seed, int repos, int tagsPerRepo, int layersPerTag,
        SizeRange layerSize, SizeRange sharedLayerSize, double sharedLayerFraction,
        double compressibility, List<String> platforms, boolean sharedAcrossRepos) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(?:[._-][a-z0-9]+)*");

    public DatasetSpec {
        require(name != null && NAME.matcher(name).matches(), "name",
                "'" + name + "' must be lower-case letters and digits, separated by . _ or -");
        require(repos >= 1 && repos <= 10_000, "repos", repos + " must be in 1..10000");
        require(tagsPerRepo >= 1 && tagsPerRepo <= 100_000, "tagsPerRepo", tagsPerRepo + " must be in 1..100000");
        require(layersPerTag >= 1 && layersPerTag <= 127, "layersPerTag", layersPerTag + " must be in 1..127");
        require(layerSize != null, "layerSize", "is required");
        require(layerSize.max() <= 4L << 30, "layerSize", layerSize + " exceeds 4GiB");
        sharedLayerSize = sharedLayerSize == null ? layerSize : sharedLayerSize;
        require(sharedLayerSize.max() <= 4L << 30, "sharedLayerSize", sharedLayerSize + " exceeds 4GiB");
        require(sharedLayerFraction >= 0 && sharedLayerFraction <= 1, "sharedLayerFraction",
                sharedLayerFraction + " must be in 0..1");
        require(compressibility >= 0 && compressibility <= 1, "compressibility",
                compressibility + " must be in 0..1");
        platforms = platforms == null || platforms.isEmpty() ? List.of("linux/amd64") : List.copyOf(platforms);
        for (String p : platforms) {
            try {
                Platform.parse(p);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("platforms: " + e.getMessage(), e);
            }
        }
    }

    /** A dataset whose shared base layers are per repository. */
    public DatasetSpec(String name, long seed, int repos, int tagsPerRepo, int layersPerTag, SizeRange layerSize,
            SizeRange sharedLayerSize, double sharedLayerFraction, double compressibility, List<String> platforms) {
        this(name, seed, repos, tagsPerRepo, layersPerTag, layerSize, sharedLayerSize, sharedLayerFraction,
                compressibility, platforms, false);
    }

    /** The YAML form; absent keys take the defaults listed on the class. */
    @JsonCreator
    static DatasetSpec fromYaml(@JsonProperty("name") String name, @JsonProperty("seed") Long seed,
            @JsonProperty("repos") Integer repos, @JsonProperty("tagsPerRepo") Integer tagsPerRepo,
            @JsonProperty("layersPerTag") Integer layersPerTag, @JsonProperty("layerSize") SizeRange layerSize,
            @JsonProperty("sharedLayerSize") SizeRange sharedLayerSize,
            @JsonProperty("sharedLayerFraction") Double sharedLayerFraction,
            @JsonProperty("compressibility") Double compressibility,
            @JsonProperty("platforms") List<String> platforms,
            @JsonProperty("sharedAcrossRepos") Boolean sharedAcrossRepos) {
        return new DatasetSpec(name, seed == null ? 1 : seed, repos == null ? 1 : repos,
                tagsPerRepo == null ? 3 : tagsPerRepo, layersPerTag == null ? 2 : layersPerTag,
                layerSize == null ? SizeRange.fixed(1 << 20) : layerSize, sharedLayerSize,
                sharedLayerFraction == null ? 0 : sharedLayerFraction,
                compressibility == null ? 0 : compressibility, platforms,
                sharedAcrossRepos != null && sharedAcrossRepos);
    }

    /** Shared base layers per image. */
    int sharedLayers() {
        return (int) Math.min(layersPerTag, Math.round(layersPerTag * sharedLayerFraction));
    }

    List<Platform> parsedPlatforms() {
        return platforms.stream().map(Platform::parse).toList();
    }

    /** Repository name for index {@code i}. */
    String repository(int i) {
        return name + "/app" + i;
    }

    private static void require(boolean ok, String key, String problem) {
        if (!ok) {
            throw new IllegalArgumentException(key + ": " + problem);
        }
    }
}
