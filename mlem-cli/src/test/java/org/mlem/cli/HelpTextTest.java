package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command's help text renders cleanly: picocli formats each description with
 * {@link String#format}, and a stray {@code %} makes it print a warning to the JVM's standard error
 * and the raw text instead (it did, for "95%").
 */
class HelpTextTest {

    @Test
    void everyCommandsHelpRendersWithoutPicocliWarnings() {
        CommandLine root = Main.commandLine(new Terminal(new ByteArrayInputStream(new byte[0]),
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), false));
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        int commands = 0;
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        try {
            Deque<CommandLine> todo = new ArrayDeque<>();
            todo.add(root);
            while (!todo.isEmpty()) {
                CommandLine cl = todo.pop();
                todo.addAll(cl.getSubcommands().values());
                assertThat(cl.getUsageMessage()).as(cl.getCommandSpec().qualifiedName()).isNotBlank()
                        .doesNotContain("%n");
                commands++;
            }
        } finally {
            System.setErr(saved);
        }
        assertThat(warnings.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(commands).as("commands rendered").isGreaterThan(15);
    }
}
