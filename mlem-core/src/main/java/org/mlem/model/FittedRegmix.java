package org.mlem.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mlem.data.DataMatrix;
import org.mlem.formula.Frame;
import org.mlem.formula.ModelFormula;
import org.mlem.io.RegmixJson;
import org.mlem.regmix.RegmixDraws;
import org.mlem.regmix.RegmixScores;
import org.mlem.regmix.RegressionMixture;

/**
 * A mixture of regressions ({@code fit regmix}): the density of the response given the
 * covariates, posterior membership given both, and responses drawn given the covariates.
 */
public record FittedRegmix(RegmixJson file) implements RowScores, LatentClasses, ConditionalSampler, ResponsePredictor, GatedComponents {
    public static final ModelKind<FittedRegmix> KIND = new ModelKind<>("regmix", "mixture of regressions",
            FittedRegmix.class, new ModelCodec<>() {
                @Override
                public FittedRegmix read(JsonNode root, String source) {
                    return new FittedRegmix(RegmixJson.from(root, source));
                }

                @Override
                public ObjectNode write(FittedRegmix m) {
                    return m.file.node();
                }
            });

    public RegressionMixture mixture() {
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

    /** The free parameters as the standard-error table names them. */
    @Override
    public List<String> parameterNames() {
        return LatentParameterNames.regmix(mixture());
    }

    @Override
    public RowInput.Table input() {
        return Rows.formulaInput(file.formula(), file.trials());
    }

    /** Refuses, in one line, a data-dependent term whose basis the file does not keep (an older file's). */
    private void requireCodable(Frame rows) {
        ModelFormula.parse(file.formula(), rows.names()).requireCodableOnNewRows(file.bases().keySet());
    }

    /** The scores of complete rows (response included). */
    public RegmixScores scores(Frame rows) {
        requireCodable(rows);
        return RegmixScores.of(mixture(), file.formula(), file.trials(), rows, false, file.levels(), file.bases());
    }

    @Override
    public double[] logDensities(Frame rows) {
        return scores(rows).rowLogLikelihoods();
    }

    @Override
    public int classes() {
        return mixture().components();
    }

    @Override
    public double[][] posteriors(Frame rows) {
        return scores(rows).probabilities();
    }

    /**
     * The response's predicted mean given the covariates alone, {@code fit} = Σ_j π_j μ_j(x), and
     * each component's mean {@code fit0..fit(k-1)} (for the binomial family, success probabilities),
     * as flexmix's {@code predict} gives them per component.
     */
    @Override
    public Prediction predict(Frame rows) {
        return predict(rows, null);
    }

    /**
     * {@link #predict(Frame)} with row i's component probabilities {@code priors[i*k .. i*k+k)}
     * in place of the mixture's weights (a concomitant gating's π_j(z_i)); null: the weights.
     */
    Prediction predict(Frame rows, double[] priors) {
        requireCodable(rows);
        double[][] mu = RegmixScores.componentMeans(mixture(), file.formula(), Rows.withResponse(rows, input().response()),
                file.levels(), file.bases());
        double[] w = mixture().weights();
        int k = mu.length;
        int n = mu[0].length;
        double[] fit = new double[n];
        List<String> names = new ArrayList<>(List.of("fit"));
        List<double[]> columns = new ArrayList<>(List.of(fit));
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < n; i++) {
                fit[i] += (priors == null ? w[j] : priors[i * k + j]) * mu[j][i];
            }
            names.add("fit" + j);
            columns.add(mu[j]);
        }
        return new Prediction(names, columns);
    }

    @Override
    public double[] componentLogDensities(Frame rows) {
        requireCodable(rows);
        double[][] joint = RegmixScores.componentDensities(mixture(), file.formula(), file.trials(), rows, file.levels(), file.bases())
                .logJoint();
        int k = mixture().components();
        double[] out = new double[joint.length * k];
        for (int i = 0; i < joint.length; i++) {
            System.arraycopy(joint[i], 0, out, i * k, k);
        }
        return out;
    }

    /** A column named as the response's variable ({@code y}, or {@code log(y)}), labels the components. */
    @Override
    public DataMatrix sample(Frame covariates, long seed) {
        return sample(covariates, null, seed);
    }

    @Override
    public DataMatrix sample(Frame covariates, double[] priors, long seed) {
        requireCodable(covariates);
        List<String> response = input().response();
        RegmixDraws draws = RegmixDraws.of(mixture(), file.formula(), file.trials(),
                Rows.withResponse(covariates, response), seed, priors, file.levels(), file.bases());
        String name = ModelFormula.parse(file.formula()).response().label();
        double[] y = draws.response();
        return DataMatrix.of(y, y.length, 1, List.of(name)).withLabels(draws.components());
    }

    /** The weights, each component's coefficients by term and (gaussian) sd, one column per component. */
    @Override
    public String summary() {
        RegressionMixture m = mixture();
        ParameterTable t = ParameterTable.components(String.format(Locale.ROOT, "regmix: k=%d, %s/%s, %s",
                m.components(), m.family().name(), m.link().rName(), file.formula()), m.components());
        t.row("weight", m.weights());
        for (int c = 0; c < m.terms().size(); c++) {
            double[] v = new double[m.components()];
            for (int j = 0; j < v.length; j++) {
                v[j] = m.coefficients(j)[c];
            }
            t.row(m.terms().get(c), v);
        }
        if (m.hasSd()) {
            t.row("sd", m.sds());
        }
        return t.render();
    }
}
