package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.io.ModelJson;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The lazily built command tree ({@link CommandTree}) against the whole one, the reference: a run
 * that names a leaf command gets a tree of that branch only, whose leaf is the same command model
 * as the whole tree's, and a command line gives the same output and exit status either way.
 */
class CommandTreeTest {

    /**
     * Oracle: the whole tree. For every leaf command, the tree built for its name alone holds the
     * root, its group and that leaf only, and the leaf's options, positional parameters, names,
     * defaults (mlem-core's, through the default provider) and usage text equal the whole tree's.
     */
    @Test
    void everyLeafBuiltAloneEqualsTheWholeTreesLeaf() {
        List<CommandLine> leaves = leaves(tree(null));
        assertThat(leaves).as("leaf commands").hasSizeGreaterThan(25);
        for (CommandLine full : leaves) {
            String[] path = path(full.getCommandSpec());
            CommandLine lazy = leafOf(tree(path), path);
            assertThat(lazy).as(String.join(" ", path)).isNotNull();
            assertThat(describe(lazy)).as(String.join(" ", path)).isEqualTo(describe(full));
            assertThat(lazy.getUsageMessage()).as(String.join(" ", path)).isEqualTo(full.getUsageMessage());
        }
    }

    /** What is built: the branch for a leaf, the root alone for the version, the whole tree otherwise. */
    @Test
    void onlyRunsThatNeedTheWholeTreeBuildIt() {
        int whole = count(tree(null));
        assertThat(count(tree(new String[] {"fit", "gmm", "--k", "2", "x.csv"}))).isEqualTo(3);
        assertThat(count(tree(new String[] {"predict", "m.json", "x.csv"}))).isEqualTo(2);
        assertThat(count(tree(new String[] {"--version"}))).isEqualTo(1);
        for (String[] args : List.of(new String[] {"fit", "gmm", "--help"}, new String[] {"fit"}, new String[] {"fit", "gmmm"},
                new String[] {"completion", "bash"}, new String[] {}, new String[] {"--k", "fit", "gmm"},
                new String[] {"fit", "gmm", "-V"})) {
            assertThat(count(tree(args))).as(String.join(" ", args)).isEqualTo(whole);
        }
        assertThat(count(Main.commandLine(terminal(), new String[] {"fit", "gmm"}, true))).isEqualTo(whole);
    }

    /**
     * Oracle: the whole tree ({@code -Dmlem.cli.fullTree=true}'s path). Each command line prints the
     * same bytes on both streams and exits with the same status on both trees; fits are compared
     * as JSON without their {@code seconds}, the only field that differs between two runs.
     */
    @Test
    void bothTreesGiveTheSameOutput(@TempDir Path dir) throws IOException {
        String csv = Cli.file(dir, "x.csv", "x,y\n1.5,2\n2.25,1\n0.75,4\n3.5,3\n1.25,2\n2.5,5\n");
        List<String[]> lines = List.of(
                new String[] {"--version"},
                new String[] {"fit", "dist", "--family", "gamma", "--column", "x", "--json", csv},
                new String[] {"fit", "gmm", "--kk", "2", csv},
                new String[] {"fit", "gmm", "--k", "0", csv},
                new String[] {"fit", "dist", "--family", "gama", csv},
                new String[] {"fit", "dist", "--family", "gamma", csv, "extra"},
                new String[] {"fit", "gmmm", csv},
                new String[] {"predict"});
        for (String[] args : lines) {
            Cli.Run lazy = run(args, false);
            Cli.Run full = run(args, true);
            String line = String.join(" ", args);
            assertThat(lazy.status()).as(line + "\n" + lazy.err()).isEqualTo(full.status());
            assertThat(lazy.err()).as(line).isEqualTo(full.err());
            if (Arrays.asList(args).contains("--json")) {
                assertThat(lazy.status()).as(line + "\n" + lazy.err()).isZero();
                assertThat(withoutSeconds(lazy.out())).as(line).isEqualTo(withoutSeconds(full.out()));
            } else {
                assertThat(lazy.out()).as(line).isEqualTo(full.out());
            }
        }
    }

    private static Cli.Run run(String[] args, boolean fullTree) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, fullTree);
        return new Cli.Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static JsonNode withoutSeconds(String json) throws IOException {
        JsonNode node = ModelJson.mapper().readTree(json);
        ((ObjectNode) node).remove("seconds");
        return node;
    }

    private static Terminal terminal() {
        return new Terminal(new ByteArrayInputStream(new byte[0]), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()), false);
    }

    /** The configured tree for {@code args}, or the whole tree when {@code args} is null. */
    private static CommandLine tree(String[] args) {
        return args == null ? Main.commandLine(terminal()) : Main.commandLine(terminal(), args, false);
    }

    private static List<CommandLine> leaves(CommandLine root) {
        List<CommandLine> leaves = new ArrayList<>();
        Deque<CommandLine> todo = new ArrayDeque<>(List.of(root));
        while (!todo.isEmpty()) {
            CommandLine cl = todo.pop();
            if (cl.getSubcommands().isEmpty()) {
                leaves.add(cl);
            }
            cl.getSubcommands().values().stream().distinct().forEach(todo::add);
        }
        return leaves;
    }

    private static int count(CommandLine root) {
        int n = 1;
        for (CommandLine sub : root.getSubcommands().values().stream().distinct().toList()) {
            n += count(sub);
        }
        return n;
    }

    /** The names below the root, e.g. {@code [fit, gmm]}. */
    private static String[] path(CommandSpec spec) {
        String[] names = spec.qualifiedName(" ").split(" ");
        return Arrays.copyOfRange(names, 1, names.length);
    }

    private static CommandLine leafOf(CommandLine root, String[] path) {
        CommandLine cl = root;
        for (String name : path) {
            cl = cl == null ? null : cl.getSubcommands().get(name);
        }
        return cl;
    }

    /** Everything of a command's model that parsing, defaults and messages read. */
    private static String describe(CommandLine cl) {
        CommandSpec spec = cl.getCommandSpec();
        StringBuilder s = new StringBuilder(spec.qualifiedName(" ")).append(' ').append(Arrays.toString(spec.aliases()))
                .append(" class ").append(spec.userObject().getClass().getName())
                .append(" mixins ").append(spec.mixins().keySet()).append('\n');
        for (OptionSpec o : spec.options()) {
            s.append(Arrays.toString(o.names())).append(" negatable ").append(o.negatable()).append(" order ").append(o.order());
            arg(s, o);
        }
        for (PositionalParamSpec p : spec.positionalParameters()) {
            s.append("positional ").append(p.index());
            arg(s, p);
        }
        s.append("parser ").append(spec.parser().caseInsensitiveEnumValuesAllowed()).append(' ')
                .append(spec.parser().unmatchedArgumentsAllowed()).append(" default provider ")
                .append(spec.defaultValueProvider() == null ? null : spec.defaultValueProvider().getClass().getName());
        return s.toString();
    }

    private static void arg(StringBuilder s, ArgSpec a) {
        s.append(" arity ").append(a.arity()).append(" type ").append(a.type().getName())
                .append(" aux ").append(Arrays.toString(a.auxiliaryTypes())).append(" label ").append(a.paramLabel())
                .append(" required ").append(a.required()).append(" hidden ").append(a.hidden())
                .append(" default ").append(a.defaultValueString()).append(" split ").append(a.splitRegex())
                .append(" description ").append(Arrays.toString(a.description()))
                .append(" completion ").append(a.completionCandidates() == null ? null : String.join(",", a.completionCandidates()))
                .append(" scope ").append(a.scopeType()).append('\n');
    }
}
