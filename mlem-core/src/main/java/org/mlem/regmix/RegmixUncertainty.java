package org.mlem.regmix;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.mlem.MlemUserException;
import org.mlem.formula.Design;
import org.mlem.formula.Frame;
import org.mlem.glm.Link;
import org.mlem.uncertainty.BootstrapModel;
import org.mlem.uncertainty.ComponentBlocks;
import org.mlem.uncertainty.HeldParameters;
import org.mlem.uncertainty.LabelMatching;
import org.mlem.uncertainty.MixtureInformation;
import org.mlem.uncertainty.ObservedInformation;

/**
 * Standard errors of a mixture of regressions. Reported layout: {@code weight[j]}, then per
 * component its coefficients {@code coef[j][term]} (R's term names) and, for the gaussian,
 * {@code sd[j]}; j counted from 0.
 *
 * <p>Louis' information ({@link MixtureInformation}) with each component's exact derivatives of
 * {@code log f(y | x)} at the canonical link (η = offset + xᵀβ): gaussian, with r = y − η,
 * score {@code x r/σ²} and {@code −1/σ + r²/σ³}, negative Hessian {@code xxᵀ/σ²},
 * {@code 2xr/σ³}, {@code 3r²/σ⁴ − 1/σ²}; Poisson score {@code x(y − μ)}, negative Hessian
 * {@code xxᵀμ}; binomial with m trials {@code x(y − mp)}, {@code xxᵀ m p(1 − p)}. Other links are
 * refused (use the bootstrap).
 *
 * <p>The bootstrap's units are the rows the formula uses: non-parametric replicates weight them
 * by multinomial counts (written to a weights column of their own), parametric ones draw new
 * responses at the observed covariates from the fitted mixture (the response must be a plain
 * column, not a transform).
 */
public final class RegmixUncertainty {
    /** The column the non-parametric bootstrap's counts are written to. */
    static final String COUNTS = ".bootstrap.counts";

    private RegmixUncertainty() {}

    /** Reported names for {@code m}. */
    public static List<String> names(RegressionMixture m) {
        List<List<String>> blocks = new ArrayList<>();
        for (int j = 0; j < m.components(); j++) {
            List<String> b = new ArrayList<>();
            for (String t : m.terms()) {
                b.add("coef[" + j + "][" + t + "]");
            }
            if (m.hasSd()) {
                b.add("sd[" + j + "]");
            }
            blocks.add(b);
        }
        return ComponentBlocks.names(blocks);
    }

    /** The mixture shaped like {@code like} with the free parameters θ (weights but the last, then each component's coefficients and sd). */
    public static RegressionMixture fromFree(RegressionMixture like, double[] theta) {
        int k = like.components();
        int p = like.terms().size();
        int s = p + (like.hasSd() ? 1 : 0);
        double[][] beta = new double[k][];
        double[] sd = like.hasSd() ? new double[k] : null;
        for (int j = 0; j < k; j++) {
            beta[j] = Arrays.copyOfRange(theta, k - 1 + j * s, k - 1 + j * s + p);
            if (sd != null) {
                sd[j] = theta[k - 1 + j * s + p];
            }
        }
        return new RegressionMixture(like.family(), like.link(), like.terms(), ComponentBlocks.weights(theta, k), beta, sd);
    }

    private static double[] block(RegressionMixture m, int j) {
        double[] beta = m.coefficients(j);
        if (!m.hasSd()) {
            return beta;
        }
        double[] b = Arrays.copyOf(beta, beta.length + 1);
        b[beta.length] = m.sd(j);
        return b;
    }

    /** {@code m}'s parameters, reported component j being {@code m}'s {@code order[j]}. */
    public static double[] values(RegressionMixture m, int[] order) {
        double[][] blocks = new double[m.components()][];
        for (int j = 0; j < blocks.length; j++) {
            blocks[j] = block(m, j);
        }
        return ComponentBlocks.values(m.weights(), blocks, order);
    }

    static int[] match(RegressionMixture fitted, RegressionMixture replicate) {
        int k = fitted.components();
        double[][] f = new double[k][];
        double[][] r = new double[k][];
        for (int j = 0; j < k; j++) {
            f[j] = block(fitted, j);
            r[j] = block(replicate, j);
        }
        return LabelMatching.byFeatures(fitted.weights(), f, replicate.weights(), r);
    }

