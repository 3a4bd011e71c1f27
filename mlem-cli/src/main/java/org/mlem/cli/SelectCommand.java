package org.mlem.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code mlem select MODEL}: compare models over a grid by BIC, AIC and ICL; the models are listed in {@link CommandTree}. */
@Command(name = "select", mixinStandardHelpOptions = true, versionProvider = Version.class,
        footerHeading = "%nExamples:%n", footer = {
                "  ./mlem select gmm --k 1..4 examples/faithful.csv"},
        header = "Choose the number of components (and variant), or a distribution family, by BIC, AIC and ICL.",
        description = "Fit a model for every k and variant of a grid and compare them by information criteria "
                + "(lower is better).")
public final class SelectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "a model is needed: " + String.join(", ", spec.subcommands().keySet()));
    }
}
