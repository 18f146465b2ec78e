package dev.regbench.fakeregistry.faults;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.ServerConnection;
import io.undertow.util.Headers;
import io.undertow.util.SameThreadExecutor;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.xnio.IoUtils;
import org.xnio.channels.StreamSinkChannel;

/**
 * Stalled responses: status line and headers go out, then nothing. No thread is held: the
 * exchange is parked (dispatched to no one) and its connection remembered until the client
 * closes it, the rule's duration ends (the server closes it) or {@link #closeAll()} runs.
 *
 * <p>Thread-safe.
 */
final class Stalls {
    private final Set<ServerConnection> held = ConcurrentHashMap.newKeySet();

    void hold(HttpServerExchange exchange, Duration duration) {
        exchange.setStatusCode(200);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/octet-stream");
        // chunked, so that a client knows the body is missing when the server finally closes
        exchange.getResponseHeaders().put(Headers.TRANSFER_ENCODING, "chunked");
        exchange.dispatch(SameThreadExecutor.INSTANCE, () -> {
            ServerConnection connection = exchange.getConnection();
            held.add(connection);
            connection.addCloseListener(held::remove);
            StreamSinkChannel channel = exchange.getResponseChannel();
            try {
                if (!channel.flush()) {
                    channel.getWriteSetter().set(c -> {
                        try {
                            if (c.flush()) {
                                c.suspendWrites();
                            }
                        } catch (IOException e) {
                            IoUtils.safeClose(connection);
                        }
                    });
                    channel.resumeWrites();
                }
            } catch (IOException e) {
                IoUtils.safeClose(connection);
            }
            if (duration != null) {
                connection.getIoThread().executeAfter(() -> IoUtils.safeClose(connection),
                        duration.toNanos(), TimeUnit.NANOSECONDS);
            }
        });
    }

    int count() {
        return held.size();
    }

    void closeAll() {
        for (ServerConnection c : held) {
            IoUtils.safeClose(c);
        }
        held.clear();
    }
}
