package org.mlem.regmix;

import org.mlem.concomitant.ComponentDensities;
import org.mlem.data.Block;
import org.mlem.data.BlockSource;
import org.mlem.em.ParameterVector;
import org.mlem.formula.Design;
import org.mlem.formula.Frame;

/**
 * A regression mixture's components for a concomitant-variable fit: each row's GLM log density
 * under each component's coefficients (and sd), and {@link RegmixModel}'s M-step (a weighted GLM
 * per component) from the given responsibilities.
 */
public final class RegmixComponents implements ComponentDensities<RegressionMixture> {
    private final RegmixData data;
    private final RegmixModel model;
    private final int k;
    private final int[] sourceRows;

    /** The components of {@code estimator}'s model on {@code frame}'s rows its design uses. */
    public RegmixComponents(RegmixEstimator estimator, Frame frame) {
        RegmixEstimator.Prepared prep = estimator.prepare(frame);
        this.data = prep.data();
        this.model = prep.model();
        this.k = estimator.components();
        this.sourceRows = Design.build(estimator.formula(), frame, estimator.design()).sourceRows();
    }

    private RegmixComponents(RegmixComponents like, double[] weights) {
        this.data = like.data.withWeights(weights);
        this.model = like.model.on(data);
        this.k = like.k;
        this.sourceRows = like.sourceRows;
    }

    /**
     * These components over the same rows with {@code weights} as the rows' frequency weights (a
     * bootstrap replicate's), for {@link org.mlem.concomitant.ConcomitantBootstrap}.
     */
    @Override
    public RegmixComponents reweighted(double[] weights) {
        return new RegmixComponents(this, weights);
    }

    /** The frame rows fitted, in order (the gating design must be built on these). */
    public int[] sourceRows() {
        return sourceRows.clone();
    }

    /** The rows' frequency weights. */
    public double[] rowWeights() {
        return data.rowWeights.clone();
    }

    @Override
    public int components() {
        return k;
    }

    @Override
    public int rows() {
        return data.n;
    }

    @Override
    public int componentParameters(RegressionMixture m) {
        return m.nParameters() - (k - 1);
    }

    @Override
    public void logDensities(RegressionMixture m, Block rows, double[] out) {
        model.logJoint(m, null, data.blocks.block(rows.start() / BlockSource.BLOCK_ROWS), out);
    }

    @Override
    public RegressionMixture maximize(RegressionMixture current, double[] resp) {
        return model.maximize(resp);
    }

    @Override
    public ParameterVector<RegressionMixture> vectors() {
        return model.parameterVector();
    }

    @Override
    public java.util.List<String> parameterNames(RegressionMixture m) {
        return RegmixUncertainty.names(m);
    }

    @Override
    public double[] parameterValues(RegressionMixture m) {
        return RegmixUncertainty.values(m, org.mlem.uncertainty.ComponentBlocks.identity(k));
    }

    @Override
    public RegressionMixture fromFree(RegressionMixture like, double[] theta) {
        return RegmixUncertainty.fromFree(like, theta);
    }

    /** Louis' per-row derivatives at the canonical links (null for others); a binomial's successes are proportion × trials. */
    @Override
    public org.mlem.uncertainty.RowDerivatives derivatives(RegressionMixture m) {
        if (!RegmixUncertainty.canonical(m)) {
            return null;
        }
        double[] successes = data.y.clone();
        if (m.family().name().equals("binomial")) {
            for (int i = 0; i < successes.length; i++) {
                successes[i] = Math.rint(data.y[i] * data.trials[i]);
            }
        }
        return org.mlem.uncertainty.RowDerivatives.ofBlocks(
                RegmixUncertainty.derivatives(m, data.columns, successes, data.offset, data.trials), k);
    }
}
