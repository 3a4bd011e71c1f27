package org.mlem.uncertainty;

import java.util.ArrayList;
import java.util.List;
import org.mlem.data.DataMatrix;
import org.mlem.gmm.GaussianMixture;

/**
 * A Gaussian mixture's parameters as one vector, in two layouts.
 *
 * <p><b>Reported layout</b> (standard errors and bootstrap intervals): the k weights
 * π_1..π_k, then the means μ_j (component-major, d each), then the covariance entries
 * ({@link CovarianceEntries}): full σ_j,ab for a ≤ b per component, tied σ_ab for a ≤ b once,
 * diag σ_j,aa, spherical σ²_j. Names: {@code weight[j]}, {@code mean[j][col]},
 * {@code cov[j][a,b]}, {@code cov[a,b]} (tied), {@code var[j][a]}, {@code var[j]}; j counts from 0,
 * as every component number does.
 *
 * <p><b>Free layout</b> (the observed information): the same with π_k dropped, π_k = 1 − Σ_{j&lt;k} π_j.
 * Covariance entries are variances and covariances themselves (not Cholesky factors or logs), so
 * standard errors are on the scale users read.
 */
public final class GmmParameters {
    private final int k;
    private final int d;
    private final List<CovarianceEntries.Entry> entries;
    private final List<String> names;
    private final GaussianMixture shape;

    private GmmParameters(GaussianMixture m, List<String> columns) {
        this.k = m.components();
        this.d = m.dimension();
        this.shape = m;
        List<String> cols = columns == null ? DataMatrix.defaultNames(d) : columns;
        if (cols.size() != d) {
            throw new IllegalArgumentException(cols.size() + " column names for dimension " + d);
        }
        this.entries = CovarianceEntries.of(m.structure(), k, cols);
        List<String> n = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            n.add("weight[" + j + "]");
        }
        for (int j = 0; j < k; j++) {
            for (int a = 0; a < d; a++) {
                n.add("mean[" + j + "][" + cols.get(a) + "]");
            }
        }
        for (CovarianceEntries.Entry e : entries) {
            n.add(e.component() < 0 ? e.label() : e.label().replaceFirst("\\[|$", "[" + e.component() + "]$0"));
        }
        this.names = List.copyOf(n);
    }

    /** The layout of mixtures shaped like {@code m} (k, d, structure), with column names (null for x1..xd). */
    public static GmmParameters of(GaussianMixture m, List<String> columns) {
        return new GmmParameters(m, columns);
    }

    /** Names in the reported layout. */
    public List<String> names() {
        return names;
    }

    /** Names in the free layout (without π_k). */
    public List<String> freeNames() {
        List<String> n = new ArrayList<>(names);
        n.remove(k - 1);
        return List.copyOf(n);
    }

    /** Number of reported parameters: {@code k + k·d + covariance entries}. */
    public int size() {
        return names.size();
    }

    /** Number of free parameters ({@link GaussianMixture#nParameters()}). */
    public int freeSize() {
        return names.size() - 1;
    }

    List<CovarianceEntries.Entry> entries() {
        return entries;
    }

    /** {@code m}'s parameters in the reported layout. */
    public double[] values(GaussianMixture m) {
        int[] identity = new int[k];
        for (int j = 0; j < k; j++) {
            identity[j] = j;
        }
        return values(m, identity);
    }

    /**
     * {@code m}'s parameters in the reported layout with its components reordered: reported
     * component j is {@code m}'s component {@code order[j]} (to undo label switching).
     */
    public double[] values(GaussianMixture m, int[] order) {
        requireShape(m);
        double[] v = new double[size()];
        double[] w = m.weights();
        int p = 0;
        for (int j = 0; j < k; j++) {
            v[p++] = w[order[j]];
        }
        for (int j = 0; j < k; j++) {
            double[] mu = m.mean(order[j]);
            for (int a = 0; a < d; a++) {
                v[p++] = mu[a];
            }
        }
        for (CovarianceEntries.Entry e : entries) {
            v[p++] = e.value(m.covariances(), e.component() < 0 ? 0 : order[e.component()]);
        }
        return v;
    }

    /** {@code m}'s parameters in the free layout. */
    public double[] freeValues(GaussianMixture m) {
        return dropLastWeight(values(m));
    }

    /**
     * The mixture with free parameters θ (π_k = 1 − Σ π_j); a user error when the weights or
     * covariances they give are not valid.
     */
    public GaussianMixture fromFree(double[] theta) {
        if (theta.length != freeSize()) {
            throw new IllegalArgumentException(theta.length + " values for " + freeSize() + " free parameters");
        }
        double[] w = ComponentBlocks.weights(theta, k);
        double[][] means = new double[k][d];
        for (int j = 0; j < k; j++) {
            System.arraycopy(theta, k - 1 + j * d, means[j], 0, d);
        }
        return GaussianMixture.of(w, means,
                CovarianceEntries.build(shape.structure(), k, d, entries, theta, k - 1 + k * d));
    }

    double[] dropLastWeight(double[] reported) {
        double[] f = new double[reported.length - 1];
        System.arraycopy(reported, 0, f, 0, k - 1);
        System.arraycopy(reported, k, f, k - 1, reported.length - k);
        return f;
    }

    private void requireShape(GaussianMixture m) {
        if (m.components() != k || m.dimension() != d || m.structure() != shape.structure()) {
            throw new IllegalArgumentException("mixture has k=" + m.components() + ", d=" + m.dimension() + ", "
                    + m.structure() + "; the layout is for k=" + k + ", d=" + d + ", " + shape.structure());
        }
    }
}
