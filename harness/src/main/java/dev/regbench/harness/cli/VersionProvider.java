package dev.regbench.harness.cli;

import picocli.CommandLine.IVersionProvider;

/**
 * The version from the jar manifest, else from {@code version.properties} (filtered by the build;
 * the container image runs from classes, without the jar's manifest), else "dev".
 */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = RegbenchCli.class.getPackage().getImplementationVersion();
        if (version == null) {
            try (java.io.InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    java.util.Properties p = new java.util.Properties();
                    p.load(in);
                    String v = p.getProperty("version", "");
                    version = v.isBlank() || v.contains("${") ? null : v;
                }
            } catch (java.io.IOException e) {
                version = null;
            }
        }
        return new String[] {"regbench " + (version == null ? "dev" : version),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
    }
}
