package dev.regbench.fakeregistry.peers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Says whether the external programs regbench drives as real peers are installed, and where.
 *
 * <p>A tool is looked up first in the system property {@code regbench.tool.<name>} (an
 * absolute path, e.g. {@code -Dregbench.tool.skopeo=/opt/bin/skopeo}), then in {@code PATH},
 * then in the Debian location. Stateless and thread-safe.
 */
public final class Tools {

    /** The external programs regbench knows how to drive. */
    public enum Tool {
        /** skopeo, a real registry client (Debian package {@code skopeo}). */
        SKOPEO("skopeo", "/usr/bin/skopeo", "skopeo"),
        /** The CNCF distribution registry (Debian package {@code docker-registry}). */
        DISTRIBUTION("docker-registry", "/usr/bin/docker-registry", "docker-registry"),
        /** nginx, the static-file ceiling in the serving benchmark. */
        NGINX("nginx", "/usr/sbin/nginx", "nginx"),
        /** wrk, the HTTP load generator of the serving benchmark. */
        WRK("wrk", "/usr/bin/wrk", "wrk");

        private final String command;
        private final String debianPath;
        private final String debianPackage;

        Tool(String command, String debianPath, String debianPackage) {
            this.command = command;
            this.debianPath = debianPath;
            this.debianPackage = debianPackage;
        }

        /** The executable's file name, e.g. {@code docker-registry}. */
        public String command() {
            return command;
        }

        /** The Debian package that installs it. */
        public String debianPackage() {
            return debianPackage;
        }

        String propertyName() {
            return "regbench.tool." + name().toLowerCase(Locale.ROOT);
        }
    }

    private Tools() {
    }

    /** Where {@code tool} is installed, or empty when it is not found or not executable. */
    public static Optional<Path> locate(Tool tool) {
        String override = System.getProperty(tool.propertyName());
        if (override != null && !override.isBlank()) {
            Path p = Path.of(override);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        String pathEnv = System.getenv("PATH");
        if (pathEnv != null) {
            for (String dir : pathEnv.split(java.io.File.pathSeparator)) {
                if (dir.isEmpty()) {
                    continue;
                }
                Path candidate = Path.of(dir, tool.command());
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        Path debian = Path.of(tool.debianPath);
        return Files.isExecutable(debian) ? Optional.of(debian) : Optional.empty();
    }

    /** Whether {@code tool} is installed. */
    public static boolean present(Tool tool) {
        return locate(tool).isPresent();
    }

    /**
     * The path of {@code tool}.
     *
     * @throws ToolMissingException naming the tool, where it was looked for and how to install it
     */
    public static Path require(Tool tool) {
        return locate(tool).orElseThrow(() -> new ToolMissingException(describeMissing(List.of(tool))));
    }

    /** The tools among {@code tools} that are not installed, in the order given. */
    public static List<Tool> missing(Tool... tools) {
        List<Tool> missing = new ArrayList<>();
        for (Tool t : tools) {
            if (!present(t)) {
                missing.add(t);
            }
        }
        return missing;
    }

    /** A sentence naming each missing tool, where it was looked for, and its Debian package. */
    public static String describeMissing(List<Tool> missing) {
        StringBuilder sb = new StringBuilder("missing tool(s): ");
        for (int i = 0; i < missing.size(); i++) {
            Tool t = missing.get(i);
            if (i > 0) {
                sb.append("; ");
            }
            String override = System.getProperty(t.propertyName());
            sb.append(t.command());
            if (override != null && !override.isBlank()) {
                sb.append(" (-D").append(t.propertyName()).append("=").append(override).append(" is not an executable file");
            } else {
                sb.append(" (not in PATH, not at ").append(t.debianPath).append(", -D").append(t.propertyName()).append(" unset");
            }
            sb.append("; install with `apt-get install -y ").append(t.debianPackage()).append("`)");
        }
        return sb.toString();
    }

    /** Thrown when a required external program is not installed. */
    public static final class ToolMissingException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        ToolMissingException(String message) {
            super(message);
        }
    }
}
