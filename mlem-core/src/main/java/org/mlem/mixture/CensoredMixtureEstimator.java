package org.mlem.mixture;

import java.util.List;
import org.mlem.MlemUserException;
import org.mlem.data.Block;
import org.mlem.data.BlockSource;
import org.mlem.data.DataMatrix;
import org.mlem.dist.UnivariateFamily;
import org.mlem.em.BlockReducer;
import org.mlem.em.EmDriver;
import org.mlem.em.EmListener;
import org.mlem.em.EmOptions;
import org.mlem.em.EmProblem;
import org.mlem.em.MixtureFit;
import org.mlem.em.Restarts;
import org.mlem.survival.CensoredLikelihood;
import org.mlem.survival.CensoredSample;

/**
 * Configuration for fitting a k-component mixture of one continuous family to censored rows
 * (right, left or interval, as {@link CensoredSample} holds them): the reliability analyst's
 * mixture of failure-time distributions. The likelihood of a row is Σ_j π_j f_j(x) when exact and
 * Σ_j π_j P_j(l &lt; X ≤ u) when censored; EM runs {@link CensoredMixtureModel} on
 * {@link EmDriver}'s loop (plain or SQUAREM, over the product mixture's parameter vector).
 *
 * <p>Starts: each restart is the product mixture's start ({@link MixtureInit}: k-means++ labels,
 * random responsibilities, or a given model) on the rows' midpoints (an open interval's finite
 * end), from {@code new SplittableRandom(seed).split()} per restart; the best final log-likelihood
 * is kept. When no row is censored the fit is {@link ProductMixtureEstimator#univariate}'s, bit
 * for bit.
 *
 * @param components k, at least 1
 * @param family a continuous family
 * @param init where EM starts
 * @param em iterations, tolerance, starts, threads, acceleration
 */
public record CensoredMixtureEstimator(int components, UnivariateFamily family, MixtureInit init, EmOptions em) {

    public CensoredMixtureEstimator {
        if (components < 1) {
            throw new MlemUserException("k = " + components + " components; k must be at least 1");
        }
        if (family.isDiscrete()) {
            throw new MlemUserException("censored mixtures are implemented for continuous families; " + family.name()
                    + " is a count family: fit it without --status/--interval");
        }
    }

    /** k components of {@code family}, k-means++ starts, {@link EmOptions#DEFAULTS}. */
    public static CensoredMixtureEstimator of(int k, UnivariateFamily family) {
        return new CensoredMixtureEstimator(k, family, MixtureInit.DEFAULT, EmOptions.DEFAULTS);
    }

    public CensoredMixtureEstimator withInit(MixtureInit i) {
        return new CensoredMixtureEstimator(components, family, i, em);
    }

    public CensoredMixtureEstimator withEm(EmOptions o) {
        return new CensoredMixtureEstimator(components, family, init, o);
    }

    /** Fits without progress reports. */
    public MixtureFit<ProductMixture> fit(CensoredSample sample, String column, long seed) {
        return fit(sample, column, seed, EmListener.NONE);
    }

    /**
     * Fits the mixture to the censored rows (their weights included); the model is a one-column
     * {@link ProductMixture} named {@code column}, which scores, predicts and samples as any.
     *
     * @throws org.mlem.survival.RowException for an exact value or finite bound outside the family's
     *     support (a negative time for a positive family), naming the 0-based row
     * @throws MlemUserException for fewer distinct rows than components, zero total weight, or
     *     every start collapsing
     */
    public MixtureFit<ProductMixture> fit(CensoredSample sample, String column, long seed, EmListener listener) {
        List<String> columns = List.of(column);
        int n = sample.rows();
        double[] lower = sample.lower();
        double[] upper = sample.upper();
        double[] w = sample.weights();
        CensoredLikelihood.checkSupport(family, lower, upper);
        DataMatrix data = DataMatrix.of(lower, n, 1, columns).withWeights(w);
        ColumnModel.Univariate layout = new ColumnModel.Univariate(0, family);
        ProductMixtureEstimator plain = new ProductMixtureEstimator(components, List.of(layout), init, em,
                FixedParameters.NONE);
        if (sample.allExact()) {
            return plain.fit(data, seed, listener);
        }
        DataMatrix mid = DataMatrix.of(CensoredLikelihood.midpoints(lower, upper), n, 1, columns).withWeights(w);
        check(mid);
        ProductMixtureModel startModel = new ProductMixtureModel(components, List.of(layout), columns,
                FixedParameters.NONE);
        CensoredMixtureModel model = new CensoredMixtureModel(components, layout, columns, upper, true);
        boolean drawn = !(init instanceof MixtureInit.Given || init instanceof MixtureInit.HardLabels);
        try (BlockReducer reducer = new BlockReducer(em.effectiveThreads())) {
            Restarts.Outcome<ProductMixture> out = Restarts.best(em.restartsFor((long) n, drawn), seed,
                    (seeds, draw) -> Starts.start(init, startModel, mid, mid, components, seeds.split(), reducer, draw),
                    (start, iterations) -> EmDriver.run(model, data, start, em, reducer, iterations), listener);
            return out.toFit(n, data.totalWeight(), startModel.freeParameters(out.best().params()), seed);
        }
    }

