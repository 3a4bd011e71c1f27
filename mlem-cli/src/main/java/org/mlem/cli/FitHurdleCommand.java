package org.mlem.cli;

import org.mlem.count.CountModelKind;
import picocli.CommandLine.Command;

/** {@code mlem fit hurdle}: a hurdle Poisson or negative binomial regression, as pscl::hurdle (binomial hurdle). */
@Command(name = "hurdle", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        footerHeading = "%nExamples:%n", footer = {
                "  ./mlem fit hurdle \"art ~ fem + mar + kid5 + phd + ment | ment\" \\",
                "      examples/biochemists.csv",
                "  ./mlem fit hurdle \"art ~ fem + kid5 + ment\" --dist negbin \\",
                "      examples/biochemists.csv"},
        header = "A hurdle count regression by maximum likelihood (as R's pscl::hurdle).",
        description = "Fit a hurdle model: a logit of the zero part's terms for a count above zero, and a "
                + "zero-truncated Poisson or negative binomial with log mean from the count part's terms for the "
                + "positive counts; the two parts are fitted separately. Prints both parts' coefficients, theta for "
                + "negbin, log-likelihood, AIC, BIC, and Vuong's test against the plain count model.")
public final class FitHurdleCommand extends CountFitCommand {
    @Override
    CountModelKind kind() {
        return CountModelKind.HURDLE;
    }
}
