package dev.regbench.reports.render;

import dev.regbench.reports.charts.Svg;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jfree.chart.JFreeChart;

/**
 * Writes the report's charts into {@code OUT/charts/} with unique, readable file names and
 * returns the relative paths the HTML links to. Not thread-safe: one per report.
 */
class ChartFiles {
    private final Path dir;
    private final Set<String> names = new HashSet<>();
    private final List<Path> written = new ArrayList<>();

    ChartFiles(Path outDir) {
        this.dir = outDir.resolve("charts");
    }

    /** Writes the chart as SVG; returns {@code charts/<slug>.svg}. */
    String write(String name, JFreeChart chart, int width, int height) {
        String slug = slug(name);
        String unique = slug;
        for (int i = 2; !names.add(unique); i++) {
            unique = slug + "-" + i;
        }
        Path file = dir.resolve(unique + ".svg");
        Svg.write(chart, width, height, file);
        written.add(file);
        return "charts/" + unique + ".svg";
    }

    List<Path> written() {
        return List.copyOf(written);
    }

    static String slug(String s) {
        String v = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return v.isEmpty() ? "chart" : v;
    }
}
