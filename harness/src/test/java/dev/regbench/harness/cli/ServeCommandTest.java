package dev.regbench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code regbench serve} with a database that cannot be reached: one clear line and exit code 3. */
class ServeCommandTest {

    @TempDir
    Path tmp;

    @Test
    void databaseDownAtStart_isOneLineAndExitCode3_withoutThePassword() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        StringWriter err = new StringWriter();
        CommandLine cli = RegbenchCli.commandLine();
        cli.setErr(new PrintWriter(err, true));

        int exit = cli.execute("serve", "--port", "0", "--data-dir", tmp.toString(),
                "--db", "jdbc:postgresql://127.0.0.1:" + port + "/jobs?password=not-to-be-shown");

        assertThat(exit).isEqualTo(3);
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(err.toString()).startsWith("regbench serve: cannot reach the job store jdbc:postgresql://127.0.0.1:" + port
                + "/jobs").doesNotContain("not-to-be-shown");
    }
}
