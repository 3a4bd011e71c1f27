package org.mlem.select;

import java.util.List;
import java.util.Locale;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.em.DegenerateComponent;
import org.mlem.em.MixtureFit;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.GaussianMixture;

/**
 * Fits every (k, variant) in {@code minK..maxK × variants} and tabulates log-likelihood, free
 * parameters, BIC, AIC and ICL (all lower-is-better), as mclust's {@code mclustBIC} does.
 *
 * <p>Candidates run in parallel on a pool of {@code threads} threads, each fit on one thread, the largest k first.
 * Candidate (k, v) is fit with the seed {@code Seeds.derive(seed, k, name(v).hashCode())}, so its
 * result depends only on the master seed, k and the variant's name: the same bits for any thread
 * count, and unchanged when the grid grows. A fit that fails for a reason the user can act on (a
 * collapsing component, fewer distinct rows than k) is reported in its row, not thrown. A
 * candidate with a degenerate component ({@link SelectableFamily#degenerateComponents}) or with at
 * least as many free parameters as rows (the total weight) is reported and never picked, as
 * mclust leaves such fits NA.
 *
 * <p><b>Rank stopping.</b> Unless {@code convergeAll}, when the family can stop its fits earlier
 * ({@link SelectableFamily#loosened}: Aitken's rule at a tolerance below {@link #FIRST_PASS_TOLERANCE}),
 * the criterion is BIC or AIC, selection runs in two passes. The first fits every candidate to
 * Aitken's {@link #FIRST_PASS_TOLERANCE}; the threshold is the best eligible criterion among
 * them. Each candidate gets an optimistic log-likelihood ({@link #optimistic}): where it stopped,
 * plus {@link #SAFETY} times Aitken's projection of the gain still to come (at least the loose
 * tolerance's), plus an absolute slack; infinite when its best start did not converge. Every
 * candidate whose optimistic criterion could still reach the threshold, and every one that failed,
 * is fitted again from scratch at the family's own tolerance, with its own seed; the threshold is
 * recomputed and the rule repeated until no candidate left can reach it. So a candidate that
 * could be picked is the very fit a run of every candidate to its maximum gives, bit for bit, and
 * the others keep their first-pass fit, marked {@link Candidate#RANK_STOPPED}. Which candidates
 * are refitted depends only on the first pass's results, each a function of its seed: the same
 * bits for any thread count.
 *
 * <p><b>One start in the first pass.</b> When the family's fits run several starts on the data
 * ({@link SelectableFamily#starts}: ten on small data by default) and it can run its first alone
 * ({@link SelectableFamily#oneStart}), the first pass runs only that start, the very one (and the
 * very screen choosing it) that begins the fit of several, so its end is where that fit's first
 * start ends, at the looser tolerance. The other starts can only raise the maximum, so the
 * optimistic log-likelihood then adds {@link #STARTS_SLACK} plus {@link #STARTS_SLACK_PER_ROW} per
 * unit of total weight: twice the most, per row, that the nine later starts added to a candidate
 * that could be picked (not degenerate) in iris's and faithful's whole selections
 * (docs/benchmarks.md, 2026-12-07 16:15Z); a heuristic, as the Aitken term is. A candidate
 * refitted runs every start, as {@code convergeAll} does.
 *
 * @param family what is fit
 * @param minK smallest k, at least 1
 * @param maxK largest k, at least {@code minK}
 * @param variants the variants to try, in report order, at least one, no repeats
 * @param threads candidates fit at once; 0 for every available core
 * @param criterion what {@link SelectionResult#best()} minimises
 * @param convergeAll run every candidate to the family's own tolerance (no rank stopping)
 */
