package org.mlem.hmm;

import java.util.ArrayList;
import java.util.List;
import org.mlem.MlemUserException;
import org.mlem.data.Block;
import org.mlem.dist.Distribution;

/**
 * For a family without fixed-size sufficient statistics, the statistics are the data themselves:
 * the values and their state posteriors, kept block by block in row order. The M-step hands
 * each state's posteriors to the family's weighted fit.
 */
final class FamilyEmissionStats implements EmissionStats {
    private static final long serialVersionUID = 1L;

    private final FamilySpec spec;
    private final int k;
    private final List<double[]> values = new ArrayList<>();
    private final List<double[]> posteriors = new ArrayList<>();
    private int rows;

    FamilyEmissionStats(FamilySpec spec, int k) {
        this.spec = spec;
        this.k = k;
    }

    @Override
    public void accumulate(Block block, double[] post) {
        double[] x = new double[block.rows()];
        double[] p = new double[block.rows() * k];
        int n = 0;
        for (int i = 0; i < block.rows(); i++) {
            double v = block.x()[block.offset(i)];
            if (!Double.isNaN(v)) { // a missing cell is left out of the family's M-step
                x[n] = v;
                System.arraycopy(post, i * k, p, n * k, k);
                n++;
            }
        }
        values.add(n == x.length ? x : java.util.Arrays.copyOf(x, n));
        posteriors.add(java.util.Arrays.copyOf(p, n * k));
        rows += n;
    }

    @Override
    public void merge(EmissionStats other) {
        FamilyEmissionStats o = (FamilyEmissionStats) other;
        if (o.k != k) {
            throw new IllegalArgumentException("cannot merge statistics of different state counts");
        }
        values.addAll(o.values);
        posteriors.addAll(o.posteriors);
        rows += o.rows;
    }

    @Override
    public Emission maximize() {
        double[] x = new double[rows];
        double[][] w = new double[k][rows];
        int at = 0;
        for (int b = 0; b < values.size(); b++) {
            double[] xb = values.get(b);
            double[] pb = posteriors.get(b);
            System.arraycopy(xb, 0, x, at, xb.length);
            for (int i = 0; i < xb.length; i++) {
                for (int j = 0; j < k; j++) {
                    w[j][at + i] = pb[i * k + j];
                }
            }
            at += xb.length;
        }
        List<Distribution> fitted = new ArrayList<>(k);
        for (int j = 0; j < k; j++) {
            try {
                fitted.add(spec.family().fitWeighted(x, w[j], false).distribution());
            } catch (MlemUserException e) {
                throw new DegenerateStateException("state " + j + "'s " + spec.name() + " emissions cannot be estimated: "
                        + e.getMessage() + "; use fewer states or another start (seed)");
            }
        }
        return new FamilyEmission(spec, fitted);
    }
}
