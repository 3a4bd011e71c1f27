package org.mlem.concomitant;

import java.util.Arrays;
import org.mlem.em.ParameterVector;

/**
 * A concomitant mixture as one vector for SQUAREM: the components' own vector, then γ_1..γ_{k−1}
 * row by row. The components' vectors start with the k mixing weights (the
 * {@link ParameterVector#weights} convention), which a concomitant mixture does not use: an
 * extrapolated point keeps {@code like}'s, so only the parameters of the model move.
 */
public final class ConcomitantVectors<M> implements ParameterVector<ConcomitantMixture<M>> {
    private final ParameterVector<M> components;
    private final int k;

    public ConcomitantVectors(ParameterVector<M> components, int k) {
        this.components = components;
        this.k = k;
    }

    @Override
    public double[] toVector(ConcomitantMixture<M> p) {
        double[] c = components.toVector(p.components());
        double[][] g = p.gating().coefficients();
        int q = g[0].length;
        double[] v = Arrays.copyOf(c, c.length + (k - 1) * q);
        for (int j = 1; j < k; j++) {
            System.arraycopy(g[j], 0, v, c.length + (j - 1) * q, q);
        }
        return v;
    }

    @Override
    public ConcomitantMixture<M> fromVector(double[] v, ConcomitantMixture<M> like) {
        double[] own = components.toVector(like.components());
        double[] c = Arrays.copyOf(v, own.length);
        System.arraycopy(own, 0, c, 0, k);
        M m = components.fromVector(c, like.components());
        if (m == null) {
            return null;
        }
        int q = like.gating().width();
        double[][] g = new double[k][q];
        for (int j = 1; j < k; j++) {
            for (int a = 0; a < q; a++) {
                double x = v[own.length + (j - 1) * q + a];
                if (!Double.isFinite(x)) {
                    return null;
                }
                g[j][a] = x;
            }
        }
        return new ConcomitantMixture<>(m, like.gating().with(g));
    }
}
