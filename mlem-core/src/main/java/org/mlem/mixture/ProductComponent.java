package org.mlem.mixture;

import java.util.List;

/**
 * One mixture component: the product of independent factors, one per group of columns
 * ({@link ComponentPart}), in layout order. Immutable.
 */
public record ProductComponent(List<ComponentPart> parts) implements java.io.Serializable {

    public ProductComponent {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a component needs at least one factor");
        }
        parts = List.copyOf(parts);
    }

    /** A component from its factors. */
    public static ProductComponent of(ComponentPart... parts) {
        return new ProductComponent(List.of(parts));
    }

    /** log p(row | component): the sum of the factors' log densities. */
    public double logDensity(double[] x, int offset) {
        double s = 0;
        for (ComponentPart p : parts) {
            s += p.logDensity(x, offset);
        }
        return s;
    }

    /** Free parameters of all factors. */
    public int freeParameters() {
        int n = 0;
        for (ComponentPart p : parts) {
            n += p.freeParameters();
        }
        return n;
    }

    /** The column models of the factors, in order. */
    public List<ColumnModel> layout() {
        return parts.stream().map(ComponentPart::model).toList();
    }
}
