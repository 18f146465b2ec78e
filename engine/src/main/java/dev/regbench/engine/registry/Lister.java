package dev.regbench.engine.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.regbench.engine.transport.TransportResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One page of {@code GET /v2/_catalog} ({@code repositories}) or {@code GET /v2/<name>/tags/list}
 * ({@code tags}); the client follows {@code Link} to the next page.
 */
final class Lister extends BaseOperation<Page> {
    private final String field;

    private Lister(String description, String statsName, URI uri, Scope scope, Duration deadline, String field) {
        super(description, statsName, "GET", uri, scope, deadline);
        this.field = field;
    }

    static Lister catalog(URI pageUri, String registry, Duration deadline) {
        return new Lister("listing repositories of " + registry, "catalog", pageUri, Scope.catalog(), deadline,
                "repositories");
    }

    static Lister tags(URI pageUri, String repository, String registry, Duration deadline) {
        return new Lister("listing tags of " + registry + "/" + repository, "tags_list", pageUri,
                Scope.pull(repository), deadline, "tags");
    }

    @Override
    public Page handle(TransportResponse response) throws IOException {
        JsonNode root = JsonTree.read(response.bodyBytes(16 << 20));
        List<String> items = new ArrayList<>();
        for (JsonNode n : root.path(field)) {
            items.add(n.asText());
        }
        return new Page(items, Page.nextFrom(uri(), response.headers("Link")));
    }

    @Override
    public RegistryHttpException onError(int status, ErrorDocument error) {
        if (status == 404 && field.equals("tags")) {
            return new ManifestUnknownException(description(), status, error.reasons());
        }
        return null;
    }
}
