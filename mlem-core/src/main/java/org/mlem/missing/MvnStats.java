package org.mlem.missing;

import java.io.Serializable;
import org.mlem.em.Stats;

/**
 * Expected sufficient statistics of a multivariate normal with missing cells, about a fixed shift
 * c (the current mean): {@code W = Σ w}, {@code S1 = Σ w (x̂ − c)} and
 * {@code S2 = Σ w [(x̂ − c)(x̂ − c)ᵀ + C]}, where x̂ fills each missing cell with its conditional
 * mean and C is the conditional covariance of the missing cells (zero elsewhere).
 */
public final class MvnStats implements Stats<MvnStats>, Serializable {
    private static final long serialVersionUID = 1L;

    final int d;
    final double[] shift;
    double weight;
    final double[] s1;
    final double[] s2;

    MvnStats(double[] shift) {
        this.d = shift.length;
        this.shift = shift;
        this.s1 = new double[d];
        this.s2 = new double[d * d];
    }

    @Override
    public void merge(MvnStats other) {
        if (other.d != d) {
            throw new IllegalArgumentException("cannot merge statistics of different dimensions");
        }
        weight += other.weight;
        for (int a = 0; a < d; a++) {
            s1[a] += other.s1[a];
        }
        for (int a = 0; a < d * d; a++) {
            s2[a] += other.s2[a];
        }
    }
}
