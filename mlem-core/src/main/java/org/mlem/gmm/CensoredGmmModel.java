package org.mlem.gmm;

import java.util.HashMap;
import java.util.Map;
import org.mlem.data.Block;
import org.mlem.data.DataMatrix;
import org.mlem.em.MissingCellsModel;
import org.mlem.kernel.ConditionalGaussian;
import org.mlem.kernel.GaussianKernels;

/**
 * A Gaussian mixture fit to rows with censored cells ({@link CensoredCells}: each known only to lie
 * in (l, u]), read from data with NaN at those cells. Component j's term for a row is the density
 * of its exact cells x_o times the probability of the censored cells' box given them:
 * N(x_o; μ_o, Σ_oo) · P(l &lt; Y_c ≤ u | x_o), Y_c | x_o ~ N(μ_c + B(x_o − μ_o), C). The expected
 * statistics fill each censored cell with E[Y_c | x_o, box] and add its truncated conditional
 * variance (Tallis, 1961; Lee, 1979). Both are exact when C is diagonal: with a diagonal or
 * spherical structure (the censored cells are then independent given x_o, the box probability is a
 * product of univariate ones and each cell a univariate truncated normal, {@link TruncatedNormal})
 * and, for any structure, in a row with one censored cell. Rows with several censored cells under
 * a full-storage structure are refused before the fit ({@link CensoredGmmEstimator}). The
 * statistics and M-step are {@link GmmModel}'s, as for missing cells ({@link MissingCellsModel}).
 */
final class CensoredGmmModel extends MissingCellsModel<GaussianMixture, GmmStats> {
    private static final long serialVersionUID = 1L;

    /** Censored cells a row from which {@link BoxProbability} is quasi-Monte Carlo. */
    static final int QMC_CELLS = 4;

    /**
     * The QMC's relative error for the first look at a row's boxes of {@value #QMC_CELLS} or more
     * cells (the row's posteriors, from which each box's own target is set), and the loosest
     * target a box is given: a few thousand integrand values.
     */
    static final double SCREEN_ERROR = 1e-2;

    private final CensoredCells cells;
    private final BoxProbability box;
    private final double precision;

    CensoredGmmModel(GmmModel complete, CensoredCells cells, BoxProbability box) {
        super(complete);
        this.cells = cells;
        this.box = box;
        int qmcRows = 0;
        if (complete.structure().crossProducts()) {
            for (int i = 0; i < cells.rows(); i++) {
                qmcRows += cells.censoredInRow(i) >= QMC_CELLS ? 1 : 0;
            }
        }
        precision = box.relativeError() * qmcRows / Math.max(1, cells.rows());
    }

    /**
     * The default's rounding, or with rows of four or more correlated censored cells the QMC's:
     * each such row's log term may be off by up to the asked relative error (its boxes' targets,
     * {@link #target}, weighted by the row's posteriors, sum to it), so
     * ℓ by up to that times their count (taken relative to the row count, |ℓ| being of the order of
     * n or more for continuous data): the stopping rule reads steps below it as noise.
     */
    @Override
    public double logLikelihoodPrecision() {
        return Math.max(super.logLikelihoodPrecision(), precision);
    }

    /**
     * The relative error target of a QMC box of component j in a row whose posterior of j is
     * {@code tau} and whose QMC components' posteriors have square roots summing to {@code roots}:
     * {@code asked / (√τ_j Σ_i √τ_i)}, at most {@value #SCREEN_ERROR}. The row's likelihood
     * Σ_j π_j f_j is then off by at most Σ_j τ_j ε_j = asked relative (the bound of
     * {@link #logLikelihoodPrecision()}), and component j's truncated moments, which enter the
     * statistics with weight τ_j, by τ_j ε_j = asked √τ_j / Σ √τ_i ≤ asked; a component the row
     * hardly belongs to (the far one, whose box can be 1e-6 small and cost the QMC its whole
     * budget relative to itself) gets the loose target. The targets depend only on the data and
     * the parameters (posteriors from the boxes at {@value #SCREEN_ERROR}), so on no thread count.
     */
    static double target(double asked, double tau, double roots) {
        if (!(tau > 0 && roots > 0)) {
            return SCREEN_ERROR;
        }
        return Math.min(SCREEN_ERROR, asked / (Math.sqrt(tau) * roots));
    }