public record ModelSelection<D, V, M>(SelectableFamily<D, V, M> family, int minK, int maxK, List<V> variants,
        int threads, Criterion criterion, boolean convergeAll) {

    /** The Aitken tolerance of the first pass (relative to |ℓ|). */
    public static final double FIRST_PASS_TOLERANCE = 1e-6;

    /** How many times Aitken's projected gain a stopped candidate is credited with. */
    public static final double SAFETY = 10;

    /** The absolute slack, in log-likelihood, added to every optimistic bound. */
    public static final double SLACK = 2;

    /** The slack relative to |ℓ| (the larger of the two is added). */
    public static final double RELATIVE_SLACK = 1e-4;

    /** The absolute slack, in log-likelihood, for the starts a one-start first pass did not run. */
    public static final double STARTS_SLACK = 10;

    /** The slack per unit of total weight (row) for the starts a one-start first pass did not run. */
    public static final double STARTS_SLACK_PER_ROW = 0.1;

    public ModelSelection {
        if (family == null) {
            throw new IllegalArgumentException("family is required");
        }
        if (minK < 1 || maxK < minK) {
            throw new MlemUserException("k range " + minK + ".." + maxK + " is empty or starts below 1; give 1 <= min <= max");
        }
        if (variants == null || variants.isEmpty()) {
            throw new MlemUserException("no model variants to compare; give at least one");
        }
        variants = List.copyOf(variants);
        if (variants.stream().map(family::variantName).distinct().count() != variants.size()) {
            throw new MlemUserException("variants " + variants + " repeat a name; give each once");
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0 (0 = all cores), got " + threads);
        }
        if (criterion == null) {
            throw new IllegalArgumentException("criterion is required");
        }
    }

    /** Rank stopping where the family allows it. */
    public ModelSelection(SelectableFamily<D, V, M> family, int minK, int maxK, List<V> variants, int threads,
            Criterion criterion) {
        this(family, minK, maxK, variants, threads, criterion, false);
    }

    /** Selection by BIC. */
    public ModelSelection(SelectableFamily<D, V, M> family, int minK, int maxK, List<V> variants, int threads) {
        this(family, minK, maxK, variants, threads, Criterion.BIC);
    }

    /**
     * Gaussian mixtures with k in {@code minK..maxK}, every covariance structure, default settings,
     * all cores, by BIC, for data of two or more columns.
     */
    public static ModelSelection<DataMatrix, CovarianceStructure, GaussianMixture> gaussian(int minK, int maxK) {
        return gaussian(minK, maxK, 2);
    }

    /**
     * As {@link #gaussian(int, int)} for data of {@code dimension} columns: in one dimension the
     * two distinct models, E and V ({@link GaussianFamily#variants(int)}).
     */
    public static ModelSelection<DataMatrix, CovarianceStructure, GaussianMixture> gaussian(int minK, int maxK, int dimension) {
        GaussianFamily family = GaussianFamily.DEFAULTS.forDimension(dimension);
        return new ModelSelection<>(family, minK, maxK, GaussianFamily.variants(dimension), 0);
    }

    public ModelSelection<D, V, M> withThreads(int t) {
        return new ModelSelection<>(family, minK, maxK, variants, t, criterion, convergeAll);
    }

    public ModelSelection<D, V, M> withCriterion(Criterion c) {
        return new ModelSelection<>(family, minK, maxK, variants, threads, c, convergeAll);
    }

    /** This selection running every candidate to its maximum ({@code true}) or rank-stopping. */
    public ModelSelection<D, V, M> withConvergeAll(boolean all) {
        return new ModelSelection<>(family, minK, maxK, variants, threads, criterion, all);
    }

    /**
     * Fits every candidate to {@code data} (its row weights are frequency weights).
     *
     * @throws MlemUserException for data no candidate could take (empty, non-finite cells)
     */
    public SelectionResult<M> run(D data, long seed) {
        family.check(data);
        family.checkVariants(variants, data);
        int nv = variants.size();
        int count = (maxK - minK + 1) * nv;
        SelectableFamily<D, V, M> loose = convergeAll || criterion == Criterion.ICL ? null
                : family.loosened(FIRST_PASS_TOLERANCE);
        SelectableFamily<D, V, M> oneStart = loose == null || family.starts(data) <= 1 ? null : loose.oneStart();
        int[] all = new int[count];
        for (int i = 0; i < count; i++) {
            all[i] = i;
        }
        List<Candidate<M>> rows = new java.util.ArrayList<>(fitAll(oneStart != null ? oneStart : loose == null ? family : loose,
                data, seed, all, loose == null ? Double.NaN : FIRST_PASS_TOLERANCE, oneStart != null));
        if (loose == null) {
            return new SelectionResult<>(rows, criterion);
        }
        double[] bound = new double[count];
        boolean[] full = new boolean[count];
        for (int i = 0; i < count; i++) {
            bound[i] = rows.get(i).failed() ? Double.POSITIVE_INFINITY : rows.get(i).optimisticLogLikelihood();
        }
        while (true) {
            double threshold = Double.POSITIVE_INFINITY;
            for (Candidate<M> c : rows) {
                if (c.eligible()) {
                    threshold = Math.min(threshold, criterion.of(c));
                }
            }
            int[] again = new int[count];
            int m = 0;
            for (int i = 0; i < count; i++) {
                if (!full[i] && !(optimisticCriterion(rows.get(i), bound[i]) > threshold)) {
                    again[m++] = i;
                    full[i] = true;
                }
            }
            if (m == 0) {
                break;
            }
            List<Candidate<M>> refit = fitAll(family, data, seed, java.util.Arrays.copyOf(again, m), Double.NaN, false);
            for (int j = 0; j < m; j++) {
                rows.set(again[j], refit.get(j));
            }
        }
        for (int i = 0; i < count; i++) {
            if (!full[i]) {
                rows.set(i, rows.get(i).rankStopped());
            }
        }
        return new SelectionResult<>(rows, criterion, oneStart != null ? 1 : 0);
    }

    /**
     * The candidates at {@code indices} (k-major, variants in order) fitted by {@code f}, in that order,
     * each with its {@link #optimistic} bound when {@code looseTol} (the tolerance {@code f} stops at) is not NaN,
     * with the slack for the starts not run when {@code oneStart}.
     * Largest k first: the pool takes tasks in the order given, and the dearest candidates started
     * last would leave the other threads idle at the end. Each candidate depends on its own seed
     * only, so the order changes no bits.
     */
    private List<Candidate<M>> fitAll(SelectableFamily<D, V, M> f, D data, long seed, int[] indices, double looseTol,
            boolean oneStart) {
        int nv = variants.size();
        int m = indices.length;
        List<Candidate<M>> rows = new java.util.ArrayList<>(ParallelTasks.map(m, ParallelTasks.effective(threads), t -> {
            int i = indices[m - 1 - t];
            return candidate(f, data, minK + i / nv, variants.get(i % nv), seed, looseTol, oneStart);
        }));
        java.util.Collections.reverse(rows);
        return rows;
    }

    /** The criterion {@code c} would have with log-likelihood {@code ll}: −∞ for a failed candidate or an unbounded {@code ll}. */
    private double optimisticCriterion(Candidate<M> c, double ll) {
        if (c.failed() || ll == Double.POSITIVE_INFINITY) {
            return Double.NEGATIVE_INFINITY;
        }
        return criterion.of(c) - 2 * (ll - c.logLikelihood());
    }

    /**
     * A generous upper bound on the log-likelihood {@code fit} (run to Aitken tolerance {@code tol})
     * would reach run on: ℓ + {@link #SAFETY} × max(Aitken's projection of the gain still to come
     * from the last three log-likelihoods of the best start, tol·max(1, |ℓ|)) + max({@link #SLACK},
     * {@link #RELATIVE_SLACK}·|ℓ|); +∞ when the start did not converge or the projection does not
     * exist (the steps, above a thousandth of the floor, do not shrink).
     */
    static double optimistic(MixtureFit<?> fit, double tol) {
        double ll = fit.logLikelihood();
        if (!fit.converged() || !Double.isFinite(ll)) {
            return Double.POSITIVE_INFINITY;
        }
        double scale = Math.max(1, Math.abs(ll));
        double gain = tol * scale;
        double[] t = fit.trace();
        if (t.length >= 3) {
            double step = t[t.length - 1] - t[t.length - 2];
            double before = t[t.length - 2] - t[t.length - 3];
            // a step at the rounding of the run's own rule is flat: the floor tol·max(1, |ℓ|) covers it
            if (step > 1e-3 * tol * scale) {
                if (!(before > step)) {
                    return Double.POSITIVE_INFINITY;
                }
                double rate = step / before;
                gain = Math.max(gain, step * rate / (1 - rate));
            }
        }
        return ll + SAFETY * gain + Math.max(SLACK, RELATIVE_SLACK * Math.abs(ll));
    }

    /** What a one-start first pass adds to a candidate's optimistic log-likelihood on {@code totalWeight} rows. */
    static double startsSlack(double totalWeight) {
        return Math.max(STARTS_SLACK, STARTS_SLACK_PER_ROW * totalWeight);
    }

    private Candidate<M> candidate(SelectableFamily<D, V, M> f, D data, int k, V variant, long master, double looseTol,
            boolean oneStart) {
        String name = f.variantName(variant);
        long seed = Seeds.derive(master, k, name.hashCode());
        MixtureFit<M> fit;
        try {
            fit = f.fit(data, k, variant, seed);
        } catch (MlemUserException e) {
            return Candidate.failed(k, name, seed, e.getMessage());
        }
        double bic = fit.bic();
        SelectableFamily.Assessment assessed = f.assess(fit.model(), data);
        double icl = bic - 2 * assessed.classificationLogLikelihood();
        List<DegenerateComponent> degenerate = assessed.degenerate();
        return new Candidate<>(k, name, seed, fit.logLikelihood(), fit.nParameters(), bic, fit.aic(), icl,
                fit.converged(), fit.iterations(), fit.model(), null, degenerate,
                exclusion(degenerate, fit.nParameters(), fit.totalWeight()), null,
                Double.isNaN(looseTol) ? Double.NaN : optimistic(fit, looseTol) + (oneStart ? startsSlack(fit.totalWeight()) : 0));
    }

    /** Why a fitted candidate may not be picked, or null. */
    static String exclusion(List<DegenerateComponent> degenerate, int parameters, double n) {
        if (!degenerate.isEmpty()) {
            DegenerateComponent c = degenerate.get(0);
            return "component " + c.component() + " is degenerate: " + c.message()
                    + (degenerate.size() > 1 ? " (and " + (degenerate.size() - 1) + " more)" : "");
        }
        if (parameters >= n) {
            String rows = n == Math.rint(n) && n < 1e15 ? String.valueOf((long) n) : String.format(Locale.ROOT, "%.6g", n);
            return parameters + " free parameters for " + rows + " rows: at least as many parameters as rows";
        }
        return null;
    }
}
