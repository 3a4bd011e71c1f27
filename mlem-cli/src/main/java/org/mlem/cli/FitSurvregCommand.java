package org.mlem.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mlem.formula.DesignSpec;
import org.mlem.survival.AftDistribution;
import org.mlem.survival.SurvivalFormula;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mlem fit survreg}: a parametric survival regression, as R's {@code survival::survreg}. */
@Command(name = "survreg", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        footerHeading = "%nExamples:%n", footer = {
                "  ./mlem fit survreg --formula \"Surv(time, status) ~ age + sex\" \\",
                "      --dist weibull examples/lung.csv",
                "  ./mlem fit survreg --formula \"Surv(time, status) ~ age\" \\",
                "      --dist loglogistic --json examples/lung.csv"},
        header = "A parametric survival (accelerated failure time) regression (as R's survreg).",
        description = "Fit log(T) (or T for gaussian, logistic, extreme) = x'b + scale * W by maximum likelihood with "
                + "right- or left-censored times, as survival::survreg: Newton-Raphson in (coefficients, log scale), "
                + "standard errors from the observed information (Log(scale) as survreg reports it). Event codes: "
                + "1 = event, 0 = censored, or survival's 2 = event, 1 = censored.")
public final class FitSurvregCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--formula", required = true, paramLabel = "\"Surv(time, status) ~ x\"",
            description = "Surv(time, event) ~ terms, Surv(time, event, type = \"left\") ~ terms for left "
                    + "censoring, or Surv(time) ~ terms (no censoring); terms as in fit glm.")
    String formula;

    @Option(names = "--dist", paramLabel = "D", defaultValue = "weibull",
            description = "weibull, exponential, lognormal, loglogistic, gaussian, logistic or extreme "
                    + "(default: ${DEFAULT-VALUE}, as survreg).")
    String dist;

    @Option(names = "--weights", paramLabel = "COLUMN", description = WeightColumn.HELP)
    String weights;

    @Mixin
    FileFitArgs io;

    @Override
    public Integer call() {
        Terminal terminal = MlemCommand.terminal(spec);
        AftDistribution d = AftDistribution.byName(dist);
        SurvivalFormula.Parts parts = SurvivalFormula.parse(formula);
        List<String> extra = new ArrayList<>();
        if (parts.event() != null) {
            extra.add(parts.event());
        }
        DesignSpec designSpec = DesignSpec.DEFAULTS.withWeights(weights);
        SurvivalRun.fitAndEmit(io, weights, formula, extra, parts.timeFormula(),
                frame -> SurvivalFormula.survregRows(formula, frame, designSpec), d, null, terminal, Map.of());
        return 0;
    }
}
