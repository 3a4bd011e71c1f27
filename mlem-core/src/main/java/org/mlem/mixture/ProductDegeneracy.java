package org.mlem.mixture;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mlem.data.DataMatrix;
import org.mlem.em.DegenerateComponent;

/**
 * The components of a fitted mixture of per-column families that the data do not support: those
 * holding fewer than two rows' worth of posterior mass, {@code n_j = Σ_i w_i τ_ij < 2 − }{@value #LEAK}.
 * A component of one row fits it exactly: a continuous family's scale collapses on it (the
 * likelihood a spike), a discrete family's probabilities are that row's values (an estimate from
 * one observation). It is reported ({@link DegenerateComponent#FEW_POINTS}), as the Gaussian
 * mixture's {@code org.mlem.gmm.Degeneracy} reports its own.
 */
public final class ProductDegeneracy {
    private ProductDegeneracy() {}

    /** The rows a component needs, less this much posterior leakage. */
    public static final double LEAK = 1e-3;

    /** Rows a component must hold. */
    public static final int ROWS_NEEDED = 2;

    /** The degenerate components of {@code model} fitted to {@code data} (rows' weights counted; labels ignored). */
    public static List<DegenerateComponent> of(ProductMixture model, DataMatrix data) {
        return of(counts(model, data));
    }

    /** Each component's posterior mass {@code Σ_i w_i τ_ij} under {@code model} over {@code data}'s rows (labels ignored). */
    public static double[] counts(ProductMixture model, DataMatrix data) {
        int k = model.k();
        double[] p = model.predictProbabilities(data);
        double[] n = new double[k];
        for (int i = 0; i < data.rows(); i++) {
            double w = data.weight(i);
            for (int j = 0; j < k; j++) {
                n[j] += w * p[i * k + j];
            }
        }
        return n;
    }

    /** The degenerate components of a fit whose components hold {@code n[j]} rows' posterior mass (weights counted). */
    public static List<DegenerateComponent> of(double[] n) {
        int k = n.length;
        List<DegenerateComponent> out = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            if (n[j] < ROWS_NEEDED - LEAK) {
                out.add(new DegenerateComponent(j, List.of(DegenerateComponent.FEW_POINTS), n[j], Double.NaN,
                        String.format(Locale.ROOT, "it holds n_k = %.3f rows, fewer than the %d a component needs",
                                n[j], ROWS_NEEDED)));
            }
        }
        return out;
    }
}
