package dev.regbench.fakeregistry.dataset;

/**
 * An image platform, written {@code os/architecture[/variant]} ({@code linux/arm64/v8}).
 *
 * <p>Immutable.
 */
record Platform(String os, String architecture, String variant) {

    static Platform parse(String text) {
        String[] parts = text.split("/");
        if (parts.length < 2 || parts.length > 3 || parts[0].isBlank() || parts[1].isBlank()) {
            throw new IllegalArgumentException("bad platform '" + text
                    + "' (expected os/architecture[/variant], e.g. linux/arm64/v8)");
        }
        return new Platform(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
    }

    @Override
    public String toString() {
        return os + "/" + architecture + (variant == null ? "" : "/" + variant);
    }
}
