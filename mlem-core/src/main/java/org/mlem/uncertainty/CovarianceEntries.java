package org.mlem.uncertainty;

import java.util.ArrayList;
import java.util.List;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.Covariances;

/**
 * The free covariance parameters of each structure as a linear basis: component j's covariance
 * is {@code Σ_j = Σ_c θ_c E_c} over the entries c that belong to j (or are shared). Each entry's
 * symmetric basis matrix {@code E_c} is a list of unit positions (row, col):
 * <ul>
 *   <li>full: per component, one entry per a ≤ b, E = e_a e_bᵀ + e_b e_aᵀ (a ≠ b) or e_a e_aᵀ; θ = σ_ab
 *   <li>tied: as full, once, shared by every component
 *   <li>diag: per component, one entry per a, E = e_a e_aᵀ; θ = σ_aa
 *   <li>spherical: per component, one entry, E = I; θ = σ²
 * </ul>
 * mclust's constrained structures take the entries of their {@link CovarianceStructure#storage()}:
 * right for resampling (the bootstrap), but those entries are not free parameters of the model,
 * so {@link LouisInformation} refuses them.
 * The one place in this package that distinguishes structures (it belongs on
 * {@link CovarianceStructure} if other packages need it).
 */
final class CovarianceEntries {
    private CovarianceEntries() {}

    /**
     * One free covariance parameter.
     *
     * @param component the component it belongs to, or −1 when shared by all (tied)
     * @param rows row of each unit position in E
     * @param cols column of each unit position in E
     * @param label a name without the component, e.g. {@code cov[x1,x2]} or {@code var[x1]}
     */
    record Entry(int component, int[] rows, int[] cols, String label) {

        boolean belongsTo(int j) {
            return component < 0 || component == j;
        }

        /** θ_c read from the covariance of component {@code j} (any component when shared). */
        double value(Covariances c, int j) {
            int d = c.dimension();
            return c.covarianceMatrix(component < 0 ? 0 : j)[rows[0] * d + cols[0]];
        }
    }

    /** The entries of a structure, component-major (the order of {@link #values}). */
    static List<Entry> of(CovarianceStructure structure, int k, List<String> columns) {
        int d = columns.size();
        List<Entry> out = new ArrayList<>();
        switch (structure.storage()) {
            case FULL, TIED -> {
                int owners = structure == CovarianceStructure.TIED ? 1 : k;
                for (int j = 0; j < owners; j++) {
                    for (int a = 0; a < d; a++) {
                        for (int b = a; b < d; b++) {
                            int[] r = a == b ? new int[] {a} : new int[] {a, b};
                            int[] c = a == b ? new int[] {a} : new int[] {b, a};
                            String label = "cov[" + columns.get(a) + "," + columns.get(b) + "]";
                            out.add(new Entry(structure == CovarianceStructure.TIED ? -1 : j, r, c, label));
                        }
                    }
                }
            }
            case DIAG -> {
                for (int j = 0; j < k; j++) {
                    for (int a = 0; a < d; a++) {
                        out.add(new Entry(j, new int[] {a}, new int[] {a}, "var[" + columns.get(a) + "]"));
                    }
                }
            }
            case SPHERICAL -> {
                int[] diag = new int[d];
                for (int a = 0; a < d; a++) {
                    diag[a] = a;
                }
                for (int j = 0; j < k; j++) {
                    out.add(new Entry(j, diag, diag, "var"));
                }
            }
        }
        return out;
    }

    /** Covariances of {@code structure} with k components built from entry values θ (in the order of {@link #of}). */
    static Covariances build(CovarianceStructure structure, int k, int d, List<Entry> entries, double[] theta, int off) {
        double[][][] sigma = new double[k][d][d];
        for (int c = 0; c < entries.size(); c++) {
            Entry e = entries.get(c);
            for (int j = 0; j < k; j++) {
                if (e.belongsTo(j)) {
                    for (int t = 0; t < e.rows().length; t++) {
                        sigma[j][e.rows()[t]][e.cols()[t]] = theta[off + c];
                    }
                }
            }
        }
        Object shape = switch (structure.storage()) {
            case FULL -> sigma;
            case TIED -> sigma[0];
            case DIAG -> {
                double[][] v = new double[k][d];
                for (int j = 0; j < k; j++) {
                    for (int a = 0; a < d; a++) {
                        v[j][a] = sigma[j][a][a];
                    }
                }
                yield v;
            }
            default -> {
                double[] v = new double[k];
                for (int j = 0; j < k; j++) {
                    v[j] = sigma[j][0][0];
                }
                yield v;
            }
        };
        return structure.fromShape(shape, k, d);
    }
}
