package dev.regbench.reports.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Where a result was measured. Immutable; thread-safe.
 *
 * @param jdk      Java version, e.g. "17.0.15"
 * @param jvm      VM name and vendor, e.g. "OpenJDK 64-Bit Server VM (Eclipse Adoptium)"
 * @param cores    available processors
 * @param os       OS name and version
 * @param arch     CPU architecture
 * @param commit   git commit of regbench (short or full hash; "unknown" outside a repo)
 * @param hostname optional host name (null when not recorded)
 * @param date     ISO-8601 instant of the start of the run
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Environment(String jdk, String jvm, int cores, String os, String arch, String commit,
                          String hostname, String date) {

    /** The environment of the current JVM, with the given commit and date. */
    public static Environment current(String commit, String isoDate) {
        Runtime rt = Runtime.getRuntime();
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = null;
        }
        return new Environment(System.getProperty("java.version"),
                System.getProperty("java.vm.name") + " (" + System.getProperty("java.vm.vendor") + ")",
                rt.availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("os.arch"), commit, host, isoDate);
    }
}
