package org.mlem.mixture;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.mlem.data.DataMatrix;
import org.mlem.dist.Families;
import org.mlem.dist.UnivariateFamily;

/** Seeded two-component test mixtures, one per family, and a canonical component order. */
final class MixtureCases {
    private MixtureCases() {}

    /** Family names the cases cover ({@link #twoComponents}). */
    static final List<String> FAMILIES = List.of("poisson", "exponential", "gamma", "lognormal", "normal", "weibull",
            "negbin", "geometric", "binomial:5", "bernoulli");

    /** Per family: the two components' parameters, column by column (bernoulli: 4 columns). */
    static double[][][] parameters(String family) {
        return switch (family) {
            case "poisson" -> new double[][][] {{{2}}, {{10}}};
            case "exponential" -> new double[][][] {{{2}}, {{0.1}}};
            case "gamma" -> new double[][][] {{{2, 1}}, {{9, 0.5}}};
            case "lognormal" -> new double[][][] {{{0.5, 0.5}}, {{2.5, 0.4}}};
            case "normal" -> new double[][][] {{{0, 1}}, {{5, 1.5}}};
            case "weibull" -> new double[][][] {{{1.5, 1}}, {{4, 5}}};
            case "negbin" -> new double[][][] {{{5, 2}}, {{10, 15}}};
            case "geometric" -> new double[][][] {{{0.5}}, {{0.1}}};
            case "binomial:5" -> new double[][][] {{{0.2}}, {{0.7}}};
            case "bernoulli" -> new double[][][] {{{0.9}, {0.8}, {0.2}, {0.1}}, {{0.2}, {0.1}, {0.7}, {0.9}}};
            default -> throw new IllegalArgumentException(family);
        };
    }

    /** The true two-component mixture of {@code family}, weights 0.4 and 0.6. */
    static ProductMixture twoComponents(String family) {
        double[][][] p = parameters(family);
        List<ProductComponent> cs = new ArrayList<>();
        for (double[][] comp : p) {
            List<ComponentPart> parts = new ArrayList<>();
            for (int a = 0; a < comp.length; a++) {
                UnivariateFamily f = Families.byName(family);
                parts.add(ComponentPart.univariate(a, f.of(comp[a])));
            }
            cs.add(new ProductComponent(parts));
        }
        return ProductMixture.of(new double[] {0.4, 0.6}, cs, DataMatrix.defaultNames(p[0].length));
    }

    /** {@code n} rows from {@code m}, labels dropped. */
    static DataMatrix sample(ProductMixture m, int n, long seed) {
        DataMatrix s = m.sample(n, new SplittableRandom(seed));
        return DataMatrix.of(s.values(), n, s.cols(), s.columns());
    }

    /** Component indices ordered by the first parameter of every factor, lexicographically. */
    static int[] canonicalOrder(ProductMixture m) {
        Integer[] idx = new Integer[m.k()];
        Arrays.setAll(idx, j -> j);
        Arrays.sort(idx, Comparator.comparing(j -> key(m, j), Arrays::compare));
        return Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
    }

    private static double[] key(ProductMixture m, int j) {
        return m.component(j).parts().stream().mapToDouble(p -> p.parameterValues()[0]).toArray();
    }
}
