package dev.regbench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regbench.engine.registry.CredentialResolver;
import dev.regbench.fakeregistry.FakeRegistry;
import dev.regbench.fakeregistry.auth.AuthConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code regbench replicate} as a user runs it: exit codes, one-line errors, no password in any
 * output (stdout, stderr, the JSON file), credentials from a file or stdin, plain progress lines
 * when stderr is not a terminal, and no SLF4J warnings.
 */
class ReplicateCommandTest {

    private static final String SECRET = "s3cretPW";
    private static final AuthConfig ALICE = AuthConfig.token(Map.of("alice", SECRET), Duration.ofMinutes(5));

    @TempDir
    Path dir;

    /** The outcome of one in-process run. */
    record Run(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private Run run(Map<String, String> env, String stdin, String... args) {
        ReplicateCommand command = new ReplicateCommand();
        command.resolver = new CredentialResolver(env, null);
        command.stderrTerminal = false;
        command.stdin = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setExecutionExceptionHandler(new OneLineErrors());
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private Run run(String... args) {
        return run(Map.of(), "", args);
    }

    @Test
    void passwordInTheReference_exits2AndIsNeverEchoed() {
        Run r = run("http://alice:" + SECRET + "@127.0.0.1:15001/tiny/app0", "127.0.0.1:15002/tiny/app0");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("<redacted>@127.0.0.1:15001").contains("--creds-file");
        assertThat(r.all()).doesNotContain(SECRET);
    }

    @Test
    void portOutOfRange_isBadInputExit2() {
        Run r = run("127.0.0.1:99999/tiny/app0", "127.0.0.1:15002/tiny/app0");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("port 99999 is out of range").hasLineCount(1);
    }

    @Test
    void unscopedEnvironmentCredentials_areRefusedNamingWhatToSet() {
        Run r = run(Map.of("REGBENCH_USERNAME", "alice", "REGBENCH_PASSWORD", SECRET), "",
                "127.0.0.1:15001/tiny/app0", "127.0.0.1:15002/tiny/app0");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("REGBENCH_SOURCE_USERNAME").contains("REGBENCH_DEST_USERNAME");
        assertThat(r.all()).doesNotContain(SECRET);
    }

    @Test
    void wrongPasswordFromAFile_failsWithoutEchoingIt() throws Exception {
        Path file = dir.resolve("creds");
        Files.writeString(file, "alice:wrong-" + SECRET + "\n");
        try (FakeRegistry src = FakeRegistry.builder().dataset("tiny").auth(ALICE).start();
             FakeRegistry dst = FakeRegistry.builder().start()) {
            Path json = dir.resolve("out.json");
            Run r = run("--creds-file", file.toString(), "--json", json.toString(), src.host() + "/tiny/app0",
                    dst.host() + "/tiny/app0");
            assertThat(r.code()).isEqualTo(3);
            assertThat(r.err()).contains("alice");
            assertThat(r.all()).doesNotContain(SECRET);
            if (Files.exists(json)) {
                assertThat(Files.readString(json)).doesNotContain(SECRET);
            }
        }
    }

    @Test
    void credentialsFromStdin_copyAndNoOutputHoldsThePasswordOrACarriageReturn() throws Exception {
        try (FakeRegistry src = FakeRegistry.builder().dataset("tiny").auth(ALICE).start();
             FakeRegistry dst = FakeRegistry.builder().auth(ALICE).start()) {
            Path json = dir.resolve("stats.json");
            Run r = run(Map.of("REGBENCH_DEST_USERNAME", "alice", "REGBENCH_DEST_PASSWORD", SECRET),
                    "alice:" + SECRET + "\n", "--creds-file", "-", "--json", json.toString(),
                    src.host() + "/tiny/app0", dst.host() + "/tiny/app0");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.all()).doesNotContain(SECRET);
            assertThat(Files.readString(json)).doesNotContain(SECRET).contains("\"success\" : true");
            assertThat(r.err()).as("plain progress lines off a terminal").doesNotContain("\r")
                    .contains("replicate: 3/3 tags");
        }
    }

    /**
     * A registry that accepts and never answers (the source here, checked first; a silent destination
     * takes the same path a moment later): the run ends after the attempts' deadlines, naming them.
     */
    @Test
    void silentRegistry_endsNamingTheOperationTheDeadlineAndTheAttempts() throws Exception {
        Path config = dir.resolve("fast.yaml");
        Files.writeString(config, "name: fast\nretry: {maxAttempts: 3, baseDelay: 1ms, maxDelay: 5ms}\n"
                + "timeouts: {manifest: 300ms}\n");
        AtomicInteger accepted = new AtomicInteger();
        List<Socket> held = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!silent.isClosed()) {
                    try {
                        Socket s = silent.accept();
                        synchronized (held) {
                            held.add(s);
                        }
                        accepted.incrementAndGet();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String host = "127.0.0.1:" + silent.getLocalPort();
            Run r = run("--config", config.toString(), host + "/tiny/app0", "127.0.0.1:9/tiny/app0");
            assertThat(r.code()).isEqualTo(3);
            assertThat(r.err()).contains("checking registry " + host).contains("deadline of 300 ms exceeded")
                    .contains("gave up after 3 attempts").hasLineCount(1);
            // no connection beyond the budget (an attempt whose deadline passes before it connects, as on a
            // heavily loaded machine, opens none)
            assertThat(accepted.get()).as("connections: at most one per attempt").isBetween(1, 3);
            silent.close();
            acceptor.join(5_000);
        } finally {
            synchronized (held) {
                for (Socket s : held) {
                    s.close();
                }
            }
        }
    }

    /** The real launcher in a child JVM, stderr to a file (not a terminal): no SLF4J lines, no CR frames. */
    @Test
    void replicateInItsOwnProcess_printsNoSlf4jWarningsAndNoCarriageReturns() throws Exception {
        try (FakeRegistry src = FakeRegistry.builder().dataset("tiny").start();
             FakeRegistry dst = FakeRegistry.builder().start()) {
            Path err = dir.resolve("stderr.txt");
            Path out = dir.resolve("stdout.txt");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    RegbenchCli.class.getName(), "replicate", src.host() + "/tiny/app0", dst.host() + "/tiny/app0")
                    .redirectError(err.toFile()).redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
            p.getOutputStream().close();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("replicate did not end within 120 s");
            }
            String stderr = Files.readString(err);
            assertThat(p.exitValue()).as(stderr).isZero();
            assertThat(stderr).doesNotContain("SLF4J").doesNotContain("\r").contains("replicate: 3/3 tags");
        }
    }
}
