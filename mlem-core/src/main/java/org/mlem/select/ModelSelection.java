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
 * @param family what is fit
 * @param minK smallest k, at least 1
 * @param maxK largest k, at least {@code minK}
 * @param variants the variants to try, in report order, at least one, no repeats
 * @param threads candidates fit at once; 0 for every available core
 * @param criterion what {@link SelectionResult#best()} minimises
 */
public record ModelSelection<D, V, M>(SelectableFamily<D, V, M> family, int minK, int maxK, List<V> variants,
        int threads, Criterion criterion) {

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
        return new ModelSelection<>(family, minK, maxK, variants, t, criterion);
    }

    public ModelSelection<D, V, M> withCriterion(Criterion c) {
        return new ModelSelection<>(family, minK, maxK, variants, threads, c);
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
        // Largest k first: the pool takes tasks in the order given, and the dearest candidates
        // started last would leave the other threads idle at the end. Each candidate depends on its
        // own seed only, so the order changes no bits; the rows are reported by k upwards.
        List<Candidate<M>> rows = new java.util.ArrayList<>(ParallelTasks.map(count, ParallelTasks.effective(threads),
                i -> candidate(data, minK + (count - 1 - i) / nv, variants.get((count - 1 - i) % nv), seed)));
        java.util.Collections.reverse(rows);
        return new SelectionResult<>(rows, criterion);
    }

    private Candidate<M> candidate(D data, int k, V variant, long master) {
        String name = family.variantName(variant);
        long seed = Seeds.derive(master, k, name.hashCode());
        MixtureFit<M> fit;
        try {
            fit = family.fit(data, k, variant, seed);
        } catch (MlemUserException e) {
            return Candidate.failed(k, name, seed, e.getMessage());
        }
        double bic = fit.bic();
        SelectableFamily.Assessment assessed = family.assess(fit.model(), data);
        double icl = bic - 2 * assessed.classificationLogLikelihood();
        List<DegenerateComponent> degenerate = assessed.degenerate();
        return new Candidate<>(k, name, seed, fit.logLikelihood(), fit.nParameters(), bic, fit.aic(), icl,
                fit.converged(), fit.iterations(), fit.model(), null, degenerate,
                exclusion(degenerate, fit.nParameters(), fit.totalWeight()));
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
