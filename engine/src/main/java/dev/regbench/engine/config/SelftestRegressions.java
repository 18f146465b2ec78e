package dev.regbench.engine.config;

/**
 * Deliberate regressions for the regression gate's self-test ({@code regbench gate --selftest})
 * and nothing else: each is off unless its system property is {@code true} at JVM start. The gate
 * proves it would catch a real regression by running the engine with one of these switched on
 * (in a child JVM, so a normal run never sees one) and checking that some rule fails.
 *
 * <ul>
 *   <li>{@value #EXTRA_REQUEST_PER_BLOB}: one extra {@code HEAD} of the destination per blob copied.</li>
 *   <li>{@value #EXTRA_ALLOC_PER_MIB}: about 10% more bytes allocated per byte copied (a throw-away
 *       array of a tenth of each read, published so escape analysis cannot remove it).</li>
 *   <li>{@value #EXTRA_BYTES_PER_BUFFER_GET}: 64 more bytes allocated per buffer pool acquire.</li>
 * </ul>
 * The flags are {@code static final}: when off, the JIT folds the checks away. Immutable.
 */
public final class SelftestRegressions {
    public static final String EXTRA_REQUEST_PER_BLOB = "regbench.selftest.extraRequestPerBlob";
    public static final String EXTRA_ALLOC_PER_MIB = "regbench.selftest.extraAllocPerMiB";
    public static final String EXTRA_BYTES_PER_BUFFER_GET = "regbench.selftest.extraBytesPerBufferGet";

    /** One more destination HEAD per blob. */
    public static final boolean EXTRA_REQUEST = Boolean.getBoolean(EXTRA_REQUEST_PER_BLOB);
    /** A tenth more bytes allocated per byte copied. */
    public static final boolean EXTRA_ALLOC = Boolean.getBoolean(EXTRA_ALLOC_PER_MIB);
    /** 64 B more per buffer acquire (a {@code byte[48]}: 16 B header + 48 B). */
    public static final boolean EXTRA_BUFFER_BYTES = Boolean.getBoolean(EXTRA_BYTES_PER_BUFFER_GET);

    /** Where the deliberate garbage goes, so it is really allocated. */
    private static volatile Object sink;

    private SelftestRegressions() {
    }

    /** Allocates {@code bytes} (minus the array header) and publishes it. */
    public static void waste(int bytes) {
        sink = new byte[Math.max(0, bytes - 16)];
    }

    /** Every property name, for the self-test's catalogue check. */
    public static java.util.List<String> names() {
        return java.util.List.of(EXTRA_REQUEST_PER_BLOB, EXTRA_ALLOC_PER_MIB, EXTRA_BYTES_PER_BUFFER_GET);
    }
}
