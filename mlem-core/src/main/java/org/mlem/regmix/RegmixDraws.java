package org.mlem.regmix;

import java.util.SplittableRandom;
import org.mlem.MlemUserException;
import org.mlem.formula.Design;
import org.mlem.formula.Frame;

/**
 * Responses drawn from a mixture of regressions given the covariates' rows: per row a component j
 * drawn with probability π_j, then the response from component j's family at its mean
 * {@code g⁻¹(x_i'β_j)} (the binomial's draw is a count of successes in the row's trials, as the response is read).
 *
 * @param response one draw per row
 * @param components the component each came from
 */
public record RegmixDraws(double[] response, int[] components) {

    /**
     * Draws from a {@link SplittableRandom} seeded by {@code seed}: for each row, in order, the
     * component, then the response.
     *
     * @param frame complete rows holding the covariates and the trials column (the response's
     *     columns are ignored when present)
     */
    public static RegmixDraws of(RegressionMixture m, String formula, String trialsColumn, Frame frame, long seed) {
        return of(m, formula, trialsColumn, frame, seed, null, java.util.Map.of(), java.util.Map.of());
    }

    /**
     * As {@link #of(RegressionMixture, String, String, Frame, long)}, row i's component drawn with
     * the probabilities {@code priors[i*k .. i*k+k)} (a concomitant gating's) instead of the
     * mixture's weights; null for the weights. Text columns of {@code levels} are coded with the
     * fit's levels (empty: these rows' levels), and the terms of {@code bases} with the fit's
     * coefficients and knots (empty: built from these rows).
     */
    public static RegmixDraws of(RegressionMixture m, String formula, String trialsColumn, Frame frame, long seed,
            double[] priors, java.util.Map<String, java.util.List<String>> levels,
            java.util.Map<String, org.mlem.formula.BasisCoefs> bases) {
        if (org.mlem.formula.ModelFormula.parse(formula).response().basis() instanceof org.mlem.formula.Basis.Trials) {
            throw new MlemUserException("sample draws the response column of a mixture of regressions, and a "
                    + "cbind(successes, failures) response has none; refit as successes ~ ... with --trials COLUMN");
        }
        Design d = RegmixScores.design(m, formula, frame, false, levels, bases);
        double[] trials = RegmixScores.trials(trialsColumn, frame, d);
        int k = m.components();
        double[][] mu = new double[k][];
        for (int j = 0; j < k; j++) {
            mu[j] = RegmixScores.means(m, j, d);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[] w = m.weights();
        double[] y = new double[d.rows()];
        int[] z = new int[d.rows()];
        double[] row = new double[k];
        for (int i = 0; i < y.length; i++) {
            if (priors != null) {
                System.arraycopy(priors, i * k, row, 0, k);
            }
            int j = component(priors == null ? w : row, rng);
            z[i] = j;
            y[i] = RegmixScores.member(m, j, mu[j][i], trials[i]).sample(rng);
        }
        return new RegmixDraws(y, z);
    }

    /** A component drawn with probabilities {@code w}: the first j whose cumulative weight exceeds a uniform draw. */
    static int component(double[] w, SplittableRandom rng) {
        double u = rng.nextDouble();
        double c = 0;
        int j = 0;
        while (j < w.length - 1 && u >= (c += w[j])) {
            j++;
        }
        return j;
    }
}
