package dev.regbench.fakeregistry.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed bearer tokens: {@code base64url(user \n expiresAtMillis \n scope scope...)} + "." +
 * {@code base64url(HMAC-SHA256)} with a random key made per server, so tokens need no storage
 * and a token from another server (or a restarted one) is invalid.
 *
 * <p>Thread-safe (a {@link Mac} per thread).
 */
final class Tokens {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    Tokens() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 unavailable", e);
            }
        });
    }

    String sign(String user, long expiresAtMillis, List<Scope> grants) {
        StringBuilder payload = new StringBuilder(user).append('\n').append(expiresAtMillis).append('\n');
        for (int i = 0; i < grants.size(); i++) {
            payload.append(i == 0 ? "" : " ").append(grants.get(i).format());
        }
        byte[] bytes = payload.toString().getBytes(StandardCharsets.UTF_8);
        return B64.encodeToString(bytes) + "." + B64.encodeToString(macs.get().doFinal(bytes));
    }

    /** The claims of a well-signed token (expired or not); empty when it is not ours. */
    Optional<Claims> verify(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        try {
            byte[] payload = B64D.decode(token.substring(0, dot));
            byte[] signature = B64D.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(signature, macs.get().doFinal(payload))) {
                return Optional.empty();
            }
            String[] parts = new String(payload, StandardCharsets.UTF_8).split("\n", 3);
            Map<String, Set<String>> grants = new LinkedHashMap<>();
            for (Scope s : Scope.parseAll(parts[2])) {
                grants.computeIfAbsent(s.type() + ":" + s.name(), k -> new LinkedHashSet<>()).addAll(s.actions());
            }
            return Optional.of(new Claims(parts[0], Long.parseLong(parts[1]), grants));
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    /** What a token says: who, until when, and actions by {@code type:name}. */
    record Claims(String user, long expiresAtMillis, Map<String, Set<String>> grants) {
        boolean allows(String type, String name, String action) {
            Set<String> actions = grants.get(type + ":" + name);
            return actions != null && (actions.contains(action) || actions.contains("*"));
        }
    }
}
