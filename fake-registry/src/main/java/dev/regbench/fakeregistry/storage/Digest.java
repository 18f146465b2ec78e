package dev.regbench.fakeregistry.storage;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A content digest ({@code algorithm:hex}) as defined by the OCI image spec, restricted to the
 * two algorithms registries must verify: {@code sha256} (64 hex digits) and {@code sha512}
 * (128 hex digits). Immutable.
 */
public record Digest(String algorithm, String hex) {

    /** The OCI digest grammar: {@code algorithm ":" encoded}. */
    private static final Pattern GRAMMAR =
            Pattern.compile("[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+");
    private static final Pattern SHA256_HEX = Pattern.compile("[a-f0-9]{64}");
    private static final Pattern SHA512_HEX = Pattern.compile("[a-f0-9]{128}");

    /** Thrown for a digest that is malformed or uses an algorithm other than sha256/sha512. */
    public static final class InvalidDigestException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        InvalidDigestException(String message) {
            super(message);
        }
    }

    /**
     * Parses {@code sha256:<64 hex>} or {@code sha512:<128 hex>}.
     *
     * @throws InvalidDigestException naming the digest and what is wrong with it
     */
    public static Digest parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new InvalidDigestException("digest is missing");
        }
        if (!GRAMMAR.matcher(text).matches()) {
            throw new InvalidDigestException("digest '" + text + "' does not match algorithm:encoded");
        }
        int colon = text.indexOf(':');
        String algorithm = text.substring(0, colon);
        String hex = text.substring(colon + 1);
        switch (algorithm) {
            case "sha256" -> {
                if (!SHA256_HEX.matcher(hex).matches()) {
                    throw new InvalidDigestException("digest '" + text + "': sha256 needs 64 lower-case hex digits");
                }
            }
            case "sha512" -> {
                if (!SHA512_HEX.matcher(hex).matches()) {
                    throw new InvalidDigestException("digest '" + text + "': sha512 needs 128 lower-case hex digits");
                }
            }
            default -> throw new InvalidDigestException(
                    "digest '" + text + "': unsupported algorithm '" + algorithm + "' (sha256, sha512)");
        }
        return new Digest(algorithm, hex);
    }

    /** The sha256 digest of the remaining bytes of {@code content} (its position is not moved). */
    public static Digest sha256(ByteBuffer content) {
        MessageDigest md = newMessageDigest("sha256");
        md.update(content.duplicate());
        return new Digest("sha256", HexFormat.of().formatHex(md.digest()));
    }

    /** The sha256 digest of {@code content}. */
    public static Digest sha256(byte[] content) {
        return sha256(ByteBuffer.wrap(content));
    }

    /** The digest of {@code content} with this digest's algorithm. */
    public Digest computeOver(ByteBuffer content) {
        MessageDigest md = newMessageDigest(algorithm);
        md.update(content.duplicate());
        return new Digest(algorithm, HexFormat.of().formatHex(md.digest()));
    }

    private static final java.util.concurrent.atomic.AtomicBoolean WARMED = new java.util.concurrent.atomic.AtomicBoolean();
    /** Warm-up bounds: at most this many rounds of {@link #WARM_BYTES}, {@link #WARM_PAUSE_MS} apart. */
    private static final int WARM_ROUNDS = 100;
    private static final int WARM_BYTES = 256 * 1024;
    private static final long WARM_PAUSE_MS = 10;
    /** A round faster than this runs on the SHA-256 CPU intrinsic (C2): C1 code needs ~4 ms, the interpreter ~300. */
    private static final long WARM_FAST_NANOS = 1_000_000;

    /**
     * Once per JVM, on a daemon thread: hashes up to {@code 100 × 256 KiB} (10 ms apart, stopping
     * at the first round that runs at intrinsic speed) so that C2 compiles SHA-256 with the CPU's
     * SHA instructions before the first upload arrives. Without it a fresh registry hashes its
     * first uploads interpreted and C1-compiled, 15–300× slower (a fresh destination spent 6.3 s of
     * CPU ingesting {@code standard}; see bench/peers). Bounded: at most ~25 MiB hashed, ~1 s.
     */
    public static void warmUp() {
        if (!WARMED.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(() -> {
            byte[] data = new byte[WARM_BYTES];
            MessageDigest md = newMessageDigest("sha256");
            try {
                for (int round = 0; round < WARM_ROUNDS; round++) {
                    long start = System.nanoTime();
                    md.update(ByteBuffer.wrap(data));
                    md.digest();
                    if (System.nanoTime() - start < WARM_FAST_NANOS) {
                        return;
                    }
                    Thread.sleep(WARM_PAUSE_MS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "regbench-digest-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /** A fresh {@link MessageDigest} for {@code algorithm} ({@code sha256} or {@code sha512}). */
    static MessageDigest newMessageDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(switch (algorithm) {
                case "sha256" -> "SHA-256";
                case "sha512" -> "SHA-512";
                default -> throw new InvalidDigestException("unsupported algorithm '" + algorithm + "'");
            });
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A copy of a running message digest, so the copy can be finished (or fed more) while the
     * original keeps hashing what follows. The stagings of both blob stores keep one running
     * SHA-256 over an upload and snapshot it here.
     */
    static MessageDigest copyOf(MessageDigest running) {
        try {
            return (MessageDigest) running.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e); // the JDK's SHA-2 digests are cloneable
        }
    }

    /** A digest from a finished message digest. */
    static Digest of(String algorithm, MessageDigest md) {
        return new Digest(algorithm, HexFormat.of().formatHex(md.digest()));
    }

    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }
}
