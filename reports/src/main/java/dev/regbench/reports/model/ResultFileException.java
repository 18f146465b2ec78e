package dev.regbench.reports.model;

import java.nio.file.Path;

/**
 * A result file that is missing, unreadable, malformed or of an unsupported schema. The
 * message starts with the file: {@code target/regbench/scenarios/quick/results.json: line 3,
 * column 5: Unexpected character ('}' …)}. Immutable; thread-safe.
 */
public final class ResultFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;

    public ResultFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    public ResultFileException(Path file, String problem) {
        this(file, problem, null);
    }

    /** The offending file. */
    public Path file() {
        return file;
    }
}
