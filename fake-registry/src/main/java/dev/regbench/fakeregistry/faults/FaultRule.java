package dev.regbench.fakeregistry.faults;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.regbench.fakeregistry.http.Route;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * One fault rule: on requests to {@code routes}, with {@code probability}, do {@code kind}.
 *
 * <p>Keys (YAML/JSON) and defaults: {@code routes} (default: every route but {@code admin}),
 * {@code kind} (required: status, latency, reset, stall, expire), {@code probability} (0..1,
 * default 1), {@code status} (kind status: 400..599, default 503), {@code retryAfter}
 * (kind status: the {@code Retry-After} header, whole seconds; default none),
 * {@code latency} and {@code jitter} (kind latency: fixed delay + uniform 0..jitter),
 * {@code afterBytes} (kind reset: body bytes sent before the reset; default half of
 * {@code Content-Length}, or 0 when unknown), {@code duration} (kind stall: how long until the
 * server closes the connection; default until the client gives up or the server closes).
 *
 * <p>Immutable.
 */
public record FaultRule(List<Route> routes, FaultKind kind, double probability, Integer status,
        Duration retryAfter, Duration latency, Duration jitter,
        @JsonDeserialize(using = Units.SizeDeserializer.class) Long afterBytes, Duration duration) {

    /** Routes a rule applies to when it names none. */
    public static final List<Route> ALL_ROUTES = Arrays.stream(Route.values()).filter(r -> r != Route.ADMIN).toList();

    public FaultRule {
        if (kind == null) {
            throw new IllegalArgumentException("kind: is required (status, latency, reset, stall or expire)");
        }
        routes = routes == null || routes.isEmpty() ? ALL_ROUTES : List.copyOf(routes);
        if (routes.contains(Route.ADMIN)) {
            throw new IllegalArgumentException("routes: admin is never faulted");
        }
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability: " + probability + " must be in 0..1");
        }
        if (kind == FaultKind.STATUS) {
            status = status == null ? 503 : status;
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("status: " + status + " must be an error status (400..599)");
            }
        } else if (status != null) {
            throw new IllegalArgumentException("status: only for kind status, not " + kind.key());
        }
        if (retryAfter != null && (kind != FaultKind.STATUS || retryAfter.isNegative())) {
            throw new IllegalArgumentException("retryAfter: only for kind status, and not negative");
        }
        if (kind == FaultKind.LATENCY) {
            latency = latency == null ? Duration.ZERO : latency;
            jitter = jitter == null ? Duration.ZERO : jitter;
            if (latency.isNegative() || jitter.isNegative() || latency.plus(jitter).isZero()) {
                throw new IllegalArgumentException("latency: kind latency needs a positive latency and/or jitter");
            }
        } else if (latency != null || jitter != null) {
            throw new IllegalArgumentException("latency/jitter: only for kind latency, not " + kind.key());
        }
        if (afterBytes != null && (kind != FaultKind.RESET || afterBytes < 0)) {
            throw new IllegalArgumentException("afterBytes: only for kind reset, and not negative");
        }
        if (duration != null && (kind != FaultKind.STALL || duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("duration: only for kind stall, and positive");
        }
    }

    @JsonCreator
    static FaultRule fromJson(@JsonProperty("routes") List<Route> routes, @JsonProperty("kind") FaultKind kind,
            @JsonProperty("probability") Double probability, @JsonProperty("status") Integer status,
            @JsonProperty("retryAfter") Duration retryAfter, @JsonProperty("latency") Duration latency,
            @JsonProperty("jitter") Duration jitter,
            @JsonProperty("afterBytes") @JsonDeserialize(using = Units.SizeDeserializer.class) Long afterBytes,
            @JsonProperty("duration") Duration duration) {
        return new FaultRule(routes, kind, probability == null ? 1 : probability, status, retryAfter, latency,
                jitter, afterBytes, duration);
    }

    /** Answer {@code status} with probability {@code p}. */
    public static FaultRule status(int status, double p, Route... routes) {
        return new FaultRule(List.of(routes), FaultKind.STATUS, p, status, null, null, null, null, null);
    }

    /** Answer {@code 429} with {@code Retry-After} with probability {@code p}. */
    public static FaultRule tooManyRequests(Duration retryAfter, double p, Route... routes) {
        return new FaultRule(List.of(routes), FaultKind.STATUS, p, 429, retryAfter, null, null, null, null);
    }

    /** Add {@code latency} + uniform 0..{@code jitter} with probability {@code p}. */
    public static FaultRule latency(Duration latency, Duration jitter, double p, Route... routes) {
        return new FaultRule(List.of(routes), FaultKind.LATENCY, p, null, null, latency, jitter, null, null);
    }

    /** Reset the connection after {@code afterBytes} body bytes (null: half the body) with probability {@code p}. */
    public static FaultRule reset(Long afterBytes, double p, Route... routes) {
        return new FaultRule(List.of(routes), FaultKind.RESET, p, null, null, null, null, afterBytes, null);
    }

    /** Stall after the headers (for {@code duration}, or until closed when null) with probability {@code p}. */
    public static FaultRule stall(Duration duration, double p, Route... routes) {
        return new FaultRule(List.of(routes), FaultKind.STALL, p, null, null, null, null, null, duration);
    }

    /** Treat tokens as expired with probability {@code p}. */
    public static FaultRule expire(double p, Route... routes) {
        return new FaultRule(List.of(routes), FaultKind.EXPIRE, p, null, null, null, null, null, null);
    }

    /** The stats kind this rule records: {@code status503}, {@code latency}, {@code reset}, {@code stall}, {@code expired}. */
    public String statsKind() {
        return switch (kind) {
            case STATUS -> "status" + status;
            case LATENCY -> "latency";
            case RESET -> "reset";
            case STALL -> "stall";
            case EXPIRE -> "expired";
        };
    }
}
