package dev.regbench.fakeregistry.stats;

import dev.regbench.fakeregistry.http.Route;
import io.undertow.server.ConduitWrapper;
import io.undertow.server.ExchangeCompletionListener;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.ConduitFactory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.xnio.conduits.AbstractStreamSourceConduit;
import org.xnio.conduits.StreamSourceConduit;

/**
 * The outermost handler: counts every non-admin request into {@link ServerStats} as it arrives
 * (by route), records its outcome when it completes (status, latency since the request was
 * parsed, response body bytes) and counts request body bytes as they are read. Requests without a body cost one shared
 * completion listener and no allocation. Thread-safe (stateless besides the stats).
 */
public final class StatsHandler implements HttpHandler {
    private final ServerStats stats;
    private final HttpHandler next;
    private final ExchangeCompletionListener onComplete;
    private final ConduitWrapper<StreamSourceConduit> countRequestBody;

    public StatsHandler(ServerStats stats, HttpHandler next) {
        this.stats = stats;
        this.next = next;
        this.onComplete = this::complete;
        this.countRequestBody = this::wrap;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String path = exchange.getRequestPath();
        if (!path.startsWith("/_regbench/")) {
            stats.requestArrived(Route.of(exchange));
            // the peer address names the TCP connection (Undertow has one connection object per HTTP/2 stream)
            stats.protocolSeen(exchange.getConnection().getPeerAddress(), exchange.getProtocol().toString());
            exchange.addExchangeCompleteListener(onComplete);
            if (!exchange.isRequestComplete()) {
                exchange.addRequestWrapper(countRequestBody);
            }
        }
        next.handleRequest(exchange);
    }

    private void complete(HttpServerExchange exchange, ExchangeCompletionListener.NextListener nextListener) {
        try {
            long start = exchange.getRequestStartTime();
            long latency = start > 0 ? System.nanoTime() - start : 0;
            stats.requestCompleted(Route.of(exchange), exchange.getStatusCode(), latency,
                    exchange.getResponseBytesSent());
        } finally {
            nextListener.proceed();
        }
    }

    private StreamSourceConduit wrap(ConduitFactory<StreamSourceConduit> factory, HttpServerExchange exchange) {
        return new CountingConduit(factory.create(), stats);
    }

    /** Counts bytes read from a request body. */
    private static final class CountingConduit extends AbstractStreamSourceConduit<StreamSourceConduit> {
        private final ServerStats stats;

        CountingConduit(StreamSourceConduit next, ServerStats stats) {
            super(next);
            this.stats = stats;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            int n = next.read(dst);
            if (n > 0) {
                stats.addBytesIn(n);
            }
            return n;
        }

        @Override
        public long read(ByteBuffer[] dsts, int offs, int len) throws IOException {
            long n = next.read(dsts, offs, len);
            if (n > 0) {
                stats.addBytesIn(n);
            }
            return n;
        }

        @Override
        public long transferTo(long position, long count, FileChannel target) throws IOException {
            long n = next.transferTo(position, count, target);
            if (n > 0) {
                stats.addBytesIn(n);
            }
            return n;
        }
    }
}