    @Override
    public double accumulate(GaussianMixture params, Block rows, GmmStats into) {
        int k = params.components();
        Row r = new Row(params, into.cross);
        double[] x = rows.x();
        double ll = 0;
        for (int i = 0; i < rows.rows(); i++) {
            int row = rows.start() + i;
            double w = rows.weight(i);
            if (w == 0) { // a row a bootstrap replicate left out: no term, no statistics
                continue;
            }
            ConditionalGaussian[] f = r.terms(x, rows.offset(i), row);
            ll += w * GaussianKernels.normalizeRows(r.terms, 1, k, null, rows.labels(), row);
            for (int j = 0; j < k; j++) {
                double t = r.terms[j] * w;
                if (t != 0) {
                    addRow(into, j, t, f[j], r.filled, r.variance, r.diff);
                }
            }
        }
        return ll;
    }

    /**
     * log π_j + log f_j(x_i) of every row of {@code marked} (NaN at its censored cells) and component:
     * n rows of k, each f_j the density of the row's exact cells times its censored cells' box
     * probability given them, as the E-step computes it.
     */
    double[][] logTerms(GaussianMixture params, DataMatrix marked) {
        Row r = new Row(params, params.structure().crossProducts());
        double[] x = marked.values();
        double[][] out = new double[marked.rows()][];
        for (int i = 0; i < out.length; i++) {
            r.terms(x, i * params.dimension(), i);
            out[i] = r.terms.clone();
        }
        return out;
    }

    /**
     * One row's E-step under {@code params}: each component's log term, completed row and the
     * censored cells' truncated covariance, in scratch arrays reused from row to row.
     */
    private final class Row {
        final boolean cross;
        final int k;
        final int d;
        final double[] covs;
        final double[] mu;
        final double[] logW;
        final Map<String, ConditionalGaussian[]> factors = new HashMap<>();
        final double[] terms;
        final double[] diff;
        final double[] filled; // each component's completed row
        final double[] variance; // each component's truncated covariance of the censored cells
        final double[] mv = new double[2];
        final double[] base; // each component's log term without its QMC box, while the box's target waits
        final double[] posterior;
        final Joint joint;

        Row(GaussianMixture params, boolean cross) {
            this.cross = cross;
            k = params.components();
            d = params.dimension();
            covs = GmmMissingModel.stackedCovariances(params);
            mu = params.meansFlat();
            logW = GmmMissingModel.logWeights(params);
            terms = new double[k];
            diff = new double[d];
            filled = new double[k * d];
            variance = new double[k * d * d];
            base = new double[k];
            posterior = new double[k];
            joint = new Joint(d);
        }

        /** Fills {@link #terms}, {@link #filled} and {@link #variance} for the row at {@code x[off..]}; returns its factors. */
        ConditionalGaussian[] terms(double[] x, int off, int row) {
            ConditionalGaussian[] f = factors.computeIfAbsent(ConditionalGaussian.patternKey(x, off, d),
                    key -> factorsOf(covs, k, d, key));
            boolean screen = false; // some component's box is QMC and its error target waits for the row's posteriors
            for (int j = 0; j < k; j++) {
                ConditionalGaussian c = f[j];
                int o = c.observed.length;
                for (int a = 0; a < o; a++) {
                    diff[a] = x[off + c.observed[a]] - mu[j * d + c.observed[a]];
                }
                double logTerm = logW[j] - 0.5 * (o * GaussianKernels.LOG_2PI + c.logDet + c.mahalanobis(diff));
                c.fill(x, off, mu, j * d, diff); // diff now holds the row with conditional means at the censored cells
                System.arraycopy(diff, 0, filled, j * d, d);
                int m = c.missing.length;
                if (m >= QMC_CELLS && cross && box.relativeError() < SCREEN_ERROR) {
                    base[j] = logTerm; // the box at SCREEN_ERROR for now; its moments after the targets are set
                    logTerm += joint.screen(c, row, diff);
                    screen = true;
                } else if (m > 1 && cross) {
                    logTerm += joint.moments(c, row, diff, box, filled, j * d, variance, j * d * d);
                } else {
                    for (int q = 0; q < m; q++) {
                        int a = c.missing[q];
                        logTerm += TruncatedNormal.moments(diff[a], c.conditional[q * m + q], cells.lower(row, a),
                                cells.upper(row, a), mv, 0);
                        filled[j * d + a] = mv[0];
                        variance[j * d * d + a * d + a] = mv[1];
                    }
                }
                terms[j] = logTerm;
            }
            if (screen) {
                boxesToTargets(f, row);
            }
            return f;
        }

