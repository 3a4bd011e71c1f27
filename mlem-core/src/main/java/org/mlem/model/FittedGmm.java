package org.mlem.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import org.mlem.data.DataMatrix;
import org.mlem.formula.Frame;
import org.mlem.gmm.GaussianMixture;
import org.mlem.io.GmmFile;
import org.mlem.io.ModelJson;

/** A Gaussian mixture file ({@code fit gmm}): scores, posteriors, draws. */
public record FittedGmm(GmmFile file) implements RowScores, LatentClasses, Sampler {
    public static final ModelKind<FittedGmm> KIND = new ModelKind<>("gmm", "Gaussian mixture", FittedGmm.class,
            new ModelCodec<>() {
                @Override
                public FittedGmm read(JsonNode root, String source) {
                    return new FittedGmm(ModelJson.gmmFrom(root, source));
                }

                @Override
                public ObjectNode write(FittedGmm m) {
                    ObjectNode node = ModelJson.gmmNode(m.mixture());
                    Json.strings(node, "columns", m.file.columns());
                    Json.strings(node, "classes", m.file.classes());
                    return node;
                }
            });

    public GaussianMixture mixture() {
        return file.mixture();
    }

    @Override
    public String kind() {
        return KIND.name();
    }

    @Override
    public int nParameters() {
        return mixture().nParameters();
    }

    /** The free parameters as the standard-error table names them ({@link LatentParameterNames#gmm}). */
    @Override
    public List<String> parameterNames() {
        return LatentParameterNames.gmm(mixture(), input().names());
    }

    @Override
    public RowInput.Columns input() {
        return new RowInput.Columns(file.columns(), mixture().dimension(), false, null);
    }

    @Override
    public double[] logDensities(Frame rows) {
        return mixture().scoreSamples(Rows.matrix(rows, input().names()));
    }

    @Override
    public int classes() {
        return mixture().components();
    }

    @Override
    public List<String> classNames() {
        return file.classes();
    }

    @Override
    public double[][] posteriors(Frame rows) {
        return mixture().predictProba(Rows.matrix(rows, input().names()));
    }

    @Override
    public DataMatrix sample(int n, long seed) {
        GaussianMixture.Sample s = mixture().sample(n, seed, input().names());
        return s.data().withLabels(s.components());
    }

    /** Rows drawn one at a time by {@link GaussianMixture#sampler}: the same rows as {@link #sample}. */
    @Override
    public RowStream stream(long seed) {
        GaussianMixture.Sampler s = mixture().sampler(seed);
        List<String> names = input().names();
        return new RowStream() {
            @Override
            public List<String> columns() {
                return names;
            }

            @Override
            public int next(double[] row) {
                return s.next(row);
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
        return t.row("weight", m.weights()).vectors("mean", names, m.components(), m::mean)
                .matrices("cov", names, m.components(), m::covariance).render();
    }
}
