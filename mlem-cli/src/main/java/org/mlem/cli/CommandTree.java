package org.mlem.cli;

import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code mlem} command tree, built whole or only along the branch a command line invokes.
 *
 * <p>Picocli builds a command's model by reflection over its class, options and mixins, and doing
 * that for every command cost most of a short run's CPU time (over a second of {@code mlem
 * --version} on a loaded machine). So the subcommands are listed here rather than in the
 * {@code @Command} annotations, and a command line that names a leaf command ({@code fit gmm},
 * {@code predict}) gets a tree of the root, its group and that leaf only. Every other command line
 * gets the whole tree: help anywhere, a group without its model, an unknown command, a mistake
 * before the command's name, completion (which writes the whole tree), and any run with
 * {@code -Dmlem.cli.fullTree=true}. The leaf's model is the same either way
 * ({@code CommandTreeTest}), so its parsing, messages and output are too.
 */
final class CommandTree {
    /** The system property that makes every run build the whole tree, as before the lazy build. */
    static final String FULL_TREE_PROPERTY = "mlem.cli.fullTree";

    /** The root's subcommands, in the order its help lists them. */
    static final List<Class<?>> TOP = List.of(FitCommand.class, SelectCommand.class, PredictCommand.class,
            ScoreCommand.class, SampleCommand.class, DecodeCommand.class, DemoCommand.class, ConvertCommand.class,
            CombineCommand.class, CompletionCommand.class, ReportCommand.class, AnovaCommand.class);

    /** The subcommands of each group command, in the order its help lists them. */
    static final Map<Class<?>, List<Class<?>>> GROUPS = Map.of(
            FitCommand.class, List.of(FitGmmCommand.class, FitDistCommand.class, FitGlmCommand.class, FitNlsCommand.class,
                    FitHmmCommand.class, FitMvnCommand.class, FitTmixCommand.class, FitMixtureCommand.class,
                    FitRegmixCommand.class, FitGmmdaCommand.class, FitSurvregCommand.class, FitTobitCommand.class,
                    FitTurnbullCommand.class, FitZeroinflCommand.class, FitHurdleCommand.class),
            SelectCommand.class, List.of(SelectGmmCommand.class, SelectTmixCommand.class, SelectMixtureCommand.class,
                    SelectRegmixCommand.class, SelectHmmCommand.class, SelectDistCommand.class));

    /** Commands that read the whole tree when they run. */
    private static final Set<Class<?>> NEED_WHOLE_TREE = Set.of(CompletionCommand.class);

    /** Arguments that ask for help or the version, which may describe the tree around the command. */
    private static final Set<String> HELP = Set.of("-h", "--help", "-V", "--version");

    private CommandTree() {}

    /** {@code root} with every command below it. */
    static CommandLine whole(MlemCommand root) {
        CommandLine cl = new CommandLine(root);
        for (Class<?> top : TOP) {
            CommandLine sub = new CommandLine(top);
            for (Class<?> leaf : GROUPS.getOrDefault(top, List.of())) {
                sub.addSubcommand(leaf);
            }
            cl.addSubcommand(sub);
        }
        return cl;
    }

    /**
     * {@code root} with the commands {@code args} invokes: only its branch when that is all the
     * run can need, else (see the class comment) the whole tree.
     */
    static CommandLine forArguments(MlemCommand root, String[] args, boolean fullTree) {
        if (fullTree) {
            return whole(root);
        }
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            return new CommandLine(root);
        }
        for (String a : args) {
            if (HELP.contains(a)) {
                return whole(root);
            }
        }
        Class<?> top = args.length > 0 ? named(TOP, args[0]) : null;
        if (top == null || NEED_WHOLE_TREE.contains(top)) {
            return whole(root);
        }
        List<Class<?>> leaves = GROUPS.get(top);
        if (leaves == null) {
            return new CommandLine(root).addSubcommand(top);
        }
        Class<?> leaf = args.length > 1 ? named(leaves, args[1]) : null;
        if (leaf == null) {
            return whole(root);
        }
        return new CommandLine(root).addSubcommand(new CommandLine(top).addSubcommand(leaf));
    }

    /** Whether {@code -Dmlem.cli.fullTree=true} was given. */
    static boolean fullTreeRequested() {
        return Boolean.getBoolean(FULL_TREE_PROPERTY);
    }

    /** The command among {@code commands} whose name or alias is {@code arg}, or null. */
    private static Class<?> named(List<Class<?>> commands, String arg) {
        for (Class<?> c : commands) {
            Command command = c.getAnnotation(Command.class);
            if (command.name().equals(arg) || List.of(command.aliases()).contains(arg)) {
                return c;
            }
        }
        return null;
    }
}
