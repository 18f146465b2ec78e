package dev.regbench.engine.registry;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One page of a paginated listing (catalog, tags) and the next page from the {@code Link}
 * header ({@code <...>; rel="next"}). Immutable.
 */
record Page(List<String> items, Optional<URI> next) {
    private static final Pattern LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");

    static Optional<URI> nextFrom(URI current, List<String> linkHeaders) {
        for (String header : linkHeaders) {
            Matcher m = LINK.matcher(header);
            if (m.find()) {
                return Optional.of(current.resolve(m.group(1)));
            }
        }
        return Optional.empty();
    }
}
