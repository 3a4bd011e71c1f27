package org.mlem.mixture;

import java.util.Map;
import java.util.TreeMap;
import org.mlem.MlemUserException;

/**
 * Parameters held at given values through a fit: known mixing weights, and components whose
 * every factor is known. They are never re-estimated, so the fitted model carries them bit for
 * bit; they are not counted as free parameters.
 *
 * @param weights the k mixing weights, or null when they are estimated
 * @param components component index (0-based) → its fixed value
 */
public record FixedParameters(double[] weights, Map<Integer, ProductComponent> components) implements java.io.Serializable {

    /** Nothing fixed. */
    public static final FixedParameters NONE = new FixedParameters(null, Map.of());

    public FixedParameters {
        if (weights != null) {
            ProductMixture.checkWeights(weights);
            weights = weights.clone();
        }
        components = Map.copyOf(components);
        for (int j : components.keySet()) {
            if (j < 0) {
                throw new MlemUserException("fixed component index " + j + " is negative");
            }
        }
    }

    @Override
    public double[] weights() {
        return weights == null ? null : weights.clone();
    }

    /** Whether the weights are fixed. */
    public boolean weightsFixed() {
        return weights != null;
    }

    /** Whether component {@code j} is fixed. */
    public boolean isFixed(int j) {
        return components.containsKey(j);
    }

    /** These, with the weights fixed too. */
    public FixedParameters withWeights(double... w) {
        return new FixedParameters(w, components);
    }

    /** These, with component {@code j} fixed too. */
    public FixedParameters withComponent(int j, ProductComponent c) {
        Map<Integer, ProductComponent> m = new TreeMap<>(components);
        m.put(j, c);
        return new FixedParameters(weights, m);
    }

    /** Throws unless these fit a mixture of k components with this layout. */
    void check(int k, java.util.List<ColumnModel> layout) {
        if (weights != null && weights.length != k) {
            throw new MlemUserException(weights.length + " fixed weights for k=" + k + " components; give one per component");
        }
        for (Map.Entry<Integer, ProductComponent> e : components.entrySet()) {
            if (e.getKey() >= k) {
                throw new MlemUserException("fixed component " + e.getKey() + " but k=" + k);
            }
            if (!ProductMixture.sameLayout(layout, e.getValue().layout())) {
                throw new MlemUserException("fixed component " + e.getKey() + " has layout " + e.getValue().layout()
                        + " but the fit's is " + layout + "; make them agree");
            }
        }
    }

    /** {@code m} with the fixed values put in. */
    ProductMixture applyTo(ProductMixture m) {
        if (weights == null && components.isEmpty()) {
            return m;
        }
        java.util.List<ProductComponent> cs = new java.util.ArrayList<>(m.components());
        components.forEach(cs::set);
        return ProductMixture.trusted(weights == null ? m.weights() : weights, cs, m.columns());
    }

    /** Free parameters of a mixture {@code m} under these constraints. */
    int freeParameters(ProductMixture m) {
        int n = weights == null ? m.k() - 1 : 0;
        for (int j = 0; j < m.k(); j++) {
            if (!isFixed(j)) {
                n += m.component(j).freeParameters();
            }
        }
        return n;
    }
}
