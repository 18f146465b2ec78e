package dev.regbench.fakeregistry.faults;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/**
 * What a {@link FaultRule} does to a request it hits. {@link #STATUS}, {@link #RESET},
 * {@link #STALL} and {@link #EXPIRE} end or break the response and are mutually exclusive
 * (one draw decides among them); {@link #LATENCY} adds delay and combines with anything.
 */
public enum FaultKind {
    /** Answer with an error status ({@code 429} with {@code Retry-After}, {@code 5xx}) and an OCI error body. */
    STATUS,
    /** Wait before the response. */
    LATENCY,
    /** Send the first N body bytes, then close the connection mid-body (the client sees a truncated body). */
    RESET,
    /** Send the status line and headers, then nothing until the client or the server gives up. */
    STALL,
    /** Make the token auth layer treat the request's (valid) token as expired: {@code 401}. */
    EXPIRE;

    /** True for kinds that end or break the response. */
    boolean terminal() {
        return this != LATENCY;
    }

    @JsonValue
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static FaultKind parse(String text) {
        for (FaultKind k : values()) {
            if (k.key().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown fault kind '" + text + "'; expected one of "
                + Arrays.toString(values()).toLowerCase(Locale.ROOT));
    }
}
