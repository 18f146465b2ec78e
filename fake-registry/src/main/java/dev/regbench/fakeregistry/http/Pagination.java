package dev.regbench.fakeregistry.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code n}/{@code last} pagination of catalog and tag lists: entries after {@code last},
 * at most {@code n}, and a {@code Link: <...>; rel="next"} header when more remain. Stateless.
 */
final class Pagination {
    private Pagination() {
    }

    /**
     * One page of {@code sorted}; sets the Link header on {@code exchange} when there is a next page.
     *
     * @param path the path of the list endpoint, for the Link header
     */
    static List<String> page(HttpServerExchange exchange, List<String> sorted, String path) {
        String nText = Requests.query(exchange, "n");
        String last = Requests.query(exchange, "last");
        int n = Integer.MAX_VALUE;
        if (nText != null && !nText.isEmpty()) {
            try {
                n = Integer.parseInt(nText);
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 0) {
                throw OciError.of(ErrorCode.UNSUPPORTED, "query parameter n='" + nText
                        + "' is not a number >= 0").withStatus(400).exception();
            }
        }
        List<String> page = new ArrayList<>();
        if (n == 0) {
            return page;
        }
        boolean more = false;
        for (String entry : sorted) {
            if (last != null && entry.compareTo(last) <= 0) {
                continue;
            }
            if (page.size() == n) {
                more = true;
                break;
            }
            page.add(entry);
        }
        if (more) {
            String lastReturned = page.get(page.size() - 1);
            exchange.getResponseHeaders().put(RegistryHeaders.LINK, "<" + path + "?n=" + n + "&last="
                    + URLEncoder.encode(lastReturned, StandardCharsets.UTF_8) + ">; rel=\"next\"");
        }
        return page;
    }
}
