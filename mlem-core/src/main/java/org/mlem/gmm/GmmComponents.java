package org.mlem.gmm;

import org.mlem.concomitant.ComponentDensities;
import org.mlem.data.Block;
import org.mlem.em.ParameterVector;
import org.mlem.data.BlockSource;
import org.mlem.data.DataMatrix;

/**
 * A Gaussian mixture's components for a concomitant-variable fit: log densities from the
 * covariance structure's own kernel, the M-step from {@link GmmModel} on statistics of the given
 * responsibilities (the structure's M-step, the ridge and held groups as the plain fit has them).
 */
public final class GmmComponents implements ComponentDensities<GaussianMixture> {
    private final DataMatrix data;
    private final GmmModel model;
    private final int k;

    /** The components of {@code estimator}'s model on {@code data} (complete rows; its weights used, labels not). */
    public GmmComponents(GaussianMixtureEstimator estimator, DataMatrix data) {
        this(estimator.model(), estimator.components(), data);
    }

    /**
     * The k components of {@code model} (an estimator's {@link GaussianMixtureEstimator#model()}) on
     * {@code data}: a slice of the rows (a Spark partition) whose {@link #statistics} are merged.
     */
    public GmmComponents(GmmModel model, int k, DataMatrix data) {
        this.data = data;
        this.model = model;
        this.k = k;
    }

    @Override
    public GmmComponents reweighted(double[] weights) {
        return new GmmComponents(model, k, data.withWeights(weights));
    }

    @Override
    public int components() {
        return k;
    }

    @Override
    public int rows() {
        return data.rows();
    }

    @Override
    public int componentParameters(GaussianMixture m) {
        return m.nParameters() - (m.equalProportions() ? 0 : k - 1);
    }

    @Override
    public void logDensities(GaussianMixture m, Block rows, double[] out) {
        Block b = data.block(rows.start() / BlockSource.BLOCK_ROWS);
        if (b.start() != rows.start() || b.rows() != rows.rows()) {
            throw new IllegalStateException("blocks cut at different rows");
        }
        m.covariances().logDensities(b, m.meansFlat(), out, new double[Covariances.scratchSize(data.cols())]);
    }

    @Override
    public GaussianMixture maximize(GaussianMixture current, double[] resp) {
        return model.maximize(statistics(current, resp));
    }

    /**
     * The M-step's statistics of these rows from their responsibilities {@code resp} (rows × k),
     * taken about {@code current}'s means: statistics of slices of the rows merge to the whole's.
     */
    public GmmStats statistics(GaussianMixture current, double[] resp) {
        GmmStats s = current != null ? model.emptyStats(current) : model.emptyStats(k, data.cols(), weightedMeans(resp));
        double[] scratch = new double[Covariances.scratchSize(data.cols())];
        for (int b = 0; b < data.blockCount(); b++) {
            Block block = data.block(b);
            double[] slice = new double[block.rows() * k];
            System.arraycopy(resp, block.start() * k, slice, 0, slice.length);
            s.add(block, slice, scratch);
        }
        return s;
    }

    /** Each component's responsibility-weighted mean (k × d), the moments' shift when there is no current model. */
    private double[] weightedMeans(double[] resp) {
        int d = data.cols();
        double[] mean = new double[k * d];
        double[] total = new double[k];
        for (int i = 0; i < data.rows(); i++) {
            double w = data.weight(i);
            for (int j = 0; j < k; j++) {
                double r = resp[i * k + j] * w;
                total[j] += r;
                for (int c = 0; c < d; c++) {
                    mean[j * d + c] += r * data.get(i, c);
                }
            }
        }
        for (int j = 0; j < k; j++) {
            for (int c = 0; c < d; c++) {
                mean[j * d + c] = total[j] > 0 ? mean[j * d + c] / total[j] : 0;
            }
        }
        return mean;
    }

    @Override
    public ParameterVector<GaussianMixture> vectors() {
        return model.parameterVector();
    }

    @Override
    public java.util.List<String> parameterNames(GaussianMixture m) {
        return org.mlem.uncertainty.GmmParameters.of(m, data.columns()).names();
    }

    @Override
    public double[] parameterValues(GaussianMixture m) {
        return org.mlem.uncertainty.GmmParameters.of(m, data.columns()).values(m);
    }

    @Override
    public GaussianMixture fromFree(GaussianMixture like, double[] theta) {
        return org.mlem.uncertainty.GmmParameters.of(like, data.columns()).fromFree(theta);
    }

    @Override
    public org.mlem.uncertainty.RowDerivatives derivatives(GaussianMixture m) {
        return org.mlem.uncertainty.LouisInformation.rowDerivatives(m, data);
    }
}
