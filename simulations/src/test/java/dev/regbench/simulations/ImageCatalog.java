package dev.regbench.simulations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regbench.engine.shard.Shard;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The images (repository, tag) a registry serves, read the way any client would: {@code GET
 * /v2/_catalog} then {@code GET /v2/<name>/tags/list} per repository. Used by the pull
 * simulations before the load starts, so they work against any registry.
 *
 * <p>Immutable and thread-safe; {@link #randomFeeder()} hands out random images forever.
 */
final class ImageCatalog {

    /** Session attribute holding the repository of the image a user pulls. */
    static final String REPO = "repo";
    /** Session attribute holding the tag of the image a user pulls. */
    static final String TAG = "tag";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One image: a repository and a tag. */
    record Image(String repository, String tag) {
    }

    private final List<Image> images;

    ImageCatalog(List<Image> images) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("the registry has no images to pull (empty catalog or no tags)");
        }
        this.images = List.copyOf(images);
    }

    /**
     * Lists up to {@code maxRepositories} repositories of the registry at {@code baseUrl}, and every
     * tag of each.
     *
     * @throws IllegalStateException naming the URL and status when the registry does not answer 200
     */
    static ImageCatalog discover(String baseUrl, int maxRepositories) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<Image> images = new ArrayList<>();
        JsonNode catalog = getJson(client, baseUrl + "/v2/_catalog?n=" + maxRepositories);
        for (JsonNode repo : catalog.path("repositories")) {
            String name = repo.asText();
            JsonNode tags = getJson(client, baseUrl + "/v2/" + name + "/tags/list");
            for (JsonNode tag : tags.path("tags")) {
                images.add(new Image(name, tag.asText()));
            }
            if (images.size() > 100_000) {
                break;
            }
        }
        return new ImageCatalog(images);
    }

    private static JsonNode getJson(HttpClient client, String url) {
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(30)).header("Accept", "application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + url + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + url, e);
        }
    }

    /**
     * The images of {@code shard} (round-robin over the sorted {@code repository:tag} list, so N
     * injectors pull disjoint parts that together are the whole catalogue).
     */
    ImageCatalog shard(Shard shard) {
        return shard.isAll() ? this : new ImageCatalog(shard.select(images, i -> i.repository() + ":" + i.tag()));
    }

    /** The images found. */
    List<Image> images() {
        return images;
    }

    /** Repositories and tags, for the summary: {@code N images in M repositories}. */
    String describe() {
        long repos = images.stream().map(Image::repository).distinct().count();
        return images.size() + " images in " + repos + " repositories";
    }

    /** An endless feeder of random images as {@link #REPO} and {@link #TAG} session attributes. */
    Iterator<Map<String, Object>> randomFeeder() {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Map<String, Object> next() {
                Image image = images.get(ThreadLocalRandom.current().nextInt(images.size()));
                return Map.of(REPO, image.repository(), TAG, image.tag());
            }
        };
    }
}
