package dev.regbench.reports;

import dev.regbench.reports.model.ResultFileException;
import dev.regbench.reports.render.ReportFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Minimal command line for rendering without the harness jar (used by
 * {@code scripts/screenshot-report.sh}):
 * {@code java -cp … dev.regbench.reports.ReportMain [--out DIR] [--format html,markdown,json]
 * [--claims FILE] RESULT_DIR…}. Default output {@code target/regbench/report}. Exit 1 with
 * one line naming the file on bad input, 2 on bad usage. The {@code regbench report} command
 * of the harness is the user-facing entry. Not thread-safe (a main).
 */
public final class ReportMain {
    private ReportMain() {
    }

    public static void main(String[] args) {
        Path out = Path.of("target/regbench/report");
        Path claims = null;
        Set<ReportFormat> formats = EnumSet.allOf(ReportFormat.class);
        List<Path> dirs = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--out" -> out = Path.of(value(args, ++i, "--out"));
                    case "--claims" -> claims = Path.of(value(args, ++i, "--claims"));
                    case "--format" -> {
                        formats = EnumSet.noneOf(ReportFormat.class);
                        for (String f : value(args, ++i, "--format").split(",")) {
                            formats.add(ReportFormat.parse(f));
                        }
                    }
                    default -> dirs.add(Path.of(args[i]));
                }
            }
            if (dirs.isEmpty()) {
                throw new IllegalArgumentException("usage: ReportMain [--out DIR] [--format html,markdown,json] "
                        + "[--claims FILE] RESULT_DIR...");
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
        try {
            for (Path p : Report.render(dirs, out, formats, claims)) {
                System.out.println(p.toAbsolutePath());
            }
        } catch (ResultFileException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