    /**
     * Louis' observed information of {@code m}, fit by {@code estimator} to {@code frame}'s rows
     * (their frequency weights), no component known and nothing held.
     *
     * @throws MlemUserException for a link other than the family's canonical one
     */
    public static ObservedInformation louis(RegmixEstimator estimator, RegressionMixture m, Frame frame) {
        return louis(estimator, m, frame, null, HeldParameters.NONE);
    }

    /**
     * Louis' observed information of {@code m}, fit by {@code estimator} to {@code frame}'s rows
     * (their frequency weights); a row whose component {@code known} gives (≥ 0; null: none)
     * adds its complete-data information; the parameters {@code held} names are known.
     *
     * @throws MlemUserException for a link other than the family's canonical one
     */
    public static ObservedInformation louis(RegmixEstimator estimator, RegressionMixture m, Frame frame, int[] known,
            Predicate<String> held) {
        if (!canonical(m)) {
            throw new MlemUserException("--standard-errors louis covers the canonical links only (" + m.family().name() + ": "
                    + canonicalLink(m).rName() + "), not " + m.link().rName() + "; use --bootstrap B");
        }
        Design d = Design.build(estimator.formula(), frame, estimator.design());
        double[][] columns = new double[d.columns()][d.rows()];
        for (int t = 0; t < columns.length; t++) {
            for (int i = 0; i < d.rows(); i++) {
                columns[t][i] = d.get(i, t);
            }
        }
        double[] trials = RegmixScores.trials(estimator.trials(), frame, d);
        double[][] info = MixtureInformation.information(m.weights(),
                MixtureInformation.knownClasses(estimator.posterior(m, frame), known), estimator.rowWeights(frame),
                derivatives(m, columns, RegmixScores.successes(d), d.offset(), trials));
        return MixtureInformation.standardErrors(names(m), values(m, ComponentBlocks.identity(m.components())), info, m.components(),
                new boolean[info.length], held);
    }

    private static Link canonicalLink(RegressionMixture m) {
        return switch (m.family().name()) {
            case "gaussian" -> Link.IDENTITY;
            case "poisson" -> Link.LOG;
            default -> Link.LOGIT;
        };
    }

    /** Whether {@code m}'s link is its family's canonical one, the links {@link #derivatives} covers. */
    static boolean canonical(RegressionMixture m) {
        return m.link() == canonicalLink(m);
    }

    /**
     * Each component's exact derivatives of {@code log f(y | x)} at one row (the class comment's),
     * in the block of its coefficients and sd: the model matrix by column ({@code columns[t][i]}),
     * the responses (successes for the binomial), offsets and trials. {@code m}'s link must be
     * {@link #canonical}.
     */
    static MixtureInformation.ComponentDerivatives derivatives(RegressionMixture m, double[][] columns, double[] y,
            double[] offset, double[] trials) {
        boolean poisson = m.family().name().equals("poisson");
        int p = columns.length;
        int s = p + (m.hasSd() ? 1 : 0);
        return new MixtureInformation.ComponentDerivatives() {
            @Override
            public int size() {
                return s;
            }

            @Override
            public void at(int row, int j, double[] grad, double[] h) {
                double[] beta = m.coefficients(j);
                double eta = offset[row];
                for (int t = 0; t < p; t++) {
                    eta += columns[t][row] * beta[t];
                }
                double resid;
                double curvature;
                if (m.hasSd()) {
                    double sd = m.sd(j);
                    resid = (y[row] - eta) / (sd * sd);
                    curvature = 1 / (sd * sd);
                    double r = y[row] - eta;
                    grad[p] = -1 / sd + r * r / (sd * sd * sd);
                    h[p * s + p] = 3 * r * r / (sd * sd * sd * sd) - 1 / (sd * sd);
                    for (int t = 0; t < p; t++) {
                        double v = 2 * columns[t][row] * r / (sd * sd * sd);
                        h[t * s + p] = v;
                        h[p * s + t] = v;
                    }
                } else if (poisson) {
                    double mu = Math.exp(eta);
                    resid = y[row] - mu;
                    curvature = mu;
                } else {
                    double prob = 1 / (1 + Math.exp(-eta));
                    resid = y[row] - trials[row] * prob;
                    curvature = trials[row] * prob * (1 - prob);
                }
                for (int a = 0; a < p; a++) {
                    double xa = columns[a][row];
                    grad[a] = xa * resid;
                    for (int b = 0; b < p; b++) {
                        h[a * s + b] = xa * columns[b][row] * curvature;
                    }
                }
            }
        };
    }

