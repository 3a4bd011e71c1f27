package org.mlem.tmix;

import java.io.Serializable;
import org.mlem.em.Stats;

/**
 * Expected sufficient statistics of a t mixture, per component j, with τ the responsibility and u
 * the expected precision weight {@code (ν+d)/(ν+δ)}: {@code n = Σ wτ}, {@code su = Σ wτu},
 * {@code s1 = Σ wτu (x − c)}, {@code s2 = Σ wτu (x − c)(x − c)ᵀ} (upper triangle) and
 * {@code slog = Σ wτ (log u − u)}, about a shift c = the current location.
 */
public final class TMixtureStats implements Stats<TMixtureStats>, Serializable {
    private static final long serialVersionUID = 1L;

    final int k;
    final int d;
    final double[] shift;
    final double[] oldDf;
    final double[] n;
    final double[] su;
    final double[] slog;
    final double[] s1;
    final double[] s2;

    TMixtureStats(int k, int d, double[] shift, double[] oldDf) {
        this.k = k;
        this.d = d;
        this.shift = shift;
        this.oldDf = oldDf;
        this.n = new double[k];
        this.su = new double[k];
        this.slog = new double[k];
        this.s1 = new double[k * d];
        this.s2 = new double[k * d * d];
    }

    @Override
    public void merge(TMixtureStats o) {
        add(n, o.n);
        add(su, o.su);
        add(slog, o.slog);
        add(s1, o.s1);
        add(s2, o.s2);
    }

    private static void add(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            a[i] += b[i];
        }
    }
}
