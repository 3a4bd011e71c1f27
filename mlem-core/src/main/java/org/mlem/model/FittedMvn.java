package org.mlem.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.SplittableRandom;
import org.mlem.data.Block;
import org.mlem.data.DataMatrix;
import org.mlem.dist.MultivariateNormal;
import org.mlem.formula.Frame;
import org.mlem.io.MvnJson;
import org.mlem.missing.MvnMissingModel;
import org.mlem.missing.MvnParameters;

/**
 * A multivariate normal file ({@code fit mvn}): scores rows with missing cells (the observed-data
 * log-likelihood of each row's observed cells) and draws complete rows.
 */
public record FittedMvn(MvnJson.Model file) implements RowScores, Sampler {
    public static final ModelKind<FittedMvn> KIND = new ModelKind<>("mvn", "multivariate normal", FittedMvn.class,
            new ModelCodec<>() {
                @Override
                public FittedMvn read(JsonNode root, String source) {
                    return new FittedMvn(MvnJson.from(root, source));
                }

                @Override
                public ObjectNode write(FittedMvn m) {
                    ObjectNode node = MvnJson.node(m.parameters());
                    Json.strings(node, "columns", m.file.columns());
                    return node;
                }
            });

    public MvnParameters parameters() {
        return file.parameters();
    }

    @Override
    public String kind() {
        return KIND.name();
    }

    /** d means and d(d+1)/2 covariances. */
    @Override
    public int nParameters() {
        int d = parameters().dimension();
        return d + d * (d + 1) / 2;
    }

    @Override
    public RowInput.Columns input() {
        return new RowInput.Columns(file.columns(), parameters().dimension(), true, null);
    }

    /**
     * Each row's observed-data log-likelihood {@code log N(x_O | μ_O, Σ_OO)} over its observed
     * cells O (NaN cells are missing): the library's E-step ({@link MvnMissingModel#accumulate}) on
     * a one-row block, so that the rows' sum is the fit's {@code logLikelihood} on the same rows.
     */
    @Override
    public double[] logDensities(Frame rows) {
        DataMatrix x = Rows.matrix(rows, input().names());
        MvnParameters p = parameters();
        MvnMissingModel model = new MvnMissingModel();
        double[] values = x.values();
        double[] ll = new double[x.rows()];
        for (int i = 0; i < ll.length; i++) {
            ll[i] = model.accumulate(p, new Block(values, null, null, i, 1, x.cols()), model.emptyStats(p));
        }
        return ll;
    }

    /** Rows {@code μ + L z}, {@code L Lᵀ = Σ}, z standard normal from a {@link SplittableRandom} seeded by {@code seed}. */
    @Override
    public DataMatrix sample(int n, long seed) {
        MvnParameters p = parameters();
        int d = p.dimension();
        double[] flat = new double[d * d];
        double[][] cov = p.covariance();
        for (int a = 0; a < d; a++) {
            System.arraycopy(cov[a], 0, flat, a * d, d);
        }
        MultivariateNormal normal = MultivariateNormal.of(p.mean(), flat);
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(normal.sample(rng), 0, x, i * d, d);
        }
        return DataMatrix.of(x, n, d, input().names());
    }

    /** The mean and covariance, one column per modelled column. */
    @Override
    public String summary() {
        MvnParameters p = parameters();
        List<String> names = input().names();
        ParameterTable t = new ParameterTable("mvn: columns " + String.join(", ", names), names);
        t.row("mean", p.mean());
        for (int a = 0; a < names.size(); a++) {
            t.row("cov " + names.get(a), p.covariance()[a]);
        }
        return t.render();
    }
}
