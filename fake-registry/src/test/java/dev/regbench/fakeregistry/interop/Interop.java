package dev.regbench.fakeregistry.interop;

import dev.regbench.fakeregistry.peers.Tools;
import dev.regbench.fakeregistry.peers.Tools.Tool;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The one rule for interop tests: when a real tool is missing they skip, unless the system
 * property {@code regbench.interop.required=true} (set by CI) makes them fail naming the tool.
 * Stateless.
 */
final class Interop {

    static final String REQUIRED_PROPERTY = "regbench.interop.required";

    private Interop() {
    }

    /** Skips (or, when required, fails) the calling test unless every tool is installed. */
    static void requireTools(Tool... tools) {
        List<Tool> missing = Tools.missing(tools);
        if (missing.isEmpty()) {
            return;
        }
        String message = Tools.describeMissing(missing);
        if (Boolean.getBoolean(REQUIRED_PROPERTY)) {
            Assertions.fail(message + " — interop tests are required here (-D" + REQUIRED_PROPERTY + "=true)");
        }
        Assumptions.abort(message + " — skipping interop test (set -D" + REQUIRED_PROPERTY + "=true to fail instead)");
    }
}
