package org.mlem.uncertainty;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.dist.CategoricalFamily;
import org.mlem.dist.Distribution;
import org.mlem.em.EmOptions;
import org.mlem.mixture.ComponentPart;
import org.mlem.mixture.MixtureInit;
import org.mlem.mixture.ProductComponent;
import org.mlem.mixture.ProductMixture;
import org.mlem.mixture.ProductMixtureEstimator;

/**
 * Standard errors of a mixture of products of families ({@code fit mixture}, latent class
 * analysis). Reported layout ({@link ComponentBlocks}): {@code weight[j]}, then component j's
 * factors in column order, each family's parameters by R's names, {@code name[j][column]}
 * (e.g. {@code mean[0][x]}, {@code prob[1][item3]}); a multinomial's {@code prob[j][column]}.
 *
 * <p>Louis' information takes each family's exact complete-data score and Hessian of one
 * observation in its own parameterisation ({@code UnivariateFamily.scoreAt}, {@code hessianAt}:
 * the derivatives its own maximum-likelihood fit uses). A missing cell contributes nothing (its
 * factor is 1). Categorical and multinomial factors are refused there: their probabilities sum
 * to 1, so they are not free parameters as written; their standard errors come from the bootstrap.
 */
public final class ProductMixtureUncertainty {
    private ProductMixtureUncertainty() {}

    /** The reported names of mixtures shaped like {@code m}. */
    public static List<String> names(ProductMixture m) {
        List<String> columns = m.columns();
        List<List<String>> blocks = new ArrayList<>();
        for (int j = 0; j < m.k(); j++) {
            List<String> b = new ArrayList<>();
            for (ComponentPart p : m.component(j).parts()) {
                if (p instanceof ComponentPart.UnivariatePart u) {
                    String col = columns.get(u.model().column());
                    for (String name : u.parameters(columns).keySet()) {
                        b.add(name + "[" + j + "][" + col + "]");
                    }
                } else {
                    for (String name : p.parameters(columns).keySet()) { // prob[column]
                        b.add(name.replaceFirst("\\[", "[" + j + "]["));
                    }
                }
            }
            blocks.add(b);
        }
        return ComponentBlocks.names(blocks);
    }

    /** The mixture shaped like {@code like} with the free parameters θ (weights but the last, then each factor's parameters). */
    public static ProductMixture fromFree(ProductMixture like, double[] theta) {
        int k = like.k();
        List<ProductComponent> comps = new ArrayList<>();
        int o = k - 1;
        for (int j = 0; j < k; j++) {
            List<ComponentPart> parts = new ArrayList<>();
            for (ComponentPart p : like.component(j).parts()) {
                int n = p.parameterValues().length;
                parts.add(p.withParameterValues(java.util.Arrays.copyOfRange(theta, o, o + n)));
                o += n;
            }
            comps.add(new ProductComponent(parts));
        }
        return ProductMixture.of(ComponentBlocks.weights(theta, k), comps, like.columns());
    }

    private static double[][] blocks(ProductMixture m) {
        double[][] b = new double[m.k()][];
        for (int j = 0; j < m.k(); j++) {
            List<Double> v = new ArrayList<>();
            for (ComponentPart p : m.component(j).parts()) {
                for (double x : p.parameterValues()) {
                    v.add(x);
                }
            }
            b[j] = v.stream().mapToDouble(Double::doubleValue).toArray();
        }
        return b;
    }

    /** {@code m}'s parameters, reported component j being {@code m}'s {@code order[j]}. */
    public static double[] values(ProductMixture m, int[] order) {
        return ComponentBlocks.values(m.weights(), blocks(m), order);
    }

    static int[] match(ProductMixture fitted, ProductMixture replicate) {
        return LabelMatching.byFeatures(fitted.weights(), blocks(fitted), replicate.weights(), blocks(replicate));
    }

    /**
     * Louis' observed information of {@code m} on {@code data}, nothing held.
     *
     * @throws MlemUserException for a categorical or multinomial factor
     */
    public static ObservedInformation louis(ProductMixture m, DataMatrix data) {
        return louis(m, data, HeldParameters.NONE);
    }

