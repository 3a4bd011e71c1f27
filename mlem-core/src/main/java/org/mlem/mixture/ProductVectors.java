package org.mlem.mixture;

import java.util.ArrayList;
import java.util.List;
import org.mlem.em.ParameterVector;

/**
 * A product mixture as a flat vector for SQUAREM: the k weights, then each component's factors'
 * parameter values in layout order. A vector is valid when every weight is in [0, 1] and every
 * factor's values are valid for its family; fixed weights and components are taken from the
 * iterate it is shaped like, never from the extrapolation, so they stay bit-identical.
 */
final class ProductVectors implements ParameterVector<ProductMixture> {
    private final FixedParameters fixed;

    ProductVectors(FixedParameters fixed) {
        this.fixed = fixed;
    }

    @Override
    public double[] toVector(ProductMixture m) {
        List<double[]> pieces = new ArrayList<>();
        pieces.add(m.weights());
        for (ProductComponent c : m.components()) {
            for (ComponentPart p : c.parts()) {
                pieces.add(p.parameterValues());
            }
        }
        int n = 0;
        for (double[] p : pieces) {
            n += p.length;
        }
        double[] v = new double[n];
        int o = 0;
        for (double[] p : pieces) {
            System.arraycopy(p, 0, v, o, p.length);
            o += p.length;
        }
        return v;
    }

    @Override
    public ProductMixture fromVector(double[] v, ProductMixture like) {
        int k = like.k();
        double[] w = java.util.Arrays.copyOf(v, k);
        for (double x : w) {
            if (!(x >= 0 && x <= 1)) {
                return null;
            }
        }
        int o = k;
        List<ProductComponent> comps = new ArrayList<>(k);
        for (int j = 0; j < k; j++) {
            ProductComponent old = like.component(j);
            List<ComponentPart> parts = new ArrayList<>();
            for (ComponentPart p : old.parts()) {
                int len = p.parameterValues().length;
                ComponentPart q = p.withParameterValues(java.util.Arrays.copyOfRange(v, o, o + len));
                o += len;
                if (q == null) {
                    return null;
                }
                parts.add(q);
            }
            comps.add(fixed.isFixed(j) ? old : new ProductComponent(parts));
        }
        return ProductMixture.trusted(fixed.weightsFixed() ? like.weights() : w, comps, like.columns());
    }
}
