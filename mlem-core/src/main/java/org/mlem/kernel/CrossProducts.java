package org.mlem.kernel;

/**
 * Weighted cross-products of a column-major design and a response, {@code [X z]ᵀ W [X z]}: the
 * normal equations of a weighted least-squares problem (one IRLS step of a GLM). Plain Java; the
 * reference {@link VectorCrossProducts} is tested against.
 */
final class CrossProducts {
    private CrossProducts() {}

    /**
     * Adds {@code Σ_i w_i a_ij a_ik} over rows {@code from..to-1} to {@code out[j·(p+1) + k]} for
     * {@code k ≥ j} (upper triangle, row-major (p+1)×(p+1)), where {@code a_ij = x[j·n + i]} for
     * {@code j < p} and {@code a_ip = z[i]}. The lower triangle is not touched.
     */
    static void weighted(double[] x, int n, int p, double[] z, double[] w, int from, int to, double[] out) {
        int q = p + 1;
        for (int j = 0; j < q; j++) {
            double[] cj = j < p ? x : z;
            int oj = j < p ? j * n : 0;
            for (int k = j; k < q; k++) {
                double[] ck = k < p ? x : z;
                int ok = k < p ? k * n : 0;
                double s = 0;
                for (int i = from; i < to; i++) {
                    s += w[i] * cj[oj + i] * ck[ok + i];
                }
                out[j * q + k] += s;
            }
        }
    }
}
