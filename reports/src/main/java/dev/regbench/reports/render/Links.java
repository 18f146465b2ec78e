package dev.regbench.reports.render;

import java.nio.file.Path;

/**
 * Links from the report to files beside it: relative when possible (the report folder can be
 * moved together with the results), a {@code file:} URI otherwise. Stateless; thread-safe.
 */
final class Links {
    private Links() {
    }

    /** A path for display: relative to the working directory when inside it, else as given. */
    static String display(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath().normalize();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : p.toString();
    }

    static String relative(Path outDir, Path target) {
        Path from = outDir.toAbsolutePath().normalize();
        Path to = target.toAbsolutePath().normalize();
        try {
            return from.relativize(to).toString().replace('\\', '/');
        } catch (IllegalArgumentException e) {
            return to.toUri().toString();
        }
    }
}
