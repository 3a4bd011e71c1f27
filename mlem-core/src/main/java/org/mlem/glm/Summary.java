package org.mlem.glm;

import java.util.ArrayList;
import java.util.List;
import org.mlem.formula.Design;

/** Turns an IRLS result into R's {@code summary.glm}, {@code logLik}, {@code AIC} and {@code BIC}. */
final class Summary {
    /** qnorm(0.975), for 95% Wald intervals. */
    private static final double Z975 = Distributions.normalQuantile(0.975);

    private Summary() {
    }

    static GlmFit of(GlmEstimator est, Design design, Irls.Result fit, Family used, double nullDeviance, double theta,
            double thetaSe, double negbinLogLik, boolean converged, List<String> warnings) {
        double[] y = design.response();
        double[] wt = design.weights();
        int nOk = 0;
        for (double w : wt) {
            nOk += w != 0 ? 1 : 0;
        }
        int rank = fit.rank();
        int dfResidual = nOk - rank;
        int dfNull = nOk - (design.hasIntercept() ? 1 : 0);
        // R's summary.glm estimates the dispersion of every family but poisson and binomial, so also of
        // negative.binomial(theta) with theta given; glm.nb's own summary takes it as 1.
        boolean fixedTheta = used instanceof Family.NegativeBinomial && Double.isNaN(negbinLogLik);
        boolean estDisp = used.estimatesDispersion() || fixedTheta;
        double dispersion = estDisp ? pearsonDispersion(fit, dfResidual) : 1;
        List<Coefficient> rows = coefficients(design, fit, dispersion, estDisp, dfResidual);
        double logLik;
        int k;
        if (!Double.isNaN(negbinLogLik)) {
            logLik = negbinLogLik;
            k = rank + 1;
        } else {
            double aic = used.aic(y, fit.mu(), wt, fit.deviance()) + 2 * rank;
            // R's logLik.glm counts the dispersion as a parameter for these three families only
            boolean dispersionCounts = used instanceof Family.Gaussian || used instanceof Family.GammaFamily
                    || used instanceof Family.InverseGaussian;
            k = rank + (dispersionCounts ? 1 : 0);
            logLik = k - aic / 2;
        }
        List<String> all = new ArrayList<>(warnings);
        if (used.base() instanceof Family.Binomial && Irls.probabilitiesAtBoundary(fit.mu())) {
            all.add("fitted probabilities numerically 0 or 1 occurred");
        }
        if ((used.base() instanceof Family.Counts) && Irls.ratesAtZero(fit.mu())) {
            all.add("fitted rates numerically 0 occurred");
        }
        int p = design.columns();
        double[] cov = fit.unscaledCovariance().clone();
        for (int i = 0; i < p * p; i++) {
            cov[i] *= dispersion;
        }
        return new GlmFit(used.name(), est.link().rName(), design.formula().text(), rows, fit.deviance(), nullDeviance,
                dfResidual, dfNull, dispersion, logLik, k, -2 * logLik + 2 * k, -2 * logLik + k * Math.log(nOk),
                design.rows(), design.droppedRows(), rank, fit.iterations(), converged, theta, thetaSe, all,
                fit.mu(), fit.eta(), cov);
    }

    /** sum of working weight x working residual^2 over rows of positive working weight, / df. */
    private static double pearsonDispersion(Irls.Result fit, int dfResidual) {
        if (dfResidual <= 0) {
            return Double.NaN;
        }
        double s = 0;
        for (int i = 0; i < fit.mu().length; i++) {
            double w = fit.workingWeights()[i];
            if (w > 0) {
                s += w * fit.workingResiduals()[i] * fit.workingResiduals()[i];
            }
        }
        return s / dfResidual;
    }

    private static List<Coefficient> coefficients(Design design, Irls.Result fit, double dispersion, boolean t,
            int dfResidual) {
        int p = design.columns();
        List<Coefficient> rows = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            String term = design.columnNames().get(j);
            if (fit.aliased()[j]) {
                rows.add(new Coefficient(term, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN));
                continue;
            }
            double b = fit.coefficients()[j];
            double se = Math.sqrt(dispersion * fit.unscaledCovariance()[j * p + j]);
            double stat = b / se;
            double pv = t ? Distributions.twoSidedT(stat, dfResidual) : Distributions.twoSidedNormal(stat);
            rows.add(new Coefficient(term, b, se, stat, pv, b - Z975 * se, b + Z975 * se));
        }
        return rows;
    }
}