        /**
         * The QMC boxes of this row at their error targets ({@link CensoredGmmModel#targets}), from
         * the posteriors that {@link #terms} has with those boxes at {@value CensoredGmmModel#SCREEN_ERROR}.
         */
        private void boxesToTargets(ConditionalGaussian[] f, int row) {
            double top = Double.NEGATIVE_INFINITY;
            for (double t : terms) {
                top = Math.max(top, t);
            }
            double total = 0;
            for (int j = 0; j < k; j++) {
                posterior[j] = Math.exp(terms[j] - top);
                total += posterior[j];
            }
            double roots = 0; // Σ √τ_j over the QMC components
            for (int j = 0; j < k; j++) {
                posterior[j] /= total;
                roots += isScreened(f[j]) ? Math.sqrt(posterior[j]) : 0;
            }
            for (int j = 0; j < k; j++) {
                if (isScreened(f[j])) {
                    double target = target(box.relativeError(), posterior[j], roots);
                    System.arraycopy(filled, j * d, diff, 0, d); // the conditional means, as the first pass left them
                    terms[j] = base[j] + joint.moments(f[j], row, diff, box.withRelativeError(target), filled, j * d,
                            variance, j * d * d);
                }
            }
        }

        private boolean isScreened(ConditionalGaussian c) {
            return c.missing.length >= QMC_CELLS;
        }
    }

    /**
     * The censored cells of one row taken together (two or more, correlated given the exact cells):
     * their box probability and truncated mean and covariance ({@link TruncatedMvn}); scratch
     * arrays sized for the row's width.
     */
    private final class Joint {
        private final double[] lo;
        private final double[] hi;
        private final double[] mean;
        private final double[] cov;
        /** Boxes of four or more cells already done in this pass, by their factor, bounds and error target. */
        private final Map<BoxKey, double[]> done = new HashMap<>();
        /** The log probabilities of those boxes at {@value CensoredGmmModel#SCREEN_ERROR}, by their factor and bounds. */
        private final Map<BoxKey, Double> screened = new HashMap<>();

        Joint(int d) {
            lo = new double[d];
            hi = new double[d];
            mean = new double[d];
            cov = new double[d * d];
        }

        /**
         * log P of the box of {@code row}'s censored cells (four or more) under component factor
         * {@code c}, the QMC at {@value CensoredGmmModel#SCREEN_ERROR}: enough for the row's posteriors, from
         * which the box's error target is set.
         */
        double screen(ConditionalGaussian c, int row, double[] conditionalMeans) {
            int m = bounds(c, row, conditionalMeans);
            BoxKey key = new BoxKey(c, java.util.Arrays.copyOf(lo, m), java.util.Arrays.copyOf(hi, m), SCREEN_ERROR);
            return screened.computeIfAbsent(key, b -> box.withRelativeError(SCREEN_ERROR).logProbability(c.conditional, m,
                    b.lo, b.hi));
        }

        /**
         * Writes the truncated means into {@code filled[at + a]} and covariances into
         * {@code variance[vat + a d + b]} for the censored cells a, b of {@code row}, whose
         * conditional means are in {@code conditionalMeans}; returns the log box probability.
         */
        double moments(ConditionalGaussian c, int row, double[] conditionalMeans, BoxProbability rule, double[] filled,
                int at, double[] variance, int vat) {
            int m = bounds(c, row, conditionalMeans);
            int d = lo.length;
            double logP;
            if (m < QMC_CELLS) {
                logP = TruncatedMvn.moments(c.conditional, m, java.util.Arrays.copyOf(lo, m), java.util.Arrays.copyOf(hi, m), rule,
                        Double.NaN, mean, cov);
            } else { // quasi-Monte Carlo: a box met before in this pass (same factor, bounds and target) is read back
                BoxKey key = new BoxKey(c, java.util.Arrays.copyOf(lo, m), java.util.Arrays.copyOf(hi, m), rule.relativeError());
                double[] got = done.get(key);
                if (got == null) {
                    Double known = rule.relativeError() == SCREEN_ERROR ? screened.get(key) : null;
                    got = new double[1 + m + m * m];
                    got[0] = TruncatedMvn.moments(c.conditional, m, key.lo, key.hi, rule, known == null ? Double.NaN : known,
                            mean, cov);
                    System.arraycopy(mean, 0, got, 1, m);
                    System.arraycopy(cov, 0, got, 1 + m, m * m);
                    done.put(key, got);
                }
                logP = got[0];
                System.arraycopy(got, 1, mean, 0, m);
                System.arraycopy(got, 1 + m, cov, 0, m * m);
            }
            for (int q = 0; q < m; q++) {
                int a = c.missing[q];
                filled[at + a] = conditionalMeans[a] + mean[q];
                for (int p = 0; p < m; p++) {
                    variance[vat + a * d + c.missing[p]] = cov[q * m + p];
                }
            }
            return logP;
        }

