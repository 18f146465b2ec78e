package dev.regbench.engine.config;

/** Validation helpers for the config records; every message starts with the dotted key. */
final class Checks {

    private Checks() {
    }

    static int atLeast(int value, int min, String key) {
        if (value < min) {
            throw new IllegalArgumentException(key + ": must be at least " + min + ", was " + value);
        }
        return value;
    }

    static int between(int value, int min, int max, String key) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    key + ": must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    static <T> T present(T value, String key) {
        if (value == null) {
            throw new IllegalArgumentException(key + ": a value is required");
        }
        return value;
    }

    static Size sizeAtLeast(Size value, long minBytes, String key) {
        present(value, key);
        if (value.bytes() < minBytes) {
            throw new IllegalArgumentException(
                    key + ": must be at least " + Size.ofBytes(minBytes) + ", was " + value);
        }
        return value;
    }
}