    /**
     * What a fit from the given start ({@code init} a {@link MixtureInit.Given}) runs when the rows
     * live elsewhere (Spark's partitions): the same latent model, E- and M-step, over two-column
     * rows, each a lower bound then an upper bound (−∞ and +∞ open ends, equal bounds an exact
     * row), so that EM over those rows in row order is {@link #fit} from that start. The model is a
     * one-column mixture named {@code column}, its free parameters counted as {@link #fit} counts them.
     *
     * @param censored whether any row is censored (when none, the M-step is the family's own
     *     weighted MLE, as {@link #fit} then fits)
     * @throws IllegalStateException when the start is not given
     */
    public EmProblem<ProductMixture> problem(String column, boolean censored) {
        if (!(init instanceof MixtureInit.Given given)) {
            throw new IllegalStateException("a problem needs a given start, not " + init);
        }
        List<String> columns = List.of(column);
        ColumnModel.Univariate layout = new ColumnModel.Univariate(0, family);
        ProductMixtureModel counted = new ProductMixtureModel(components, List.of(layout), columns,
                FixedParameters.NONE);
        ProductMixture start = Starts.checkedStart(given.start(), components, List.of(layout), 1);
        return new EmProblem<>(new CensoredMixtureModel(components, layout, columns, null, censored), null, start,
                counted::freeParameters);
    }

    /**
     * The observed-data log-likelihood Σ_i w_i log Σ_j π_j p_j(row i) of a one-column mixture on
     * censored rows, p_j the density of an exact row and the probability of a censored row's
     * interval; −∞ when a row has probability 0 under every component.
     */
    public static double logLikelihood(ProductMixture m, CensoredSample sample) {
        int k = m.k();
        double[] lower = sample.lower();
        double[] upper = sample.upper();
        double[] terms = new double[k];
        double total = 0;
        for (int i = 0; i < lower.length; i++) {
            double w = sample.weight(i);
            if (w == 0) {
                continue;
            }
            double top = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                terms[j] = Math.log(m.weights()[j])
                        + CensoredLikelihood.logProbability(CensoredMixtureModel.distribution(m, j), lower[i], upper[i]);
                top = Math.max(top, terms[j]);
            }
            if (top == Double.NEGATIVE_INFINITY) {
                return Double.NEGATIVE_INFINITY;
            }
            double sum = 0;
            for (double t : terms) {
                sum += Math.exp(t - top);
            }
            total += w * (top + Math.log(sum));
        }
        return total;
    }

    private void check(DataMatrix mid) {
        if (!(mid.totalWeight() > 0)) {
            throw new MlemUserException("every row has weight 0; at least one row needs a positive weight");
        }
        int distinct = mid.distinctRows(components);
        if (distinct < components) {
            throw new MlemUserException("k=" + components + " components but only " + distinct
                    + " distinct rows (of positive weight); use k <= " + distinct);
        }
    }

    /**
     * {@code log π_j + log P_j(row i)} of censored rows under a one-column mixture of a continuous
     * family, n × k row-major: an exact row's the product mixture's joint log density, a censored
     * row's the component's probability of its interval — the terms the fit's E-step normalises.
     *
     * @throws MlemUserException when the mixture is not of one column of one continuous family
     * @throws org.mlem.survival.RowException for a bound outside the family's support
     */
    public static double[] logJoint(ProductMixture m, CensoredSample s) {
        if (m.dimension() != 1 || !(m.component(0).parts().get(0) instanceof ComponentPart.UnivariatePart u)
                || u.model().family().isDiscrete()) {
            throw new MlemUserException("censored rows (--status, --interval) are scored by a mixture of one column of "
                    + "a continuous family (fit mixture --family weibull --status ...); this mixture has "
                    + m.dimension() + " columns " + m.columns());
        }
        CensoredLikelihood.checkSupport(u.model().family(), s.lower(), s.upper());
        int n = s.rows();
        int k = m.k();
        double[] lower = s.lower();
        double[] upper = s.upper();
        double[] out = new double[n * k];
        DataMatrix x = DataMatrix.of(lower, n, 1, m.columns());
        double[] block = new double[BlockSource.BLOCK_ROWS * k];
        for (int b = 0; b < x.blockCount(); b++) {
            Block rows = x.block(b);
            m.logJoint(rows, block);
            System.arraycopy(block, 0, out, rows.start() * k, rows.rows() * k);
        }
        for (int i = 0; i < n; i++) {
            if (lower[i] != upper[i]) {
                for (int j = 0; j < k; j++) {
                    out[i * k + j] = Math.log(m.weights()[j])
                            + CensoredLikelihood.logProbability(CensoredMixtureModel.distribution(m, j), lower[i], upper[i]);
                }
            }
        }
        return out;
    }
}
