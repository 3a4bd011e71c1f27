package org.mlem.hmm;

import org.mlem.MlemUserException;
import org.mlem.data.Block;

/** Posterior-weighted counts of each category code per state. */
final class CategoricalEmissionStats implements EmissionStats {
    private static final long serialVersionUID = 1L;

    private final CategoricalSpec spec;
    private final int k;
    private final int m;
    private final double[] counts; // K × M

    CategoricalEmissionStats(CategoricalSpec spec, int k) {
        this.spec = spec;
        this.k = k;
        this.m = spec.categories();
        this.counts = new double[k * m];
    }

    @Override
    public void accumulate(Block block, double[] posteriors) {
        double[] x = block.x();
        for (int i = 0; i < block.rows(); i++) {
            double v = x[block.offset(i)];
            if (Double.isNaN(v)) {
                continue; // a missing symbol says nothing about the probabilities
            }
            int c = (int) v;
            for (int j = 0; j < k; j++) {
                counts[j * m + c] += posteriors[i * k + j];
            }
        }
    }

    @Override
    public void merge(EmissionStats other) {
        CategoricalEmissionStats o = (CategoricalEmissionStats) other;
        if (o.k != k || o.m != m) {
            throw new IllegalArgumentException("cannot merge categorical statistics of different shapes");
        }
        Sums.addInto(counts, o.counts);
    }

    @Override
    public Emission maximize() {
        double[] p = new double[k * m];
        for (int j = 0; j < k; j++) {
            double total = Sums.sum(counts, j * m, (j + 1) * m);
            if (!(total > 0)) {
                throw new MlemUserException("state " + j + " received no weight, so its category probabilities are "
                        + "undefined; use fewer states or another start (seed)");
            }
            for (int c = 0; c < m; c++) {
                p[j * m + c] = counts[j * m + c] / total;
            }
        }
        return new CategoricalEmission(spec, p, k);
    }
}
