package org.mlem.mixture;

import java.util.ArrayList;
import java.util.List;
import org.mlem.MlemUserException;
import org.mlem.data.Block;
import org.mlem.em.LatentModel;
import org.mlem.em.ParameterVector;
import org.mlem.kernel.GaussianKernels;

/**
 * The product mixture as a {@link LatentModel}. E-step: responsibilities in log space (rows with
 * a known label get theirs one-hot), kept per block times the row weights. M-step: mixing weights
 * π_j = n_j / Σn (n_j = Σ_i w_i r_ij), and each factor of each component by its family's
 * weighted MLE with weights w_i r_ij. Fixed weights and fixed components are carried over
 * untouched.
 */
public final class ProductMixtureModel implements java.io.Serializable, LatentModel<ProductMixture, ProductMixtureStats> {
    private final int k;
    private final List<ColumnModel> layout;
    private final List<String> columns;
    private final FixedParameters fixed;

    /**
     * @param k components
     * @param layout the factors (each data column in exactly one)
     * @param columns the data's column names
     * @param fixed parameters held at given values
     */
    public ProductMixtureModel(int k, List<ColumnModel> layout, List<String> columns, FixedParameters fixed) {
        ProductMixture.checkLayout(layout, columns);
        fixed.check(k, layout);
        this.k = k;
        this.layout = List.copyOf(layout);
        this.columns = List.copyOf(columns);
        this.fixed = fixed;
    }

    @Override
    public ProductMixtureStats emptyStats(ProductMixture params) {
        return new ProductMixtureStats(k);
    }

    @Override
    public double accumulate(ProductMixture params, Block rows, ProductMixtureStats into) {
        double[] resp = new double[rows.rows() * k];
        params.logJoint(rows, resp);
        double ll = GaussianKernels.normalizeRows(resp, rows.rows(), k, rows.weights(), rows.labels(), rows.start());
        if (rows.weights() != null) {
            for (int i = 0; i < rows.rows(); i++) {
                double w = rows.weight(i);
                for (int j = 0; j < k; j++) {
                    resp[i * k + j] *= w;
                }
            }
        }
        into.add(rows, resp);
        return ll;
    }

    @Override
    public ProductMixture maximize(ProductMixtureStats s) {
        List<double[]> values = new ArrayList<>(layout.size());
        List<List<String>> names = new ArrayList<>(layout.size());
        for (ColumnModel m : layout) {
            values.add(s.values(m.columns()));
            List<String> n = new ArrayList<>();
            for (int c : m.columns()) {
                n.add(columns.get(c));
            }
            names.add(n);
        }
        double[] nk = new double[k];
        double total = 0;
        List<ProductComponent> comps = new ArrayList<>(k);
        for (int j = 0; j < k; j++) {
            double[] w = s.componentWeights(j);
            for (double v : w) {
                nk[j] += v;
            }
            total += nk[j];
            comps.add(fixed.isFixed(j) ? fixed.components().get(j) : fitComponent(j, nk[j], w, values, names));
        }
        double[] weights = fixed.weights();
        if (weights == null) {
            weights = new double[k];
            for (int j = 0; j < k; j++) {
                weights[j] = nk[j] / total;
            }
        }
        return ProductMixture.trusted(weights, comps, columns);
    }

    private ProductComponent fitComponent(int j, double nk, double[] w, List<double[]> values, List<List<String>> names) {
        List<ComponentPart> parts = new ArrayList<>(layout.size());
        for (int f = 0; f < layout.size(); f++) {
            if (!(nk > 0)) {
                throw new DegenerateComponentException(j, nk, names.get(f).get(0), "it has no weight left");
            }
            try {
                parts.add(layout.get(f).fit(values.get(f), w, names.get(f)));
            } catch (MlemUserException e) {
                throw new DegenerateComponentException(j, nk, String.join(",", names.get(f)), e.getMessage());
            }
        }
        return new ProductComponent(parts);
    }

    List<ColumnModel> layout() {
        return layout;
    }

    /** The start with the fixed values put in. */
    ProductMixture withFixed(ProductMixture m) {
        return fixed.applyTo(m);
    }

    int freeParameters(ProductMixture m) {
        return fixed.freeParameters(m);
    }

    @Override
    public ParameterVector<ProductMixture> parameterVector() {
        return new ProductVectors(fixed);
    }
}
