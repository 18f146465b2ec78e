package dev.regbench.harness.cli;

import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The {@code --bind ADDRESS} value of {@code registry} and {@code serve}: an IP literal, never a
 * name (no DNS look-up decides where a server listens). Default everywhere is 127.0.0.1; another
 * address is for deployments whose clients are on other hosts, such as a Kubernetes pod behind a
 * Service ({@code 0.0.0.0}).
 */
final class BindAddress implements ITypeConverter<String> {

    static final String LOOPBACK = "127.0.0.1";

    private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*");

    @Override
    public String convert(String value) {
        String v = value.startsWith("[") && value.endsWith("]") ? value.substring(1, value.length() - 1) : value;
        if (!IPV4.matcher(v).matches() && !IPV6.matcher(v).matches()) {
            throw new TypeConversionException("'" + value + "' is not an IP address (for example 127.0.0.1 or 0.0.0.0)");
        }
        return v;
    }

    /** Whether {@code address} is a loopback address, where only this machine can connect. */
    static boolean isLoopback(String address) {
        return address.startsWith("127.") || address.equals("::1");
    }
}
