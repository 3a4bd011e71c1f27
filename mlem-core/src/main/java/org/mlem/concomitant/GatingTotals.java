package org.mlem.concomitant;

import java.io.Serializable;
import org.mlem.em.Stats;

/**
 * Partial sums of the gating's objective, gradient and negative Hessian ({@link GatingSums}) over a
 * slice of the rows (a Spark partition's, a block's), merged by addition.
 */
public final class GatingTotals implements Stats<GatingTotals>, Serializable {
    private static final long serialVersionUID = 1L;
    private double value;
    private final double[] g;
    private final double[][] h;

    private GatingTotals(double value, double[] g, double[][] h) {
        this.value = value;
        this.g = g;
        this.h = h;
    }

    /** Sums of no rows, for k × q coefficients. */
    public static GatingTotals empty(int k, int q) {
        int free = (k - 1) * q;
        return new GatingTotals(0, new double[free], new double[free][free]);
    }

    /**
     * The sums at {@code gamma} (k × q) over {@code n} rows of design {@code z} (n × q) with
     * responsibilities {@code resp} (n × k) and frequency weights {@code w} (null for 1).
     */
    public static GatingTotals of(double[][] gamma, double[] z, int n, double[] resp, double[] w) {
        GatingTotals s = empty(gamma.length, gamma[0].length);
        s.value = MultinomialLogit.objective(gamma, z, n, resp, w);
        MultinomialLogit.derivatives(gamma, z, n, resp, w, s.g, s.h);
        return s;
    }

    /** The objective. */
    public double value() {
        return value;
    }

    /** Adds the gradient into {@code into} and the negative Hessian into {@code hInto}. */
    public void addTo(double[] into, double[][] hInto) {
        for (int a = 0; a < g.length; a++) {
            into[a] += g[a];
            for (int b = 0; b < g.length; b++) {
                hInto[a][b] += h[a][b];
            }
        }
    }

    @Override
    public void merge(GatingTotals o) {
        value += o.value;
        for (int a = 0; a < g.length; a++) {
            g[a] += o.g[a];
            for (int b = 0; b < g.length; b++) {
                h[a][b] += o.h[a][b];
            }
        }
    }
}
