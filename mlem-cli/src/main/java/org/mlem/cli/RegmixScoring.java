package org.mlem.cli;

import org.mlem.MlemUserException;
import org.mlem.dist.Distribution;
import org.mlem.dist.Families;
import org.mlem.formula.Design;
import org.mlem.formula.DesignSpec;
import org.mlem.formula.Frame;
import org.mlem.glm.Link;
import org.mlem.io.RegmixJson;
import org.mlem.regmix.RegressionMixture;

/**
 * A mixture of regressions applied to rows of data: for row i and component j the joint
 * {@code log π_j + log f(y_i | x_i, j)}, f the family's density at the component's mean
 * {@code g⁻¹(x_i'β_j)} (gaussian: normal with the component's sd; poisson; binomial with the
 * row's trials, 1 without a trials column). From it the per-row log-likelihood (log-sum-exp)
 * and the posterior probabilities of the components.
 *
 * @param design the rows used (the formula's model matrix and response)
 * @param logJoint n×k joint log-densities
 */
record RegmixScoring(Design design, double[][] logJoint) {

    static RegmixScoring of(RegmixJson file, Frame frame, boolean dropMissing) {
        RegressionMixture m = file.mixture();
        Design d = Design.build(file.formula(), frame, DesignSpec.DEFAULTS.withDropMissing(dropMissing));
        if (!d.columnNames().equals(m.terms())) {
            throw new MlemUserException("the formula '" + file.formula() + "' gives terms " + d.columnNames()
                    + " on this data but the model has " + m.terms() + "; give data with the same columns and levels");
        }
        double[] trials = trials(file, frame, d);
        double[] y = d.response();
        int k = m.components();
        Link link = m.link();
        double[][] joint = new double[d.rows()][k];
        for (int j = 0; j < k; j++) {
            double[] beta = m.coefficients(j);
            double logWeight = Math.log(m.weights()[j]);
            for (int i = 0; i < d.rows(); i++) {
                double eta = 0;
                for (int t = 0; t < beta.length; t++) {
                    eta += d.get(i, t) * beta[t];
                }
                double mu = link.inverse(eta);
                joint[i][j] = logWeight + member(m, j, mu, trials[i]).logDensity(y[i]);
            }
        }
        return new RegmixScoring(d, joint);
    }

    private static Distribution member(RegressionMixture m, int j, double mu, double trials) {
        return switch (m.family().name()) {
            case "gaussian" -> Families.normal().of(mu, m.sd(j));
            case "poisson" -> Families.poisson().of(mu);
            case "binomial" -> Families.binomial((int) trials).of(mu);
            default -> throw new MlemUserException("cannot score a " + m.family().name() + " mixture of regressions");
        };
    }

    private static double[] trials(RegmixJson file, Frame frame, Design d) {
        double[] out = new double[d.rows()];
        java.util.Arrays.fill(out, 1);
        if (file.trials() != null) {
            if (!frame.has(file.trials()) || !frame.isNumeric(file.trials())) {
                throw new MlemUserException("the model's trials column '" + file.trials() + "' is not a numeric column of the data");
            }
            double[] all = frame.numeric(file.trials());
            int[] source = d.sourceRows();
            for (int i = 0; i < out.length; i++) {
                out[i] = all[source[i]];
            }
        }
        return out;
    }

    /** log p(y_i | x_i) per row. */
    double[] rowLogLikelihoods() {
        double[] out = new double[logJoint.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = logSumExp(logJoint[i]);
        }
        return out;
    }

    /** P(component j | x_i, y_i), n×k. */
    double[][] probabilities() {
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
