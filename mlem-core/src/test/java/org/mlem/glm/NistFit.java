package org.mlem.glm;

import java.util.ArrayList;
import java.util.List;
import org.mlem.formula.DesignSpec;
import org.mlem.formula.Frame;

/**
 * A NIST problem fitted through the public path a user takes: a frame, an R formula
 * ({@code y ~ x + I(x^2) + ...}, {@code y ~ x - 1}, {@code y ~ x1 + ... + x6}) and a gaussian GLM.
 */
record NistFit(double[] coefficients, double[] standardErrors, double residualSd, double rSquared) {

    static NistFit of(NistLinearTest.Problem p) {
        int n = p.data().length;
        int predictors = p.data()[0].length - 1;
        boolean intercept = !p.name().startsWith("NoInt");
        Frame.Builder frame = Frame.builder();
        List<String> terms = new ArrayList<>();
        for (int c = 0; c <= predictors; c++) {
            double[] col = new double[n];
            for (int i = 0; i < n; i++) {
                col[i] = p.data()[i][c];
            }
            String name = c == 0 ? "y" : predictors == 1 ? "x" : "x" + c;
            frame.numeric(name, col);
            if (c > 0) {
                terms.add(name);
            }
        }
        if (predictors == 1) {
            for (int d = 2; d <= (intercept ? p.params() - 1 : p.params()); d++) {
                terms.add("I(x^" + d + ")");
            }
        }
        String formula = "y ~ " + String.join(" + ", terms) + (intercept ? "" : " - 1");
        GlmFit fit = GlmEstimator.of(new Family.Gaussian()).fit(formula, frame.build(), DesignSpec.DEFAULTS);
        double[] b = fit.coefficients().stream().mapToDouble(Coefficient::estimate).toArray();
        double[] se = fit.coefficients().stream().mapToDouble(Coefficient::standardError).toArray();
        return new NistFit(b, se, Math.sqrt(fit.dispersion()), 1 - fit.deviance() / fit.nullDeviance());
    }
}
