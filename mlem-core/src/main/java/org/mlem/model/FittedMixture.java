package org.mlem.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.mlem.data.DataMatrix;
import org.mlem.formula.Frame;
import org.mlem.io.MixtureJson;
import org.mlem.missing.ObservedCells;
import org.mlem.mixture.CensoredMixtureEstimator;
import org.mlem.mixture.ColumnModel;
import org.mlem.mixture.ProductMixture;
import org.mlem.survival.CensoredSample;

/**
 * A mixture of any families ({@code fit mixture}: a product of per-column families per component,
 * latent class analysis included): scores, posteriors, draws.
 *
 * @param classLabels the class name of each component, or null
 */
public record FittedMixture(ProductMixture mixture, List<String> classLabels) implements RowScores, LatentClasses, Sampler, GatedComponents {
    public static final ModelKind<FittedMixture> KIND = new ModelKind<>("mixture", "mixture of families",
            FittedMixture.class, new ModelCodec<>() {
                @Override
                public FittedMixture read(JsonNode root, String source) {
                    return new FittedMixture(MixtureJson.from(root, source), Json.strings(root, "classes"));
                }

                @Override
                public ObjectNode write(FittedMixture m) {
                    ObjectNode node = MixtureJson.node(m.mixture);
                    Json.strings(node, "classes", m.classLabels);
                    return node;
                }
            });

    public FittedMixture {
        classLabels = classLabels == null ? null : List.copyOf(classLabels);
    }

    @Override
    public String kind() {
        return KIND.name();
    }

    @Override
    public int nParameters() {
        return mixture.nParameters();
    }

    /** The free parameters as the standard-error table names them. */
    @Override
    public List<String> parameterNames() {
        return LatentParameterNames.mixture(mixture);
    }

    /**
     * Missing cells of univariate columns are taken (a component's factor for such a cell is 1, as
     * {@code --missing em} fits them); one in a multivariate column is an error at its cell.
     */
    @Override
    public RowInput.Columns input() {
        return new RowInput.Columns(mixture.columns(), mixture.dimension(), true,
                x -> firstViolation(mixture.layout(), x, true));
    }

    /** The first cell (by row, then column) of {@code data} outside its column family's support in {@code layout}. */
    public static RowInput.Violation firstViolation(List<ColumnModel> layout, DataMatrix data) {
        return firstViolation(layout, data, false);
    }

    /** As {@link #firstViolation(List, DataMatrix)}, missing cells allowed in univariate columns when {@code missingAllowed}. */
    public static RowInput.Violation firstViolation(List<ColumnModel> layout, DataMatrix data, boolean missingAllowed) {
        ColumnModel.Violation first = ColumnModel.firstViolation(layout, data, missingAllowed);
        if (first == null) {
            return null;
        }
        // the core's message starts "row N, column 'c'"; the reader puts the place
        String message = first.error().getMessage().replaceFirst("^row \\d+, column '[^']*'(: )?", "");
        return new RowInput.Violation(first.row(), first.column(), message.strip());
    }

    /** log p(x_o): the product over a row's observed cells only; exactly 0 for a row with none observed. */
    @Override
    public double[] logDensities(Frame rows) {
        DataMatrix x = Rows.matrix(rows, mixture.columns());
        double[] ll = mixture.scoreRows(x);
        for (int i = 0; i < ll.length; i++) {
            if (ObservedCells.noneObserved(x, i)) {
                ll[i] = 0;
            }
        }
        return ll;
    }


    @Override
    public double[] componentLogDensities(Frame rows) {
        DataMatrix x = Rows.matrix(rows, mixture.columns());
        x.requireFinite("a mixture's components");
        int k = mixture.k();
        double[] out = new double[x.rows() * k];
        double[] v = x.values();
        for (int i = 0; i < x.rows(); i++) {
            for (int j = 0; j < k; j++) {
                out[i * k + j] = mixture.component(j).logDensity(v, i * x.cols());
            }
        }
        return out;
    }

    /**
     * Each censored row's log-likelihood {@code log Σ_j π_j P_j(l < X ≤ u)} (an exact row's
     * density), as {@code fit mixture --status|--interval} sums them: a one-column mixture of a
     * continuous family ({@link CensoredMixtureEstimator#logJoint}).
     */
    public double[] logDensities(CensoredSample rows) {
        return Rows.rowTotals(CensoredMixtureEstimator.logJoint(mixture, rows), mixture.k());
    }

    /** The posteriors of censored rows, from the terms of {@link #logDensities(CensoredSample)}. */
    public double[][] posteriors(CensoredSample rows) {
        return Rows.posteriorRows(CensoredMixtureEstimator.logJoint(mixture, rows), mixture.k());
    }

    @Override
    public DataMatrix sample(Frame rows, double[] priors, long seed) {
        return mixture.sample(priors, new SplittableRandom(seed));
    }

    @Override
    public int classes() {
        return mixture.k();
    }

    @Override
    public List<String> classNames() {
        return classLabels;
    }

    @Override
    public double[][] posteriors(Frame rows) {
        DataMatrix x = Rows.matrix(rows, mixture.columns());
        int k = mixture.k();
        double[] flat = mixture.predictProbabilities(x);
        double[][] p = new double[x.rows()][k];
        for (int i = 0; i < p.length; i++) {
            System.arraycopy(flat, i * k, p[i], 0, k);
            if (ObservedCells.noneObserved(x, i)) {
                p[i] = mixture.weights();
            }
        }
        return p;
    }

    @Override
    public DataMatrix sample(int n, long seed) {
        return mixture.sample(n, new SplittableRandom(seed));
    }

    /** The weights and every component's parameters by R's names, one column per component. */
    @Override
    public String summary() {
        ProductMixture m = mixture;
        ParameterTable t = ParameterTable.components("mixture: k=" + m.k() + ", families "
                + m.columnFamilies().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(java.util.stream.Collectors.joining(", ")), m.k());
        return t.row("weight", m.weights()).rows(m.componentParameters()).render();
    }
}
