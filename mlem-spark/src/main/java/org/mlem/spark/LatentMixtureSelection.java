package org.mlem.spark;

import org.mlem.gmm.GaussianMixture;
import org.mlem.select.BootstrapLrt;
import org.mlem.select.SelectionResult;

/**
 * What {@link LatentMixture#select} returns: the chosen model (fit, summary and model file as
 * {@link LatentMixture#fit} gives them) and every candidate with its log-likelihood, parameter
 * count, BIC, AIC, ICL, convergence and why it may not be chosen (mlem-core's
 * {@link SelectionResult}, as {@code mlem select gmm} reports it; lower is better).
 *
 * @param best the candidate the criterion picks, or null when no candidate may be chosen
 * @param candidates every candidate, k ascending, then the structures in the order asked
 * @param bootstrapLrt the bootstrap likelihood-ratio tests of k against k + 1 (mlem-core's
 *     {@link BootstrapLrt.Grid}: observed statistic, replicates, p-value; pairs not tested and why),
 *     or null when not asked for
 */
public record LatentMixtureSelection(LatentMixtureModel best, SelectionResult<GaussianMixture> candidates,
        BootstrapLrt.Grid bootstrapLrt) {

    /** A selection without bootstrap tests. */
    public LatentMixtureSelection(LatentMixtureModel best, SelectionResult<GaussianMixture> candidates) {
        this(best, candidates, null);
    }
}
