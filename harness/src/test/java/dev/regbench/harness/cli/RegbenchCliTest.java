package dev.regbench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The one-subcommand fast path builds the same command as the full command line. */
class RegbenchCliTest {

    @Test
    void eachSubcommandAlone_hasTheOptionsAndUsageNameOfTheFullCommandLine() {
        Map<String, CommandLine> full = RegbenchCli.commandLine().getSubcommands();
        int checked = 0;
        for (Map.Entry<String, CommandLine> e : full.entrySet()) {
            CommandLine alone = RegbenchCli.subcommand(e.getKey());
            if (e.getKey().equals("help")) {
                assertThat(alone).isNull();                 // help needs its parent: the full path
                continue;
            }
            assertThat(alone).as(e.getKey()).isNotNull();
            assertThat(new TreeSet<>(alone.getCommandSpec().optionsMap().keySet()))
                    .as(e.getKey()).isEqualTo(new TreeSet<>(e.getValue().getCommandSpec().optionsMap().keySet()));
            assertThat(alone.getUsageMessage(CommandLine.Help.Ansi.OFF)).as(e.getKey())
                    .startsWith("Usage: regbench " + e.getKey());
            checked++;
        }
        assertThat(checked).isEqualTo(full.size() - 1);
        assertThat(RegbenchCli.subcommand("no-such-command")).isNull();
        assertThat(RegbenchCli.subcommand("--version")).isNull();
    }
}
