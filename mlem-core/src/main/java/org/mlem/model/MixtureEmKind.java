package org.mlem.model;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.dist.Families;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.io.MixtureJson;
import org.mlem.mixture.ColumnModel;
import org.mlem.mixture.FixedParameters;
import org.mlem.mixture.MixtureInit;
import org.mlem.mixture.ProductMixture;
import org.mlem.mixture.ProductMixtureEstimator;
import org.mlem.uncertainty.HeldParameters;
import org.mlem.uncertainty.ObservedInformation;
import org.mlem.uncertainty.ProductMixtureUncertainty;

/** Mixtures of families (products of per-column distributions) as an {@link EmKind}. */
final class MixtureEmKind extends MatrixEmKind<ProductMixture> implements BlockEmKind<ProductMixture> {
    @Override
    public String name() {
        return "mixture";
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.allOf(Capability.class);
    }

    @Override
    public ProductMixture model(FittedModel file) {
        return ((FittedMixture) file).mixture();
    }

    @Override
    public Draw<DataMatrix> draw(ProductMixture model, DataMatrix like, int units, long seed) {
        DataMatrix x = model.sample(units, new SplittableRandom(seed));
        return new Draw<>(DataMatrix.of(x.values(), x.rows(), x.cols(), like.columns()), x.labels());
    }

    @Override
    public EmOptions defaults() {
        return EmOptions.DEFAULTS;
    }

    @Override
    public MixtureFit<ProductMixture> fit(DataMatrix data, ProductMixture start, EmOptions em, Set<String> fixed,
            boolean missingEm) {
        return estimator(start, em, fixed).withMissingEm(missingEm).fit(data, 0);
    }

    private static ProductMixtureEstimator estimator(ProductMixture start, EmOptions em, Set<String> fixed) {
        FixedParameters held = FixedParameters.NONE;
        if (fixed.contains("weights")) {
            held = held.withWeights(start.weights());
        }
        for (int j = 0; fixed.contains("components") && j < start.k(); j++) {
            held = held.withComponent(j, start.component(j));
        }
        return ProductMixtureEstimator.of(start.k(), start.layout()).withInit(new MixtureInit.Given(start)).withEm(em)
                .withFixed(held);
    }

    @Override
    public org.mlem.em.EmProblem<ProductMixture> problem(ProductMixture start, List<String> columns, Set<String> fixed,
            boolean marginalise) {
        return estimator(start, EmOptions.DEFAULTS, fixed).withMissingEm(marginalise).problem(columns);
    }

    /** The family is one family for every column, {@code multinomial} (one over every column), or one per column ("a,b"). */
    @Override
    public MixtureFit<ProductMixture> fit(DataMatrix data, Shape shape, EmOptions em, long seed, boolean missingEm) {
        return estimator(shape, data.cols()).withEm(em).withMissingEm(missingEm).fit(data, seed);
    }

    /** The estimator of {@code shape} over d columns (EM options the defaults), as {@link #fit(DataMatrix, Shape, EmOptions, long, boolean)} builds it. */
    static ProductMixtureEstimator estimator(Shape shape, int d) {
        if (shape.family() == null) {
            throw new MlemUserException("a mixture of families needs a family (e.g. poisson, or bernoulli for latent "
                    + "class analysis, or one per column: poisson,normal)");
        }
        String f = shape.family().trim();
        return f.equalsIgnoreCase("multinomial") ? ProductMixtureEstimator.multinomial(shape.k(), d)
                : f.contains(",") ? ProductMixtureEstimator.perColumn(shape.k(), List.of(f.split("\\s*,\\s*")))
                : ProductMixtureEstimator.sameFamily(shape.k(), Families.byName(f), d);
    }

    /** A value outside its column family's support. */
    @Override
    public Fault firstFault(Shape shape, ProductMixture like, DataMatrix rows, boolean missingEm) {
        List<ColumnModel> layout = like != null ? like.layout() : estimator(shape, rows.cols()).layout();
        ColumnModel.Violation v = ColumnModel.firstViolation(layout, rows, missingEm);
        if (v == null) {
            return null;
        }
        String m = v.error().getMessage();
        String row = "row " + (v.row() + 1);
        return new Fault(v.row(), m.startsWith(row) ? m.substring(row.length()) : ": " + m);
    }

    @Override
    public FittedModel file(ProductMixture model, List<String> columns) {
        return new FittedMixture(model, null);
    }

    @Override
    public MixtureFit<ProductMixture> fit(DataMatrix data, ProductMixture like, EmOptions em, long seed) {
        return ProductMixtureEstimator.of(like.k(), like.layout()).withEm(em).fit(data, seed);
    }

    @Override
    public int classes(ProductMixture model) {
        return model.k();
    }

    @Override
    public List<String> groups() {
        return List.of("weights", "components");
    }

    @Override
    public double[] group(ProductMixture model, String group) {
        return EmKind.numbers(MixtureJson.node(model).get(group));
    }

    @Override
    public ObservedInformation louis(ProductMixture model, DataMatrix data, Set<String> fixed) {
        return ProductMixtureUncertainty.louis(model, data, HeldParameters.groups(fixed, HeldParameters.MIXTURE));
    }

    @Override
    public ProductMixture withFree(ProductMixture like, double[] theta) {
        return ProductMixtureUncertainty.fromFree(like, theta);
    }

    @Override
    public double logLikelihood(ProductMixture model, DataMatrix data) {
        return model.logLikelihood(data);
    }

    @Override
    public String groupOf(String parameter) {
        return HeldParameters.MIXTURE.apply(parameter);
    }
}
