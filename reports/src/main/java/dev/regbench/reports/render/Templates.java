package dev.regbench.reports.render;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Renders the Mustache templates kept as resources in {@code dev/regbench/reports/render/}:
 * HTML-escaped for the HTML report, unescaped for Markdown. Thread-safe: mustache.java
 * factories and compiled templates may be shared.
 */
final class Templates {
    private static final String ROOT = "dev/regbench/reports/render";
    /** Escapes only what HTML needs (mustache.java's default also escapes '=' and '`'). */
    private static final MustacheFactory HTML = new DefaultMustacheFactory(ROOT) {
        @Override
        public void encode(String value, Writer writer) {
            try {
                for (int i = 0; i < value.length(); i++) {
                    char c = value.charAt(i);
                    switch (c) {
                        case '&' -> writer.write("&amp;");
                        case '<' -> writer.write("&lt;");
                        case '>' -> writer.write("&gt;");
                        case '"' -> writer.write("&quot;");
                        case '\'' -> writer.write("&#39;");
                        default -> writer.write(c);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };
    private static final MustacheFactory PLAIN = new DefaultMustacheFactory(ROOT) {
        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    private Templates() {
    }

    static String html(String template, Object model) {
        return render(HTML, template, model);
    }

    static String plain(String template, Object model) {
        return render(PLAIN, template, model);
    }

    private static String render(MustacheFactory factory, String template, Object model) {
        Mustache m = factory.compile(template);
        StringWriter out = new StringWriter();
        m.execute(out, model);
        return out.toString();
    }
}