    /**
     * The bootstrap of a mixture of regressions fit by {@code estimator} to {@code frame}, with
     * {@code known} components per frame row (−1 hidden; null for none) kept in every replicate.
     */
    public static BootstrapModel<Frame, RegressionMixture> bootstrap(RegmixEstimator estimator, Frame frame, int[] known) {
        RegmixEstimator one = estimator.withEm(estimator.em().withRestarts(1).withThreads(1));
        double[] original = unitWeights(estimator, frame);
        boolean weighted = estimator.design().weights() != null
                || Design.build(estimator.formula(), frame, estimator.design()).droppedRows() > 0;
        return new BootstrapModel<>() {
            @Override
            public List<String> parameterNames(RegressionMixture fitted, Frame data) {
                return names(fitted);
            }

            @Override
            public RegressionMixture refit(RegressionMixture fitted, Frame data, long seed) {
                RegmixEstimator e = data.has(COUNTS) ? one.withDesign(one.design().withWeights(COUNTS)) : one;
                return e.withInit(new RegmixInit.Given(fitted)).fit(data, known, seed, org.mlem.em.EmListener.NONE).model();
            }

            @Override
            public double[] matchedParameters(RegressionMixture fitted, RegressionMixture replicate) {
                return values(replicate, match(fitted, replicate));
            }

            @Override
            public int units(Frame data) {
                return data.rows();
            }

            @Override
            public boolean hasWeights(Frame data) {
                return weighted;
            }

            @Override
            public double unitWeight(Frame data, int u) {
                return original[u];
            }

            @Override
            public Frame reweighted(Frame data, double[] counts) {
                return withColumn(data, COUNTS, counts);
            }

            @Override
            public Frame simulate(RegressionMixture model, Frame data, int draws, long seed) {
                return simulated(estimator, model, data, seed);
            }
        };
    }

    /** Each frame row's frequency weight: the weights column's (1 without), 0 for a row the formula drops. */
    private static double[] unitWeights(RegmixEstimator estimator, Frame frame) {
        Design d = Design.build(estimator.formula(), frame, estimator.design());
        double[] w = new double[frame.rows()];
        double[] dw = d.weights();
        double[] trials = d.trials();
        int[] source = d.sourceRows();
        for (int i = 0; i < source.length; i++) {
            w[source[i]] = trials == null ? dw[i] : dw[i] / trials[i]; // the design folds cbind's trials in
        }
        return w;
    }

    /** {@code frame} with new responses drawn from {@code m} at its covariates (rows the formula drops kept as they are). */
    static Frame simulated(RegmixEstimator estimator, RegressionMixture m, Frame frame, long seed) {
        Design d = Design.build(estimator.formula(), frame, estimator.design());
        if (!d.formula().response().isColumn()) {
            throw new MlemUserException("the parametric bootstrap draws the response column, but the formula's response is "
                    + d.formula().response().label() + "; fit a column holding it, or use --bootstrap-kind nonparametric");
        }
        double[] trials = RegmixScores.trials(estimator.trials(), frame, d);
        double[] offset = d.offset();
        SplittableRandom rng = new SplittableRandom(seed);
        double[] w = m.weights();
        double[] y = frame.numeric(d.formula().response().label());
        int[] source = d.sourceRows();
        for (int i = 0; i < source.length; i++) {
            int j = RegmixDraws.component(w, rng);
            double[] beta = m.coefficients(j);
            double eta = offset[i];
            for (int t = 0; t < beta.length; t++) {
                eta += d.get(i, t) * beta[t];
            }
            y[source[i]] = RegmixScores.member(m, j, m.link().inverse(eta), trials[i]).sample(rng);
        }
        return withColumn(frame, d.formula().response().label(), y);
    }

    /** {@code frame} with numeric column {@code name} set to {@code values} (added last when new). */
    static Frame withColumn(Frame frame, String name, double[] values) {
        Frame.Builder b = Frame.builder();
        for (String c : frame.names()) {
            if (c.equals(name)) {
                b.numeric(c, values);
            } else if (frame.isNumeric(c)) {
                b.numeric(c, frame.numeric(c));
            } else {
                b.text(c, frame.text(c));
            }
        }
        if (!frame.has(name)) {
            b.numeric(name, values);
        }
        return b.build();
    }
}
