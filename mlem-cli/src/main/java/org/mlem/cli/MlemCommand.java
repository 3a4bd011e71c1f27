package org.mlem.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code mlem}: the root of the command tree, holding the {@link Terminal} every command uses. Its
 * subcommands are listed in {@link CommandTree}, which builds only the branch a run needs.
 */
@Command(name = "mlem", mixinStandardHelpOptions = true, versionProvider = Version.class,
        footerHeading = "%nExamples:%n", footer = {
                "  ./mlem demo",
                "  ./mlem fit gmm --k 2 examples/faithful.csv",
                "  ./mlem fit gmm --help"},
        description = "Maximum likelihood (MLE) and expectation-maximisation (EM) from the command line. Exit status: "
                + "0 done, 2 a mistake in the command line or the data, 1 an internal fault.")
public final class MlemCommand implements Callable<Integer> {
    private final Terminal terminal;

    @Spec
    CommandSpec spec;

    MlemCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    Terminal terminal() {
        return terminal;
    }

    /** The terminal of the command tree that {@code spec} belongs to. */
    static Terminal terminal(CommandSpec spec) {
        return ((MlemCommand) spec.root().userObject()).terminal();
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(),
                "a command is needed: fit, select, predict, score, sample, decode, report, demo, convert, combine, anova or completion");
    }
}
