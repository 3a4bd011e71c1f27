package org.mlem.regmix;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.mlem.MlemUserException;
import org.mlem.dist.Distribution;
import org.mlem.dist.Families;
import org.mlem.formula.BasisCoefs;
import org.mlem.formula.Design;
import org.mlem.formula.DesignSpec;
import org.mlem.formula.Frame;
import org.mlem.formula.ModelFormula;
import org.mlem.glm.Link;

/**
 * A mixture of regressions applied to rows of data: for row i and component j the joint
 * {@code log π_j + log f(y_i | x_i, j)}, f the family's density at the component's mean
 * {@code g⁻¹(x_i'β_j)} (gaussian: normal with the component's sd; poisson; binomial with the
 * row's trials, 1 without a trials column). From it the per-row log-likelihood (log-sum-exp)
 * and the posterior probabilities of the components.
 *
 * @param design the rows used (the formula's model matrix and response)
 * @param trials each used row's number of trials (1 without a trials column)
 * @param logJoint n×k joint log-densities
 */
public record RegmixScores(Design design, double[] trials, double[][] logJoint) {

    /**
     * The scores of {@code frame}'s rows.
     *
     * @param formula the formula the model was fit with
     * @param trialsColumn the binomial's trials column, or null
     * @param dropMissing whether rows with a missing cell the formula uses are dropped (else an error)
     */
    public static RegmixScores of(RegressionMixture m, String formula, String trialsColumn, Frame frame, boolean dropMissing) {
        return of(m, formula, trialsColumn, frame, dropMissing, Map.of());
    }

    /**
     * As {@link #of(RegressionMixture, String, String, Frame, boolean)}, each text column of
     * {@code levels} coded with the fit's levels (a model file's {@code levels}; empty: the levels
     * these rows have, all of the fit's needed).
     */
    public static RegmixScores of(RegressionMixture m, String formula, String trialsColumn, Frame frame,
            boolean dropMissing, Map<String, List<String>> levels) {
        return of(m, formula, trialsColumn, frame, dropMissing, levels, Map.of());
    }

    /**
     * As {@link #of(RegressionMixture, String, String, Frame, boolean, Map)}, the data-dependent
     * terms ({@code poly}, {@code ns}, {@code bs}) labelled in {@code bases} coded with the fit's
     * coefficients and knots (a model file's {@code bases}; empty: built from these rows).
     */
    public static RegmixScores of(RegressionMixture m, String formula, String trialsColumn, Frame frame,
            boolean dropMissing, Map<String, List<String>> levels, Map<String, BasisCoefs> bases) {
        return of(m, formula, trialsColumn, frame, dropMissing, true, levels, bases);
    }

    /**
     * {@code log f(y_i | x_i, j)} of {@code frame}'s complete rows, the weights left out (what a
     * concomitant gating's row-wise weights multiply): {@code logJoint} of the result.
     */
    public static RegmixScores componentDensities(RegressionMixture m, String formula, String trialsColumn, Frame frame,
            Map<String, List<String>> levels, Map<String, BasisCoefs> bases) {
        return of(m, formula, trialsColumn, frame, false, false, levels, bases);
    }

    private static RegmixScores of(RegressionMixture m, String formula, String trialsColumn, Frame frame,
            boolean dropMissing, boolean weighted, Map<String, List<String>> levels, Map<String, BasisCoefs> bases) {
        Design d = design(m, formula, frame, dropMissing, levels, bases);
        double[] trials = trials(trialsColumn, frame, d);
        double[] y = successes(d);
        int k = m.components();
        double[][] joint = new double[d.rows()][k];
        for (int j = 0; j < k; j++) {
            double[] mu = means(m, j, d);
            double logWeight = weighted ? Math.log(m.weights()[j]) : 0;
            for (int i = 0; i < d.rows(); i++) {
                joint[i][j] = logWeight + member(m, j, mu[i], trials[i]).logDensity(y[i]);
            }
        }
        return new RegmixScores(d, trials, joint);
    }

