package org.mlem.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import org.mlem.data.DataMatrix;
import org.mlem.formula.Frame;
import org.mlem.gmm.GaussianMixture;
import org.mlem.gmm.NoiseMixture;
import org.mlem.io.GmmFile;
import org.mlem.io.ModelJson;
import org.mlem.missing.ObservedCells;

/** A Gaussian mixture file ({@code fit gmm}): scores, posteriors, draws. */
public record FittedGmm(GmmFile file) implements RowScores, LatentClasses, Sampler, GatedComponents {
    public static final ModelKind<FittedGmm> KIND = new ModelKind<>("gmm", "Gaussian mixture", FittedGmm.class,
            new ModelCodec<>() {
                @Override
                public FittedGmm read(JsonNode root, String source) {
                    return new FittedGmm(ModelJson.gmmFrom(root, source));
                }

                @Override
                public ObjectNode write(FittedGmm m) {
                    ObjectNode node = m.noise() == null ? ModelJson.gmmNode(m.mixture()) : ModelJson.gmmNode(m.noise());
                    Json.strings(node, "columns", m.file.columns());
                    Json.strings(node, "classes", m.file.classes());
                    return node;
                }
            });

    public GaussianMixture mixture() {
        return file.mixture();
    }

    /** The mixture with its noise component, or null when it has none. */
    public NoiseMixture noise() {
        return file.noise();
    }

    @Override
    public String kind() {
        return KIND.name();
    }

    @Override
    public int nParameters() {
        return noise() != null ? noise().nParameters() : mixture().nParameters();
    }

    /** The free parameters as the standard-error table names them ({@link LatentParameterNames#gmm}). */
    @Override
    public List<String> parameterNames() {
        return LatentParameterNames.gmm(mixture(), input().names());
    }

    /**
     * Rows with missing cells are taken unless the mixture has a noise component: each is scored
     * from its observed cells ({@link ObservedCells}).
     */
    @Override
    public RowInput.Columns input() {
        return new RowInput.Columns(file.columns(), mixture().dimension(), noise() == null, null);
    }

    /** log p(x_o): a row with missing cells by the marginal over its observed cells, 0 when none is. */
    @Override
    public double[] logDensities(Frame rows) {
        DataMatrix x = Rows.matrix(rows, input().names());
        if (noise() != null) {
            return noise().scoreSamples(x);
        }
        return ObservedCells.any(x) ? ObservedCells.logDensities(mixture(), x) : mixture().scoreSamples(x);
    }

    /** The Gaussian components' log densities (a mixture with a noise component has no gating). */
    @Override
    public double[] componentLogDensities(Frame rows) {
        DataMatrix x = Rows.matrix(rows, input().names());
        return ObservedCells.any(x) ? ObservedCells.componentLogDensities(mixture(), x) : mixture().componentLogDensities(x);
    }

    @Override
    public DataMatrix sample(Frame rows, double[] priors, long seed) {
        GaussianMixture.Sample s = mixture().sample(priors, seed, input().names());
        return s.data().withLabels(s.components());
    }

    @Override
    public int classes() {
        return mixture().components() + (noise() != null ? 1 : 0);
    }

    @Override
    public List<String> classNames() {
        if (noise() == null) {
            return file.classes();
        }
        List<String> names = new java.util.ArrayList<>();
        for (int j = 0; j < mixture().components(); j++) {
            names.add(file.classes() != null ? file.classes().get(j) : String.valueOf(j));
        }
        names.add(NOISE_CLASS);
        return names;
    }

    /** The noise component's class name in {@code predict}'s labels (its probability is the last column). */
    public static final String NOISE_CLASS = "noise";

    @Override
    public double[][] posteriors(Frame rows) {
        DataMatrix x = Rows.matrix(rows, input().names());
        if (noise() != null) {
            return noise().predictProba(x);
        }
        return ObservedCells.any(x) ? ObservedCells.posterior(mixture(), x) : mixture().predictProba(x);
    }

    @Override
    public DataMatrix sample(int n, long seed) {
        GaussianMixture.Sample s = noise() != null ? noise().sample(n, seed, input().names())
                : mixture().sample(n, seed, input().names());
        return s.data().withLabels(s.components());
    }

    /** Rows drawn one at a time by {@link GaussianMixture#sampler}: the same rows as {@link #sample}. */
    @Override
    public RowStream stream(long seed) {
        java.util.function.ToIntFunction<double[]> s = noise() != null ? noise().sampler(seed) : mixture().sampler(seed)::next;
        List<String> names = input().names();
        return new RowStream() {
            @Override
            public List<String> columns() {
                return names;
            }

            @Override
            public int next(double[] row) {
                return s.applyAsInt(row);
            }
        };
    }

    /** The weights, means and covariance entries (a ≤ b), one column per component. */
    @Override
    public String summary() {
        GaussianMixture m = mixture();
        List<String> names = input().names();
        ParameterTable t = ParameterTable.components(String.format(Locale.ROOT,
                "gmm: k=%d, %s covariances (mclust %s), columns %s", m.components(), m.structure(),
                m.structure().mclustName(m.dimension()), String.join(", ", names)), m.components());
        String table = t.row("weight", noise() != null ? java.util.Arrays.copyOf(noise().proportions(), m.components())
                : m.weights()).vectors("mean", names, m.components(), m::mean)
                .matrices("cov", names, m.components(), m::covariance).render();
        return noise() == null ? table : table + String.format(Locale.ROOT, "noise: weight %s, uniform over hypervolume %s%n",
                noise().noiseWeight(), noise().region().hypervolume());
    }
}
