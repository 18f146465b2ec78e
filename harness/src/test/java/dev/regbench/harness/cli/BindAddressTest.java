package dev.regbench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class BindAddressTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"127.0.0.1,127.0.0.1", "0.0.0.0,0.0.0.0", "10.1.2.3,10.1.2.3", "::1,::1", "[::],::"})
    void ipLiterals_areAccepted(String given, String bound) {
        assertThat(new BindAddress().convert(given)).isEqualTo(bound);
    }

    @ParameterizedTest(name = "registry and serve refuse --bind {0}")
    @ValueSource(strings = {"localhost", "example.com", "256.0.0.1", "1.2.3", ""})
    void namesAndBadAddresses_areUsageErrorsNamingTheFlag(String given) {
        for (String command : new String[] {"registry", "serve"}) {
            CommandLine cli = RegbenchCli.commandLine();
            StringWriter err = new StringWriter();
            cli.setErr(new PrintWriter(err));
            int code = cli.execute(command, "--bind", given, "--port", "0");
            assertThat(code).as(command).isEqualTo(2);
            assertThat(err.toString()).as(command).contains("--bind").contains("is not an IP address");
        }
    }

    @ParameterizedTest
    @CsvSource({"127.0.0.1,true", "127.5.5.5,true", "::1,true", "0.0.0.0,false", "10.0.0.1,false"})
    void loopback_isTold(String address, boolean loopback) {
        assertThat(BindAddress.isLoopback(address)).isEqualTo(loopback);
    }
}