    /**
     * The model matrix of {@code frame} under {@code formula}, text columns coded with {@code levels}
     * (empty: with the levels these rows have) and the terms of {@code bases} with the fit's
     * coefficients and knots (empty: built from these rows); its terms must be the model's.
     */
    static Design design(RegressionMixture m, String formula, Frame frame, boolean dropMissing,
            Map<String, List<String>> levels, Map<String, BasisCoefs> bases) {
        DesignSpec spec = DesignSpec.DEFAULTS.withDropMissing(dropMissing).withBases(bases);
        Design d = levels.isEmpty() ? Design.build(formula, frame, spec)
                : Design.ofFittedLevels(ModelFormula.parse(formula, frame.names()), frame, spec, levels);
        if (!d.columnNames().equals(m.terms())) {
            throw new MlemUserException("the formula '" + formula + "' gives terms " + d.columnNames()
                    + " on this data but the model has " + m.terms() + "; give data with the same columns and levels");
        }
        return d;
    }

    /**
     * Each component's mean response {@code g⁻¹(x_i'β_j)} at every row of {@code frame} ({@code [j][i]}):
     * for the binomial family the success probability.
     *
     * @param frame complete rows of the covariates (the response's columns are read only as the
     *     formula's placeholders)
     * @param levels the fit's level orders (empty: these rows' levels)
     * @param bases the fit's data-dependent bases by term label (empty: built from these rows)
     */
    public static double[][] componentMeans(RegressionMixture m, String formula, Frame frame,
            Map<String, List<String>> levels, Map<String, BasisCoefs> bases) {
        Design d = design(m, formula, frame, false, levels, bases);
        double[][] mu = new double[m.components()][];
        for (int j = 0; j < mu.length; j++) {
            mu[j] = means(m, j, d);
        }
        return mu;
    }

    /** Component j's mean {@code g⁻¹(x_i'β_j)} at every row of the design. */
    static double[] means(RegressionMixture m, int j, Design d) {
        double[] beta = m.coefficients(j);
        Link link = m.link();
        double[] mu = new double[d.rows()];
        for (int i = 0; i < mu.length; i++) {
            double eta = 0;
            for (int t = 0; t < beta.length; t++) {
                eta += d.get(i, t) * beta[t];
            }
            mu[i] = link.inverse(eta);
        }
        return mu;
    }

    /** Component j's response distribution at mean {@code mu}. */
    static Distribution member(RegressionMixture m, int j, double mu, double trials) {
        return switch (m.family().name()) {
            case "gaussian" -> Families.normal().of(mu, m.sd(j));
            case "poisson" -> Families.poisson().of(mu);
            case "binomial" -> Families.binomial((int) trials).of(mu);
            default -> throw new MlemUserException("cannot score a " + m.family().name() + " mixture of regressions");
        };
    }

    /** The response as the binomial counts it: a cbind response's successes (proportion × trials), else as is. */
    static double[] successes(Design d) {
        double[] y = d.response();
        if (d.trialsResponse()) {
            double[] t = d.trials();
            for (int i = 0; i < y.length; i++) {
                y[i] = Math.rint(y[i] * t[i]);
            }
        }
        return y;
    }

    /** Each used row's trials: a cbind response's, else the trials column's, else 1. */
    static double[] trials(String column, Frame frame, Design d) {
        if (d.trialsResponse()) {
            return d.trials();
        }
        double[] out = new double[d.rows()];
        Arrays.fill(out, 1);
        if (column != null) {
            if (!frame.has(column) || !frame.isNumeric(column)) {
                throw new MlemUserException("the model's trials column '" + column + "' is not a numeric column of the data");
            }
            double[] all = frame.numeric(column);
            int[] source = d.sourceRows();
            for (int i = 0; i < out.length; i++) {
                out[i] = all[source[i]];
            }
        }
        return out;
    }

    /** log p(y_i | x_i) per row. */
    public double[] rowLogLikelihoods() {
        double[] out = new double[logJoint.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = logSumExp(logJoint[i]);
        }
        return out;
    }

    /** P(component j | x_i, y_i), n×k. */
    public double[][] probabilities() {
        double[][] p = new double[logJoint.length][];
        for (int i = 0; i < p.length; i++) {
            double norm = logSumExp(logJoint[i]);
            p[i] = new double[logJoint[i].length];
            for (int j = 0; j < p[i].length; j++) {
                p[i][j] = Math.exp(logJoint[i][j] - norm);
            }
        }
        return p;
    }

    private static double logSumExp(double[] v) {
        double max = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            max = Math.max(max, x);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double s = 0;
        for (double x : v) {
            s += Math.exp(x - max);
        }
        return max + Math.log(s);
    }
}
