package org.mlem.glm;

import java.io.Serializable;
import org.mlem.em.Stats;

/**
 * What one {@link GlmBlock#pass} sums over its rows; {@link #merge} adds a later block's (blocks
 * merged in a fixed order give the same bits for any schedule). Fields are read by
 * {@link PartitionedGlm} only.
 */
public final class BlockSums implements Stats<BlockSums>, Serializable {
    private static final long serialVersionUID = 1L;

    boolean valid = true;
    double deviance;
    double totalWeight;
    double weightedResponse;
    long positive;
    double logWeight;
    double logResponse;
    double first = Double.NaN;
    boolean constant = true;
    boolean nonIntegerSuccesses;
    long good;
    double[] crossProducts;
    long nOk;
    double pearson;
    double aic;
    boolean probabilitiesAtBoundary;
    boolean ratesAtZero;

    /** Sums of no rows. */
    /** Sum of the prior weights. */
    public double totalWeight() {
        return totalWeight;
    }

    /** Rows of positive prior weight. */
    public long positiveRows() {
        return positive;
    }

    public BlockSums() {
    }

    @Override
    public void merge(BlockSums o) {
        valid &= o.valid;
        deviance += o.deviance;
        totalWeight += o.totalWeight;
        weightedResponse += o.weightedResponse;
        positive += o.positive;
        logWeight += o.logWeight;
        logResponse += o.logResponse;
        constant &= o.constant && (Double.isNaN(first) || Double.isNaN(o.first) || first == o.first);
        if (Double.isNaN(first)) {
            first = o.first;
        }
        nonIntegerSuccesses |= o.nonIntegerSuccesses;
        good += o.good;
        if (crossProducts == null) {
            crossProducts = o.crossProducts;
        } else if (o.crossProducts != null) {
            for (int i = 0; i < crossProducts.length; i++) {
                crossProducts[i] += o.crossProducts[i];
            }
        }
        nOk += o.nOk;
        pearson += o.pearson;
        aic += o.aic;
        probabilitiesAtBoundary |= o.probabilitiesAtBoundary;
        ratesAtZero |= o.ratesAtZero;
    }
}
