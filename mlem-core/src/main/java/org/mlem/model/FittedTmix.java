package org.mlem.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.mlem.data.DataMatrix;
import org.mlem.formula.Frame;
import org.mlem.io.TMixtureFile;
import org.mlem.io.TMixtureJson;
import org.mlem.missing.ObservedCells;
import org.mlem.tmix.TMixture;

/** A t-mixture file ({@code fit tmix}): scores, posteriors, draws. */
public record FittedTmix(TMixtureFile file) implements RowScores, LatentClasses, Sampler {
    public static final ModelKind<FittedTmix> KIND = new ModelKind<>("tmix", "mixture of t distributions",
            FittedTmix.class, new ModelCodec<>() {
                @Override
                public FittedTmix read(JsonNode root, String source) {
                    return new FittedTmix(TMixtureJson.from(root, source));
                }

                @Override
                public ObjectNode write(FittedTmix m) {
                    ObjectNode node = TMixtureJson.node(m.mixture());
                    Json.strings(node, "columns", m.file.columns());
                    return node;
                }
            });

    public TMixture mixture() {
        return file.mixture();
    }

    @Override
    public String kind() {
        return KIND.name();
    }

    /** Counted with every ν estimated, as {@code fit tmix} does by default. */
    @Override
    public int nParameters() {
        return mixture().nParameters(true);
    }

    /** The free parameters as the standard-error table names them, ν included. */
    @Override
    public List<String> parameterNames() {
        return LatentParameterNames.tmix(mixture(), input().names());
    }

    /** Rows with missing cells are taken: each is scored from its observed cells ({@link ObservedCells}). */
    @Override
    public RowInput.Columns input() {
        return new RowInput.Columns(file.columns(), mixture().dimension(), true, null);
    }

    /** log p(x_o): a row with missing cells by the marginal over its observed cells, 0 when none is. */
    @Override
    public double[] logDensities(Frame rows) {
        DataMatrix x = Rows.matrix(rows, input().names());
        return ObservedCells.any(x) ? ObservedCells.logDensities(mixture(), x) : mixture().scoreSamples(x);
    }

    @Override
    public int classes() {
        return mixture().components();
    }

    @Override
    public double[][] posteriors(Frame rows) {
        DataMatrix x = Rows.matrix(rows, input().names());
        return ObservedCells.any(x) ? ObservedCells.posterior(mixture(), x) : mixture().predictProba(x);
    }

    @Override
    public DataMatrix sample(int n, long seed) {
        TMixture.Sample s = mixture().sample(n, seed, input().names());
        return s.data().withLabels(s.components());
    }

    /** The weights, locations, degrees of freedom and scale entries (a ≤ b), one column per component. */
    @Override
    public String summary() {
        TMixture m = mixture();
        List<String> names = input().names();
        ParameterTable t = ParameterTable.components("tmix: k=" + m.components() + ", columns " + String.join(", ", names),
                m.components());
        return t.row("weight", m.weights()).vectors("location", names, m.components(), m::mean)
                .row("df", m.degreesOfFreedom()).matrices("scale", names, m.components(), m::scale).render();
    }
}
