package org.mlem.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code mlem fit MODEL}: each model is a subcommand (listed in {@link CommandTree}). */
@Command(name = "fit", mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n", footer = {
                "  ./mlem fit gmm --k 2 examples/faithful.csv",
                "  ./mlem fit dist --family gamma --column eruptions examples/faithful.csv",
                "  ./mlem fit glm --family binomial --formula \"am ~ hp + wt\" examples/mtcars.csv"},
        header = "Fit a model to a CSV file by maximum likelihood.", versionProvider = Version.class,
        description = "Fit a model to a CSV file by maximum likelihood (EM where something is hidden).")
public final class FitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "a model is needed: " + String.join(", ", spec.subcommands().keySet()));
    }
}