        /** The row's censored cells' bounds relative to their conditional means into {@link #lo}, {@link #hi}; returns their count. */
        private int bounds(ConditionalGaussian c, int row, double[] conditionalMeans) {
            int m = c.missing.length;
            for (int q = 0; q < m; q++) {
                int a = c.missing[q];
                lo[q] = cells.lower(row, a) - conditionalMeans[a];
                hi[q] = cells.upper(row, a) - conditionalMeans[a];
            }
            return m;
        }
    }

    /**
     * One box of a pattern's component factor (compared by identity: each pass builds its own) and
     * its bounds relative to the conditional mean, compared bit for bit, and the QMC's error target:
 * rows whose censored cells
     * share their limits and condition on nothing (every cell censored) or on the same exact
     * values meet the same box, whose result is then the same bits as computing it again.
     */
    private record BoxKey(ConditionalGaussian factor, double[] lo, double[] hi, double error) {
        @Override
        public boolean equals(Object o) {
            return o instanceof BoxKey k && k.factor == factor && java.util.Arrays.equals(k.lo, lo)
                    && java.util.Arrays.equals(k.hi, hi) && Double.compare(k.error, error) == 0;
        }

        @Override
        public int hashCode() {
            return 31 * (31 * (31 * System.identityHashCode(factor) + java.util.Arrays.hashCode(lo))
                    + java.util.Arrays.hashCode(hi)) + Double.hashCode(error);
        }
    }

    /** The pattern's factors; a row whose every cell is censored conditions on nothing. */
    private static ConditionalGaussian[] factorsOf(double[] covs, int k, int d, String key) {
        return ConditionalGaussian.ofEach(covs, k, d, ConditionalGaussian.observedOf(key), ConditionalGaussian.missingOf(key),
                NotPositiveDefiniteException::new);
    }

    /**
     * Adds {@code r · [(x̂ − c)(x̂ − c)ᵀ + V]} for component j, x̂ the completed row, V the censored
     * cells' truncated covariance (d×d at {@code variance[j d²..]}; only its diagonal is read for
     * diagonal storage, and off its diagonal only in rows of two or more censored cells).
     */
    private static void addRow(GmmStats s, int j, double r, ConditionalGaussian c, double[] filled, double[] variance,
            double[] centred) {
        int d = s.d;
        int base = j * d;
        s.nk[j] += r;
        for (int a = 0; a < d; a++) {
            centred[a] = filled[base + a] - s.shift[base + a];
            s.s1[base + a] += r * centred[a];
        }
        if (s.cross) {
            int sq = j * d * d;
            for (int a = 0; a < d; a++) {
                for (int b = a; b < d; b++) {
                    s.s2[sq + a * d + b] += r * centred[a] * centred[b];
                }
            }
            int m = c.missing.length;
            for (int p = 0; p < m; p++) {
                int a = c.missing[p];
                s.s2[sq + a * d + a] += r * variance[sq + a * d + a];
                for (int q = p + 1; m > 1 && q < m; q++) { // missing cells ascend: the upper triangle
                    int b = c.missing[q];
                    s.s2[sq + a * d + b] += r * variance[sq + a * d + b];
                }
            }
        } else {
            for (int a = 0; a < d; a++) {
                s.s2[base + a] += r * centred[a] * centred[a];
            }
            for (int a : c.missing) {
                s.s2[base + a] += r * variance[j * d * d + a * d + a];
            }
        }
    }
}
