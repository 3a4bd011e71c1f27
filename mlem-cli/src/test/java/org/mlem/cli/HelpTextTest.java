package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every command's help text renders cleanly: picocli formats each description with
 * {@link String#format}, and a stray {@code %} makes it print a warning to the JVM's standard error
 * and the raw text instead (it did, for "95%"). Every help teaches: it ends with examples that
 * parse, and shows the default of every option that has one.
 */
@Isolated("captures the JVM's standard error, which another test class's run would write into")
class HelpTextTest {

    @Test
    void everyCommandsHelpRendersWithoutPicocliWarnings() {
        CommandLine root = ShellLines.newCommandLine();
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

    /** Every command of the tree, the root first. */
    private static List<CommandLine> everyCommand() {
        List<CommandLine> all = new ArrayList<>();
        Deque<CommandLine> todo = new ArrayDeque<>();
        todo.add(ShellLines.newCommandLine());
        while (!todo.isEmpty()) {
            CommandLine cl = todo.pop();
            all.add(cl);
            todo.addAll(cl.getSubcommands().values());
        }
        return all;
    }

    /**
     * Oracle: picocli's own parser. Each help has an "Examples:" section whose every {@code ./mlem}
     * line (continuations joined) parses on a new command tree, at least one of them runs the command
     * itself (or, for a group, one of its subcommands), and no line is wider than the 80 columns a
     * help renders in without wrapping.
     */
    @Test
    void everyCommandsHelpHasExamplesThatParse() {
        List<CommandLine> commands = everyCommand();
        CommandLine mlem = ShellLines.newCommandLine();
        for (CommandLine cl : commands) {
            CommandSpec spec = cl.getCommandSpec();
            String name = spec.qualifiedName();
            assertThat(cl.getUsageMessage()).as(name).contains("Examples:");
            String[] footer = spec.usageMessage().footer();
            assertThat(footer).as(name + "'s examples").isNotEmpty();
            int ofThisCommand = 0;
            for (String line : ShellLines.joinContinuations(Arrays.asList(footer))) {
                assertThat(ShellLines.mlemArguments(line)).as(name + ": an example that is not an ./mlem command line: " + line)
                        .isNotNull();
                String leaf = ShellLines.leaf(ShellLines.parse(mlem, name + "'s help", line));
                if ((leaf + " ").startsWith(name + " ")) {
                    ofThisCommand++;
                }
            }
            assertThat(ofThisCommand).as(name + ": examples that run it").isPositive();
            for (String line : footer) {
                assertThat(line.length()).as(name + ": example wider than 80 columns: " + line).isLessThanOrEqualTo(80);
            }
        }
        assertThat(commands).as("commands").hasSizeGreaterThan(15);
    }

    /**
     * Oracle: picocli's default values (annotations and {@link CoreDefaults}). Every option taking a
     * value that has a default says so in its description, and no rendered help shows a default of
     * "null" (an option pointing at ${DEFAULT-VALUE} without one).
     */
    @Test
    void everyOptionsDefaultIsShown() {
        for (CommandLine cl : everyCommand()) {
            String name = cl.getCommandSpec().qualifiedName();
            for (OptionSpec o : cl.getCommandSpec().options()) {
                if (o.usageHelp() || o.versionHelp() || o.arity().max() == 0) {
                    continue;
                }
                String provided = cl.getDefaultValueProvider() == null ? null : defaultOf(cl, o);
                String shown = o.defaultValue() != null ? o.defaultValue() : provided;
                if (shown != null) {
                    assertThat(String.join(" ", o.description())).as(name + " " + o.longestName() + " (default " + shown + ")")
                            .containsAnyOf("${DEFAULT-VALUE}", "default");
                }
            }
            assertThat(cl.getUsageMessage()).as(name).doesNotContain("default: null");
        }
    }

    private static String defaultOf(CommandLine cl, OptionSpec o) {
        try {
            return cl.getDefaultValueProvider().defaultValue(o);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
