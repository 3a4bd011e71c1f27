package org.mlem.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
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
public record FittedRegmix(RegmixJson file) implements RowScores, LatentClasses, ConditionalSampler {
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

    @Override
    public RowInput.Table input() {
        return Rows.formulaInput(file.formula(), file.trials());
    }

    /** The scores of complete rows (response included). */
    public RegmixScores scores(Frame rows) {
        return RegmixScores.of(mixture(), file.formula(), file.trials(), rows, false);
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

    /** A column named as the response's variable ({@code y}, or {@code log(y)}), labels the components. */
    @Override
    public DataMatrix sample(Frame covariates, long seed) {
        List<String> response = input().response();
        RegmixDraws draws = RegmixDraws.of(mixture(), file.formula(), file.trials(),
                Rows.withResponse(covariates, response), seed);
        String name = ModelFormula.parse(file.formula()).response().label();
        double[] y = draws.response();
        return DataMatrix.of(y, y.length, 1, List.of(name)).withLabels(draws.components());
    }
}
