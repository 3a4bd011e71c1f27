package org.mlem.cli;

import org.mlem.count.CountModelKind;
import picocli.CommandLine.Command;

/** {@code mlem fit zeroinfl}: a zero-inflated Poisson or negative binomial regression, as pscl::zeroinfl. */
@Command(name = "zeroinfl", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        footerHeading = "%nExamples:%n", footer = {
                "  ./mlem fit zeroinfl \"art ~ fem + mar + kid5 + phd + ment | ment\" \\",
                "      examples/biochemists.csv",
                "  ./mlem fit zeroinfl \"art ~ fem + mar + kid5 + phd + ment\" --dist negbin \\",
                "      --json examples/biochemists.csv"},
        header = "A zero-inflated count regression by maximum likelihood (as R's pscl::zeroinfl).",
        description = "Fit a zero-inflated Poisson or negative binomial regression: with probability pi (a logit "
                + "of the zero part's terms) a row is a structural zero, otherwise a count with log mean from the "
                + "count part's terms. Prints both parts' coefficients (standard errors from the observed "
                + "information), theta for negbin, log-likelihood, AIC, BIC, and Vuong's test against the plain "
                + "count model (as pscl::vuong).")
public final class FitZeroinflCommand extends CountFitCommand {
    @Override
    CountModelKind kind() {
        return CountModelKind.ZEROINFL;
    }
}