    /**
     * Louis' observed information of {@code m} on {@code data} (row weights as frequency weights;
     * labelled rows add their complete-data information), the parameters {@code held} names known.
     *
     * @throws MlemUserException for a categorical or multinomial factor
     */
    public static ObservedInformation louis(ProductMixture m, DataMatrix data, Predicate<String> held) {
        int k = m.k();
        ComponentPart refused = withoutDerivatives(m);
        if (refused != null) {
            throw new MlemUserException("--standard-errors louis does not take " + refused.model().familyName() + " columns "
                    + "(their probabilities sum to 1, so they are not free parameters as written); use --bootstrap B");
        }
        double[] flat = m.predictProbabilities(data);
        double[][] posterior = new double[data.rows()][k];
        for (int i = 0; i < posterior.length; i++) {
            System.arraycopy(flat, i * k, posterior[i], 0, k);
        }
        double[][] info = MixtureInformation.information(m.weights(),
                MixtureInformation.knownClasses(posterior, MixtureInformation.labels(data)), data.hasWeights() ? data.weights() : null,
                derivatives(m, data));
        return MixtureInformation.standardErrors(names(m), values(m, ComponentBlocks.identity(k)), info, k,
                new boolean[info.length], held);
    }

    /** The first factor of component 0 that is categorical or multinomial (no free parameters as written), or null. */
    private static ComponentPart withoutDerivatives(ProductMixture m) {
        for (ComponentPart p : m.component(0).parts()) {
            if (!(p instanceof ComponentPart.UnivariatePart u) || u.model().family() instanceof CategoricalFamily) {
                return p;
            }
        }
        return null;
    }

    /**
     * Each component's exact complete-data score and negative Hessian of one row of {@code data}
     * ({@code UnivariateFamily.scoreAt}, {@code hessianAt}; a missing cell adds nothing), in the
     * block of component j's factors in column order; null when a factor is categorical or
     * multinomial.
     */
    public static MixtureInformation.ComponentDerivatives derivatives(ProductMixture m, DataMatrix data) {
        if (withoutDerivatives(m) != null) {
            return null;
        }
        int size = 0;
        for (ComponentPart p : m.component(0).parts()) {
            size += p.parameterValues().length;
        }
        int s = size;
        return new MixtureInformation.ComponentDerivatives() {
            @Override
            public int size() {
                return s;
            }

            @Override
            public void at(int row, int j, double[] grad, double[] negHessian) {
                java.util.Arrays.fill(grad, 0);
                java.util.Arrays.fill(negHessian, 0);
                int off = 0;
                for (ComponentPart p : m.component(j).parts()) {
                    ComponentPart.UnivariatePart u = (ComponentPart.UnivariatePart) p;
                    Distribution dist = u.distribution();
                    double[] theta = dist.parameterValues();
                    double x = data.get(row, u.model().column());
                    if (!Double.isNaN(x)) {
                        double[] g = dist.family().scoreAt(theta, x);
                        double[][] h = dist.family().hessianAt(theta, x);
                        for (int a = 0; a < theta.length; a++) {
                            grad[off + a] = g[a];
                            for (int b = 0; b < theta.length; b++) {
                                negHessian[(off + a) * s + off + b] = -h[a][b];
                            }
                        }
                    }
                    off += theta.length;
                }
            }
        };
    }

    /**
     * The bootstrap of a product mixture: each replicate runs {@code estimator}'s EM from the
     * fitted mixture (one start, one thread); components matched by weights and parameters.
     * Parametric replicates need univariate factors (a multinomial's draws need each row's total).
     */
    public static BootstrapFamily<ProductMixture> bootstrap(ProductMixtureEstimator estimator) {
        EmOptions em = estimator.em().withRestarts(1).withThreads(1);
        return new BootstrapFamily<>() {
            @Override
            public List<String> parameterNames(ProductMixture fitted, List<String> columns) {
                return names(fitted);
            }

            @Override
            public ProductMixture refit(ProductMixture fitted, DataMatrix data, long seed) {
                return estimator.withInit(new MixtureInit.Given(fitted)).withEm(em).fit(data, seed).model();
            }

            @Override
            public double[] matchedParameters(ProductMixture fitted, ProductMixture replicate) {
                return values(replicate, match(fitted, replicate));
            }

            @Override
            public DataMatrix simulate(ProductMixture model, int n, long seed, List<String> columns) {
                return model.sample(n, new SplittableRandom(seed)).withLabels(null);
            }
        };
    }
}
