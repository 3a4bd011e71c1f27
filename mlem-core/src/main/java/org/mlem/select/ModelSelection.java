package org.mlem.select;

import java.util.ArrayList;
import java.util.List;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.em.MixtureFit;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.GaussianMixture;

/**
 * Fits every (k, variant) in {@code minK..maxK × variants} and tabulates log-likelihood, free
 * parameters, BIC, AIC and ICL (all lower-is-better), as mclust's {@code mclustBIC} does.
 *
 * <p>Candidates run in parallel on a pool of {@code threads} threads, each fit on one thread.
 * Candidate (k, v) is fit with the seed {@code Seeds.derive(seed, k, name(v).hashCode())}, so its
 * result depends only on the master seed, k and the variant's name: the same bits for any thread
 * count, and unchanged when the grid grows. A fit that fails for a reason the user can act on (a
 * collapsing component, fewer distinct rows than k) is reported in its row, not thrown.
 *
 * @param family what is fit
 * @param minK smallest k, at least 1
 * @param maxK largest k, at least {@code minK}
 * @param variants the variants to try, in report order, at least one, no repeats
 * @param threads candidates fit at once; 0 for every available core
 */
public record ModelSelection<V, M>(SelectableFamily<V, M> family, int minK, int maxK, List<V> variants, int threads) {

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
    }

    /** Gaussian mixtures with k in {@code minK..maxK}, every covariance structure, default settings, all cores. */
    public static ModelSelection<CovarianceStructure, GaussianMixture> gaussian(int minK, int maxK) {
        return new ModelSelection<>(GaussianFamily.DEFAULTS, minK, maxK, List.of(CovarianceStructure.values()), 0);
    }

    public ModelSelection<V, M> withThreads(int t) {
        return new ModelSelection<>(family, minK, maxK, variants, t);
    }

    /**
     * Fits every candidate to {@code data} (its row weights are frequency weights).
     *
     * @throws MlemUserException for data no candidate could take (empty, non-finite cells)
     */
    public SelectionResult<M> run(DataMatrix data, long seed) {
        if (data.rows() == 0) {
            throw new MlemUserException("no rows to fit; the data set is empty");
        }
        data.requireFinite("model selection");
        int nv = variants.size();
        int count = (maxK - minK + 1) * nv;
        List<Candidate<M>> rows = ParallelTasks.map(count, ParallelTasks.effective(threads),
                i -> candidate(data, minK + i / nv, variants.get(i % nv), seed));
        return new SelectionResult<>(rows, argmin(rows, true), argmin(rows, false));
    }

    private Candidate<M> candidate(DataMatrix data, int k, V variant, long master) {
        String name = family.variantName(variant);
        long seed = Seeds.derive(master, k, name.hashCode());
        MixtureFit<M> fit;
        try {
            fit = family.fit(data, k, variant, seed);
        } catch (MlemUserException e) {
            return Candidate.failed(k, name, seed, e.getMessage());
        }
        double bic = fit.bic();
        double icl = InformationCriteria.icl(bic, family.posterior(fit.model(), data),
                data.hasWeights() ? data.weights() : null);
        return new Candidate<>(k, name, seed, fit.logLikelihood(), fit.nParameters(), bic, fit.aic(), icl,
                fit.converged(), fit.iterations(), fit.model(), null);
    }

    private static <M> int argmin(List<Candidate<M>> rows, boolean byBic) {
        int best = -1;
        for (int i = 0; i < rows.size(); i++) {
            Candidate<M> c = rows.get(i);
            double v = byBic ? c.bic() : c.icl();
            if (!c.failed() && !Double.isNaN(v) && (best < 0 || v < (byBic ? rows.get(best).bic() : rows.get(best).icl()))) {
                best = i;
            }
        }
        return best;
    }
}
