package org.mlem.model;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;
import org.mlem.MlemUserException;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.formula.DesignSpec;
import org.mlem.formula.Frame;
import org.mlem.formula.ModelFormula;
import org.mlem.regmix.FixedParameters;
import org.mlem.regmix.RegmixDraws;
import org.mlem.regmix.RegmixEstimator;
import org.mlem.regmix.RegmixInit;
import org.mlem.regmix.RegmixScores;
import org.mlem.regmix.RegmixUncertainty;
import org.mlem.regmix.RegressionMixture;
import org.mlem.uncertainty.HeldParameters;
import org.mlem.uncertainty.ObservedInformation;

/** Mixtures of regressions as an {@link EmKind}: rows of a formula frame, the formula carried with them. */
final class RegmixEmKind implements EmKind<RegmixEmKind.Data, RegressionMixture> {
    /** The name of the weights column {@link #weighted} adds. */
    private static final String WEIGHTS = ".weights";

    /**
     * The rows of a regression mixture's fit.
     *
     * @param frame the columns
     * @param formula the model formula
     * @param weights the frame's frequency-weights column, or null
     * @param known each row's known component (-1: unknown), or null
     */
    record Data(Frame frame, String formula, String weights, int[] known) {}

    @Override
    public String name() {
        return "regmix";
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.WEIGHTS, Capability.LABELS, Capability.FIXED, Capability.ACCELERATION,
                Capability.LOUIS);
    }

    @Override
    public RegressionMixture model(FittedModel file) {
        return ((FittedRegmix) file).mixture();
    }

    @Override
    public Data data(FittedModel file, Frame rows) {
        return new Data(rows, ((FittedRegmix) file).file().formula(), null, null);
    }

    @Override
    public Draw<Data> draw(RegressionMixture model, Data like, int units, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = like.frame().rows();
        int[] pick = new int[units];
        for (int i = 0; i < units; i++) {
            pick[i] = rng.nextInt(n);
        }
        Frame covariates = rows(like.frame(), units, i -> pick[i]);
        // the resampled rows coded with the basis of the rows drawn from (a poly()'s, an ns()'s), not their own
        var bases = org.mlem.formula.Design.build(like.formula(), like.frame(), DesignSpec.DEFAULTS).bases();
        RegmixDraws draws = RegmixDraws.of(model, like.formula(), null, covariates, rng.nextLong(), null, java.util.Map.of(),
                bases);
        String response = ModelFormula.parse(like.formula(), covariates.names()).response().columns().iterator().next();
        List<Object> values = new ArrayList<>();
        for (String name : covariates.names()) {
            values.add(name.equals(response) ? draws.response()
                    : covariates.isNumeric(name) ? covariates.numeric(name) : covariates.text(name));
        }
        return new Draw<>(new Data(Frame.of(covariates.names(), values), like.formula(), null, null), draws.components());
    }

    /** {@code n} rows of {@code frame}, row i being the frame's row {@code source(i)}. */
    private static Frame rows(Frame frame, int n, IntUnaryOperator source) {
        List<Object> values = new ArrayList<>();
        for (String name : frame.names()) {
            if (frame.isNumeric(name)) {
                double[] from = frame.numeric(name);
                double[] to = new double[n];
                for (int i = 0; i < n; i++) {
                    to[i] = from[source.applyAsInt(i)];
                }
                values.add(to);
            } else {
                String[] from = frame.text(name);
                String[] to = new String[n];
                for (int i = 0; i < n; i++) {
                    to[i] = from[source.applyAsInt(i)];
                }
                values.add(to);
            }
        }
        return Frame.of(frame.names(), values);
    }

    @Override
    public EmOptions defaults() {
        return RegmixEstimator.DEFAULT_EM;
    }

    private static RegmixEstimator estimator(RegressionMixture like, Data data, EmOptions em) {
        DesignSpec design = data.weights() == null ? DesignSpec.DEFAULTS : DesignSpec.DEFAULTS.withWeights(data.weights());
        return RegmixEstimator.of(data.formula(), like.components()).withFamily(like.family()).withLink(like.link())
                .withEm(em).withDesign(design);
    }

    @Override
    public MixtureFit<RegressionMixture> fit(Data data, RegressionMixture start, EmOptions em, Set<String> fixed,
            boolean missingEm) {
        if (missingEm) {
            throw new MlemUserException("a regression mixture does not marginalise missing cells");
        }
        FixedParameters held = FixedParameters.NONE;
        if (fixed.contains("weights")) {
            held = held.withWeights();
        }
        for (int j = 0; j < start.components(); j++) {
            if (fixed.contains("coefficients")) {
                held = held.withCoefficients(j);
            }
            if (fixed.contains("sd")) {
                held = held.withSd(j);
            }
        }
        return estimator(start, data, em).withInit(new RegmixInit.Given(start)).withFixed(held)
                .fit(data.frame(), data.known(), 0, null);
    }

    @Override
    public MixtureFit<RegressionMixture> fit(Data data, RegressionMixture like, EmOptions em, long seed) {
        return estimator(like, data, em).fit(data.frame(), data.known(), seed, null);
    }

    @Override
    public int classes(RegressionMixture model) {
        return model.components();
    }

    @Override
    public int units(Data data) {
        return data.frame().rows();
    }

    @Override
    public Data weighted(Data data, double[] w) {
        List<String> names = new ArrayList<>(data.frame().names());
        List<Object> values = new ArrayList<>();
        for (String name : names) {
            values.add(data.frame().isNumeric(name) ? data.frame().numeric(name) : data.frame().text(name));
        }
        names.add(WEIGHTS);
        values.add(w);
        return new Data(Frame.of(names, values), data.formula(), WEIGHTS, data.known());
    }

    @Override
    public Data repeated(Data data, int[] counts) {
        int n = java.util.Arrays.stream(counts).sum();
        int[] source = new int[n];
        int at = 0;
        for (int i = 0; i < counts.length; i++) {
            for (int c = 0; c < counts[i]; c++) {
                source[at++] = i;
            }
        }
        int[] known = null;
        if (data.known() != null) {
            known = new int[n];
            for (int i = 0; i < n; i++) {
                known[i] = data.known()[source[i]];
            }
        }
        return new Data(rows(data.frame(), n, i -> source[i]), data.formula(), null, known);
    }

    @Override
    public Data labelled(Data data, int[] labels) {
        return new Data(data.frame(), data.formula(), data.weights(), labels);
    }

    @Override
    public List<String> groups() {
        return List.of("weights", "coefficients", "sd");
    }

    @Override
    public double[] group(RegressionMixture model, String group) {
        return switch (group) {
            case "weights" -> model.weights();
            case "coefficients" -> {
                double[][] all = new double[model.components()][];
                for (int j = 0; j < all.length; j++) {
                    all[j] = model.coefficients(j);
                }
                yield java.util.Arrays.stream(all).flatMapToDouble(java.util.Arrays::stream).toArray();
            }
            case "sd" -> model.hasSd() ? model.sds() : new double[0];
            default -> throw new IllegalArgumentException(group);
        };
    }

    @Override
    public ObservedInformation louis(RegressionMixture model, Data data, Set<String> fixed) {
        return RegmixUncertainty.louis(estimator(model, data, defaults()), model, data.frame(), data.known(),
                HeldParameters.groups(fixed, HeldParameters.REGMIX));
    }

    @Override
    public RegressionMixture withFree(RegressionMixture like, double[] theta) {
        return RegmixUncertainty.fromFree(like, theta);
    }

    @Override
    public double logLikelihood(RegressionMixture model, Data data) {
        double[] rows = RegmixScores.of(model, data.formula(), null, data.frame(), false).rowLogLikelihoods();
        double[] w = data.weights() == null ? null : data.frame().numeric(data.weights());
        double total = 0;
        for (int i = 0; i < rows.length; i++) {
            total += (w == null ? 1 : w[i]) * rows[i];
        }
        return total;
    }

    @Override
    public String groupOf(String parameter) {
        return HeldParameters.REGMIX.apply(parameter);
    }
}
