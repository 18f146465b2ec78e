package dev.regbench.engine.registry;

import dev.regbench.engine.resilience.RetryDecision;
import dev.regbench.engine.stats.TransferStats;
import dev.regbench.engine.transport.HttpTransport;
import dev.regbench.engine.transport.TransportRequest;
import dev.regbench.engine.transport.TransportResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * Runs one {@link RegistryOperation}: adds authentication (re-authenticating once on
 * {@code 401}), follows redirects itself (registries redirect blob downloads to storage;
 * {@code Authorization} is dropped on a cross-host hop), records the request in
 * {@link TransferStats}, and maps failed statuses to typed exceptions naming the action.
 * Retries are not done here: the client wraps calls in {@code Resilience}.
 *
 * <p>Thread-safe (stateless apart from the authenticator, which is).
 */
final class RegistryCaller {
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final int MAX_REDIRECTS = 5;
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final HttpTransport transport;
    private final TokenAuthenticator auth;
    private final TransferStats stats;
    private final Clock clock;

    RegistryCaller(HttpTransport transport, TokenAuthenticator auth, TransferStats stats, Clock clock) {
        this.transport = transport;
        this.auth = auth;
        this.stats = stats;
        this.clock = clock;
    }

    <T> T call(RegistryOperation<T> op) throws IOException {
        URI uri = op.uri();
        String host = hostOf(uri);
        TransportRequest request = new TransportRequest(op.method(), uri, op.headers(), op.body(), null, op.deadline());
        Optional<String> authorization = auth.authorization(host, op.scope(), op.description());
        if (authorization.isPresent()) {
            request = request.withHeader("Authorization", authorization.get());
        }
        TransportResponse response = send(op, request);
        if (response.status() == 401) {
            String challenge = response.header("WWW-Authenticate").orElse(null);
            response.close();
            if (challenge == null) {
                throw new UnauthorizedException(op.description(), 401, "no WWW-Authenticate challenge");
            }
            String header = auth.reauthenticate(host, op.scope(), challenge, op.description());
            response = send(op, request.withHeader("Authorization", header));
        }
        boolean keepOpen = false;
        try {
            int status = response.status();
            if (op.accepts(status)) {
                T result = op.handle(response);
                keepOpen = op.keepsResponseOpen();
                return result;
            }
            throw failure(op, response);
        } finally {
            if (!keepOpen) {
                response.close();
            }
        }
    }

    /** Sends, following redirects; records each exchange in the stats. */
    private TransportResponse send(RegistryOperation<?> op, TransportRequest first) throws IOException {
        TransportRequest request = first;
        String originHost = hostOf(first.uri());
        for (int hop = 0; ; hop++) {
            long start = System.nanoTime();
            TransportResponse response;
            try {
                response = transport.execute(request);
            } catch (IOException e) {
                stats.request(op.statsName(), 0, System.nanoTime() - start);
                throw e;
            }
            stats.request(op.statsName(), response.status(), System.nanoTime() - start);
            Optional<String> location = response.header("Location");
            if (!REDIRECTS.contains(response.status()) || location.isEmpty() || !op.followsRedirects()) {
                return response;
            }
            response.close();
            if (hop >= MAX_REDIRECTS) {
                throw new RegistryException(op.description() + ": more than " + MAX_REDIRECTS + " redirects");
            }
            URI next = request.uri().resolve(location.get());
            request = request.withUri(next);
            if (!hostOf(next).equals(originHost)) {
                request = request.withoutHeader("Authorization");   // never leak credentials to storage hosts
            }
            if (response.status() == 303) {
                request = new TransportRequest("GET", next, request.headers(), null, null, request.deadline());
            }
        }
    }

    private RegistryHttpException failure(RegistryOperation<?> op, TransportResponse response) throws IOException {
        int status = response.status();
        byte[] body = op.method().equals("HEAD") ? new byte[0] : readQuietly(response);
        ErrorDocument error = ErrorDocument.parse(body);
        RegistryHttpException specific = op.onError(status, error);
        if (specific != null) {
            return specific;
        }
        if (status == 401 || status == 403) {
            return new UnauthorizedException(op.description(), status, error.reasons());
        }
        return new RegistryHttpException(op.description(), status, error.reasons(),
                RetryDecision.parseRetryAfter(response.header("Retry-After").orElse(null), clock).orElse(null));
    }

    private static byte[] readQuietly(TransportResponse response) {
        try {
            return response.bodyBytes(MAX_ERROR_BODY);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    static String hostOf(URI uri) {
        return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }
}
