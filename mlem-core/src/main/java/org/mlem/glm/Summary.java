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
        double[] wt = design.weights();
        int nOk = 0;
        for (double w : wt) {
            nOk += w != 0 ? 1 : 0;
        }
        double aic = Double.isNaN(negbinLogLik) ? used.aic(design.response(), fit.mu(), wt, fit.deviance()) : Double.NaN;
        Totals totals = new Totals(nOk, pearsonSum(fit), aic,
                used.base() instanceof Family.Binomial && Irls.probabilitiesAtBoundary(fit.mu()),
                used.base() instanceof Family.Counts && Irls.ratesAtZero(fit.mu()));
        Layout layout = new Layout(design.columnNames(), design.hasIntercept(), design.formula().text(), design.rows(),
                design.droppedRows());
        return of(est, layout, fit, totals, used, nullDeviance, theta, thetaSe, negbinLogLik, converged, warnings);
    }

    /** The design's shape as the summary reports it. */
    record Layout(List<String> columnNames, boolean hasIntercept, String formula, int rows, int droppedRows) {
    }

    /**
     * Sums over the rows at the fit: rows of non-zero prior weight, the Pearson sum (working weight x
     * working residual² over rows of positive working weight), the family's {@code aic} (NaN for
     * glm.nb), and whether fitted probabilities (binomial) or rates (counts) reached 0 or 1.
     */
    record Totals(long nOk, double pearson, double familyAic, boolean probabilitiesAtBoundary, boolean ratesAtZero) {
    }

    /** The summary from sums over the rows ({@code fit}'s per-row arrays are only passed on). */
    static GlmFit of(GlmEstimator est, Layout design, Irls.Result fit, Totals totals, Family used, double nullDeviance,
            double theta, double thetaSe, double negbinLogLik, boolean converged, List<String> warnings) {
        long nOk = totals.nOk();
        int rank = fit.rank();
        int dfResidual = Math.toIntExact(nOk - rank);
        int dfNull = Math.toIntExact(nOk - (design.hasIntercept() ? 1 : 0));
        // R's summary.glm estimates the dispersion of every family but poisson and binomial, so also of
        // negative.binomial(theta) with theta given; glm.nb's own summary takes it as 1.
        boolean fixedTheta = used instanceof Family.NegativeBinomial && Double.isNaN(negbinLogLik);
        boolean estDisp = used.estimatesDispersion() || fixedTheta;
        double dispersion = estDisp ? (dfResidual <= 0 ? Double.NaN : totals.pearson() / dfResidual) : 1;
        List<Coefficient> rows = coefficients(design.columnNames(), fit, dispersion, estDisp, dfResidual);
        double logLik;
        int k;
        if (!Double.isNaN(negbinLogLik)) {
            logLik = negbinLogLik;
            k = rank + 1;
        } else {
            double aic = totals.familyAic() + 2 * rank;
            // R's logLik.glm counts the dispersion as a parameter for these three families only
            boolean dispersionCounts = used instanceof Family.Gaussian || used instanceof Family.GammaFamily
                    || used instanceof Family.InverseGaussian;
            k = rank + (dispersionCounts ? 1 : 0);
            logLik = k - aic / 2;
        }
        List<String> all = new ArrayList<>(warnings);
        if (totals.probabilitiesAtBoundary()) {
            all.add("fitted probabilities numerically 0 or 1 occurred");
        }
        if (totals.ratesAtZero()) {
            all.add("fitted rates numerically 0 occurred");
        }
        int p = design.columnNames().size();
        double[] cov = fit.unscaledCovariance().clone();
        for (int i = 0; i < p * p; i++) {
            cov[i] *= dispersion;
        }
        return new GlmFit(used.name(), est.link().rName(), design.formula(), rows, fit.deviance(), nullDeviance,
                dfResidual, dfNull, dispersion, logLik, k, -2 * logLik + 2 * k, -2 * logLik + k * Math.log(nOk),
                design.rows(), design.droppedRows(), rank, fit.iterations(), converged, theta, thetaSe, all,
                fit.mu(), fit.eta(), cov);
    }

    /** sum of working weight x working residual^2 over rows of positive working weight. */
    private static double pearsonSum(Irls.Result fit) {
        double s = 0;
        for (int i = 0; i < fit.mu().length; i++) {
            double w = fit.workingWeights()[i];
            if (w > 0) {
                s += w * fit.workingResiduals()[i] * fit.workingResiduals()[i];
            }
        }
        return s;
    }

    private static List<Coefficient> coefficients(List<String> names, Irls.Result fit, double dispersion, boolean t,
            int dfResidual) {
        int p = names.size();
        List<Coefficient> rows = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            String term = names.get(j);
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
