package org.mlem.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.mlem.cli.plot.SurvivalPlot;
import org.mlem.formula.Design;
import org.mlem.survival.AftModel;
import org.mlem.survival.CensoredSample;
import org.mlem.survival.SurvivalFit;
import org.mlem.survival.SurvivalFormula;

/**
 * What {@code fit survreg|tobit --plot} draws. survreg: the data's survival curve (Kaplan–Meier
 * when every row is an event or right-censored; Turnbull's estimate when some are left- or
 * interval-censored, {@link SurvivalSteps})
 * with the fitted marginal survival S̄(t) = Σ_i w_i P(T &gt; t | x_i) / Σ_i w_i on the same axes.
 * Tobit: the empirical CDF of the censored response (a value at or beyond a censoring point counted
 * there) with the fitted marginal CDF of that response: 0 below the left point, Σ_i w_i F((y −
 * x_iβ)/σ) / Σ_i w_i from it up to the right point, 1 from there.
 *
 * @param tobit whether the curves are CDFs of a Tobit response (else survival curves of T)
 * @param stepX the data curve's jump points, increasing
 * @param stepY its value from each jump on (before the first: 1 for survival, 0 for the CDF)
 * @param fittedX the fitted curve's grid
 * @param fittedY the fitted marginal curve at the grid
 * @param nonparametric the data curve's name
 */
record SurvivalPicture(boolean tobit, double[] stepX, double[] stepY, double[] fittedX, double[] fittedY,
                       String nonparametric) {
    private static final int GRID = 400;

    /**
     * The curves of {@code fit} on its {@code rows}; {@code tobitBounds} = {left, right} for a Tobit
     * model, null for survreg.
     */
    static SurvivalPicture of(SurvivalFit fit, SurvivalFormula.Rows rows, double[] tobitBounds) {
        double[] eta = linearPredictors(fit, rows.design());
        CensoredSample y = rows.y();
        AftModel model = new AftModel(fit.distribution(), fit.scale());
        double[] w = new double[eta.length];
        double total = 0;
        for (int i = 0; i < w.length; i++) {
            w[i] = y.weight(i);
            total += w[i];
        }
        double[][] steps;
        String name;
        if (tobitBounds != null) {
            steps = ecdf(censoredValues(y), w);
            name = "empirical CDF of the censored response";
        } else {
            SurvivalSteps km = SurvivalSteps.of(y);
            steps = new double[][] {km.x(), km.survival()};
            name = km.name();
        }
        double[] range = SurvivalSteps.axis(y, fit.distribution().logTime());
        double[] gx = new double[GRID + 1];
        double[] gy = new double[GRID + 1];
        for (int g = 0; g <= GRID; g++) {
            double t = range[0] + (range[1] - range[0]) * g / GRID;
            gx[g] = t;
            double sum = 0;
            if (tobitBounds == null) {
                for (int i = 0; i < eta.length; i++) {
                    sum += w[i] * model.survival(t, eta[i]);
                }
                gy[g] = sum / total;
            } else if (t < tobitBounds[0]) {
                gy[g] = 0;
            } else if (t >= tobitBounds[1]) {
                gy[g] = 1;
            } else {
                for (int i = 0; i < eta.length; i++) {
                    sum += w[i] * model.cdf(t, eta[i]);
                }
                gy[g] = sum / total;
            }
        }
        if (tobitBounds != null && Double.isFinite(tobitBounds[0])) {
            insertLeftPoint(gx, gy, tobitBounds[0], model, eta, w, total);
        }
        return new SurvivalPicture(tobitBounds != null, steps[0], steps[1], gx, gy, name);
    }

    /** x_iβ for each row of the design. */
    static double[] linearPredictors(SurvivalFit fit, Design design) {
        double[] beta = fit.coefficients();
        double[] eta = new double[design.rows()];
        for (int i = 0; i < eta.length; i++) {
            for (int j = 0; j < beta.length; j++) {
                eta[i] += design.get(i, j) * beta[j];
            }
        }
        return eta;
    }

    /** Moves the grid point nearest the left censoring point onto it, so the curve's jump there is drawn. */
    private static void insertLeftPoint(double[] gx, double[] gy, double left, AftModel model, double[] eta, double[] w,
            double total) {
        int best = 0;
        for (int g = 1; g < gx.length; g++) {
            if (Math.abs(gx[g] - left) < Math.abs(gx[best] - left)) {
                best = g;
            }
        }
        if (best > 0 && gx[best] != left && Math.abs(gx[best] - left) < (gx[1] - gx[0])) {
            double sum = 0;
            for (int i = 0; i < eta.length; i++) {
                sum += w[i] * model.cdf(left, eta[i]);
            }
            gx[best] = left;
            gy[best] = sum / total;
        }
    }

    /** Each row's observed value: its finite bound (a censored row's censoring point). */
    private static double[] censoredValues(CensoredSample y) {
        double[] lo = y.lower();
        double[] hi = y.upper();
        double[] v = new double[lo.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = Double.isFinite(lo[i]) ? lo[i] : hi[i];
        }
        return v;
    }

    /** The weighted empirical CDF: {distinct values, F at each}. */
    static double[][] ecdf(double[] v, double[] w) {
        Integer[] order = new Integer[v.length];
        double total = 0;
        for (int i = 0; i < v.length; i++) {
            order[i] = i;
            total += w[i];
        }
        Arrays.sort(order, (a, b) -> Double.compare(v[a], v[b]));
        double[] xs = new double[v.length];
        double[] fs = new double[v.length];
        int m = 0;
        double below = 0;
        for (int a = 0; a < v.length;) {
            int b = a;
            while (b < v.length && v[order[b]] == v[order[a]]) {
                below += w[order[b++]];
            }
            xs[m] = v[order[a]];
            fs[m++] = below / total;
            a = b;
        }
        return new double[][] {Arrays.copyOf(xs, m), Arrays.copyOf(fs, m)};
    }

    /** Draws it, titled by the model, the formula, n and the log-likelihood. */
    void write(Path png, SurvivalFit fit, String formula, String response) {
        String subtitle = String.format(Locale.ROOT, "%s  (%s, n = %d, log L = %.6g)", formula,
                fit.distribution().rName(), fit.rows(), fit.logLikelihood());
        double end = fittedX[fittedX.length - 1];
        if (tobit) {
            SurvivalPlot.write(png, "Tobit model: observed and fitted distribution of the response", subtitle, response,
                    "P(y <= value)", nonparametric, fittedX[0], 0, stepX, stepY, end,
                    "fitted, mean over rows of P(y <= value | x)", fittedX, fittedY);
        } else {
            SurvivalPlot.write(png, "Survival regression: observed and fitted survival", subtitle, response,
                    "S(t) = P(T > t)", nonparametric, fittedX[0], 1, stepX, stepY, end,
                    "fitted, mean over rows of S(t | x)", fittedX, fittedY);
        }
    }
}
