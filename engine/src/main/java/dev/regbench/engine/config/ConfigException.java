package dev.regbench.engine.config;

/**
 * A tuning config that cannot be used: unreadable file, YAML syntax, unknown key or bad value.
 * The message is one line that starts with the source (file name) and names the key, e.g.
 * {@code configs/x.yaml: unknown key 'transport.maxTotl' (known: connectTimeout, ...)}.
 * Immutable.
 */
public final class ConfigException extends RuntimeException {

    private final String source;
    private final String key;

    public ConfigException(String source, String key, String problem, Throwable cause) {
        super(source + ": " + (key == null || key.isEmpty() ? "" : key + ": ") + problem, cause);
        this.source = source;
        this.key = key;
    }

    /** Where the config came from: a file name, or a description such as {@code with(...)}. */
    public String source() {
        return source;
    }

    /** The dotted key at fault ({@code transport.maxTotal}), or empty when it is the whole file. */
    public String key() {
        return key == null ? "" : key;
    }
}
