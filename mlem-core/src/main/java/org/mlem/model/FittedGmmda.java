package org.mlem.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import org.mlem.gmm.GaussianMixture;
import org.mlem.gmm.da.GaussianDiscriminant;
import org.mlem.io.DaJson;

/** A Gaussian discriminant model file ({@code fit gmmda}): class probabilities and each row's density. */
public record FittedGmmda(DaJson.DaFile file) implements RowScores, LatentClasses {
    public static final ModelKind<FittedGmmda> KIND = new ModelKind<>("gmmda", "Gaussian discriminant model", FittedGmmda.class,
            new ModelCodec<>() {
                @Override
                public FittedGmmda read(JsonNode root, String source) {
                    return new FittedGmmda(DaJson.from(root, source));
                }

                @Override
                public ObjectNode write(FittedGmmda m) {
                    ObjectNode node = DaJson.node(m.model());
                    Json.strings(node, "columns", m.file.columns());
                    return node;
                }
            });

    public GaussianDiscriminant model() {
        return file.model();
    }

    @Override
    public String kind() {
        return KIND.name();
    }

    @Override
    public int nParameters() {
        return model().nParameters();
    }

    @Override
    public RowInput.Columns input() {
        return new RowInput.Columns(file.columns(), model().dimension(), false, null);
    }

    /** log Σ_c π_c f_c(x): the row's density with its class unknown. */
    @Override
    public double[] logDensities(org.mlem.formula.Frame rows) {
        return model().scoreSamples(Rows.matrix(rows, input().names()));
    }

    @Override
    public int classes() {
        return model().classCount();
    }

    @Override
    public List<String> classNames() {
        return model().classes();
    }

    @Override
    public double[][] posteriors(org.mlem.formula.Frame rows) {
        return model().predictProba(Rows.matrix(rows, input().names()));
    }

    /** Per class: its prior, and its mixture's G, model, weights and means. */
    @Override
    public String summary() {
        GaussianDiscriminant m = model();
        List<String> names = input().names();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "gmmda: %s, %d classes, columns %s%n", m.type().id(),
                m.classCount(), String.join(", ", names)));
        for (int c = 0; c < m.classCount(); c++) {
            GaussianMixture g = m.densities().get(c);
            ParameterTable t = ParameterTable.components(String.format(Locale.ROOT, "class %s: prior %s, G=%d, %s",
                    m.classes().get(c), String.format(Locale.ROOT, "%.6g", m.priors()[c]), g.components(),
                    (m.edda() != null ? m.edda() : g.structure()).mclustName(g.dimension())), g.components());
            sb.append(t.row("weight", g.weights()).vectors("mean", names, g.components(), g::mean)
                    .matrices("cov", names, g.components(), g::covariance).render());
            if (c + 1 < m.classCount()) {
                sb.append(System.lineSeparator());
            }
        }
        return sb.toString();
    }
}
