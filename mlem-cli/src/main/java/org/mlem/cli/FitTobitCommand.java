package org.mlem.cli;

import java.util.LinkedHashMap;
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

/** {@code mlem fit tobit}: a censored linear regression, as R's {@code AER::tobit}. */
@Command(name = "tobit", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        footerHeading = "%nExamples:%n", footer = {
                "  ./mlem fit tobit --formula \"mpg ~ wt + hp\" --left 15 examples/mtcars.csv",
                "  ./mlem fit tobit --formula \"mpg ~ wt\" --left 12 --right 30 \\",
                "      --json examples/mtcars.csv"},
        header = "A Tobit (censored) regression by maximum likelihood (as R's AER::tobit).",
        description = "Fit y = x'b + scale * e with y censored below at --left (default 0) and above at --right "
                + "(default none): rows with y <= left count as left-censored, y >= right as right-censored, as "
                + "AER::tobit. The JSON is survreg's (model survreg, dist gaussian unless --dist says otherwise).")
public final class FitTobitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--formula", required = true, paramLabel = "\"y ~ x1 + x2\"",
            description = "R model formula, as in fit glm.")
    String formula;

    @Option(names = "--left", paramLabel = "L", defaultValue = "0",
            description = "Left censoring point (default: ${DEFAULT-VALUE}); -Infinity for none.")
    double left;

    @Option(names = "--right", paramLabel = "R", defaultValue = "Infinity",
            description = "Right censoring point (default: none).")
    double right;

    @Option(names = "--dist", paramLabel = "D", defaultValue = "gaussian",
            description = "gaussian, logistic or extreme (default: ${DEFAULT-VALUE}).")
    String dist;

    @Option(names = "--weights", paramLabel = "COLUMN", description = WeightColumn.HELP)
    String weights;

    @Mixin
    FileFitArgs io;

    @Override
    public Integer call() {
        Terminal terminal = MlemCommand.terminal(spec);
        AftDistribution d = AftDistribution.byName(dist);
        DesignSpec designSpec = DesignSpec.DEFAULTS.withWeights(weights);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("left", left);
        fields.put("right", right);
        SurvivalRun.fitAndEmit(io, weights, formula, List.of(), formula,
                frame -> SurvivalFormula.tobitRows(formula, frame, designSpec, left, right, d), d,
                new double[] {left, right}, terminal, fields);
        return 0;
    }
}
