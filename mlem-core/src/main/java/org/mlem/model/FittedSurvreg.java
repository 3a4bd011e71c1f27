package org.mlem.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.formula.Design;
import org.mlem.formula.DesignSpec;
import org.mlem.formula.Frame;
import org.mlem.formula.ModelFormula;
import org.mlem.io.SurvregJson;
import org.mlem.survival.AftModel;
import org.mlem.survival.CensoredSample;
import org.mlem.survival.RowException;
import org.mlem.survival.SurvivalFormula;

/**
 * A parametric survival regression file ({@code fit survreg}, or {@code fit tobit}: the same
 * {@code survreg} file with {@code left}/{@code right}): predictions as R's {@code predict.survreg},
 * each row's log-likelihood with its censoring (survreg's {@code loglik} terms: the fitting rows' sum
 * is the fit's), and a time (a Tobit response) drawn per covariate row.
 */
public record FittedSurvreg(SurvregJson file) implements ResponsePredictor, RowScores, ConditionalSampler {
    public static final ModelKind<FittedSurvreg> KIND = new ModelKind<>("survreg",
            "parametric survival (or Tobit) regression", FittedSurvreg.class, new ModelCodec<>() {
                @Override
                public FittedSurvreg read(JsonNode root, String source) {
                    return new FittedSurvreg(SurvregJson.from(root, source));
                }

                @Override
                public ObjectNode write(FittedSurvreg m) {
                    return m.file.node();
                }
            });

    /** The probabilities of predict's quantile columns ({@code quantile0.1} ...). */
    public static final double[] QUANTILES = {0.1, 0.5, 0.9};

    @Override
    public String kind() {
        return KIND.name();
    }

    @Override
    public int nParameters() {
        return file.nParameters();
    }

    @Override
    public List<String> parameterNames() {
        return file.terms();
    }

    private SurvivalFormula.Parts parts() {
        return file.tobit() ? null : SurvivalFormula.parse(file.formula());
    }

    /** The formula the design is built from: survreg's {@code time ~ terms}, Tobit's own. */
    private String designFormula() {
        return file.tobit() ? file.formula() : parts().timeFormula();
    }

    /** The formula's columns; the time, event and weights columns only for scoring. */
    @Override
    public RowInput.Table input() {
        SurvivalFormula.Parts p = parts();
        RowInput.Table t = Rows.formulaInput(designFormula(), p == null ? null : p.event(), file.weightsColumn());
        List<String> scoringOnly = new ArrayList<>(t.response());
        if (p != null && p.event() != null) {
            scoringOnly.add(p.event());
        }
        if (file.weightsColumn() != null) {
            scoringOnly.add(file.weightsColumn());
        }
        return new RowInput.Table(t.columns(), scoringOnly);
    }

    private AftModel aft() {
        return new AftModel(file.distribution(), file.scale());
    }

    private Design design(Frame rows, boolean scoring) {
        DesignSpec spec = scoring ? DesignSpec.DEFAULTS.withWeights(file.weightsColumn()) : DesignSpec.DEFAULTS;
        Frame r = scoring ? rows : Rows.withResponse(rows, input().response());
        return Rows.design(designFormula(), r, spec, file.levels(), file.terms());
    }

    /**
     * Columns {@code fit} and {@code se.fit} (predict.survreg's {@code type = "response"}: exp of
     * the linear predictor for the log-time distributions), {@code lp} and {@code se.lp}
     * ({@code type = "lp"}; se = sqrt(xᵀVx), V the coefficients' block of the covariance; NaN
     * without one), and {@code quantile0.1}, {@code quantile0.5}, {@code quantile0.9}
     * ({@code type = "quantile"}). A Tobit model's are those of the latent, uncensored y.
     */
    @Override
    public Prediction predict(Frame rows) {
        Design d = design(rows, false);
        double[] eta = Rows.linear(d, file.coefficients());
        double[][] v = file.covariance();
        int p = file.terms().size();
        AftModel m = aft();
        int n = eta.length;
        double[] fit = new double[n];
        double[] seFit = new double[n];
        double[] seLp = new double[n];
        double[][] q = new double[QUANTILES.length][n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int a = 0; v != null && a < p; a++) {
                for (int b = 0; b < p; b++) {
                    s += d.get(i, a) * v[a][b] * d.get(i, b);
                }
            }
            seLp[i] = v == null ? Double.NaN : Math.sqrt(s);
            fit[i] = m.response(eta[i]);
            seFit[i] = m.responseStandardError(eta[i], seLp[i]);
            for (int k = 0; k < QUANTILES.length; k++) {
                q[k][i] = m.quantile(eta[i], QUANTILES[k]);
            }
        }
        List<String> names = new ArrayList<>(List.of("fit", "se.fit", "lp", "se.lp"));
        List<double[]> columns = new ArrayList<>(List.of(fit, seFit, eta, seLp));
        for (int k = 0; k < QUANTILES.length; k++) {
            names.add("quantile" + QUANTILES[k]);
            columns.add(q[k]);
        }
        return new Prediction(names, columns);
    }

    /**
     * w log f(t) of an event (the log-time distributions' Jacobian −log t included), w log S(t) of a
     * right-censored time, w log F(t) of a left-censored one, as survreg's {@code loglik}; a Tobit
     * row is censored where it is at or beyond {@code left}/{@code right}.
     */
    @Override
    public double[] logDensities(Frame rows) {
        Design d = design(rows, true);
        double[] eta = Rows.linear(d, file.coefficients());
        CensoredSample y;
        try {
            y = file.tobit() ? SurvivalFormula.tobitResponses(d.response(), d.weights(), file.left(), file.right())
                    : SurvivalFormula.responses(parts(), d, rows, file.oneTwo());
        } catch (RowException e) {
            throw new MlemUserException("data row " + (e.row() + 1) + ": column '" + parts().event() + "' " + e.problem());
        }
        double[] lo = y.lower();
        double[] hi = y.upper();
        AftModel m = aft();
        double[] out = new double[eta.length];
        for (int i = 0; i < out.length; i++) {
            double w = y.weight(i);
            if (file.distribution().logTime() && (hi[i] <= 0 || (lo[i] == hi[i] && lo[i] <= 0))) {
                throw new MlemUserException("data row " + (d.sourceRows()[i] + 1) + ": column '" + parts().time()
                        + "' holds " + hi[i] + " but the " + file.distribution().rName()
                        + " model is for positive times; remove the row");
            }
            out[i] = w == 0 ? 0 : w * m.logLikelihood(lo[i], hi[i], eta[i]);
        }
        return out;
    }

    /**
     * One response per row: survreg's time T = exp(η + σW) (or η + σW) drawn by inversion, with the
     * event column (when the formula has one) saying every time is an event; a Tobit model's y
     * censored at {@code left} and {@code right}. From a {@link SplittableRandom} seeded by
     * {@code seed}, one uniform per row in order.
     */
    @Override
    public DataMatrix sample(Frame covariates, long seed) {
        double[] eta = Rows.linear(design(covariates, false), file.coefficients());
        AftModel m = aft();
        SplittableRandom rng = new SplittableRandom(seed);
        SurvivalFormula.Parts p = parts();
        boolean event = p != null && p.event() != null;
        int cols = event ? 2 : 1;
        double[] out = new double[eta.length * cols];
        for (int i = 0; i < eta.length; i++) {
            double y = m.draw(eta[i], rng);
            if (file.tobit()) {
                y = Math.min(Math.max(y, file.left()), file.right());
            }
            out[i * cols] = y;
            if (event) {
                out[i * cols + 1] = Boolean.TRUE.equals(file.oneTwo()) ? 2 : 1;
            }
        }
        List<String> names = p == null ? List.of(ModelFormula.parse(file.formula()).response().label())
                : event ? List.of(p.time(), p.event()) : List.of(p.time());
        return DataMatrix.of(out, eta.length, cols, names);
    }

    /** The distribution and formula, each coefficient with its standard error, and log σ with its own (survreg's table). */
    @Override
    public String summary() {
        ParameterTable t = new ParameterTable(String.format(Locale.ROOT, "survreg %s%s: %s", file.distribution().rName(),
                file.tobit() ? " (tobit, censored at " + file.left() + " and " + file.right() + ")" : "", file.formula()),
                List.of("estimate", "std.error"));
        double[] beta = file.coefficients();
        double[][] v = file.covariance();
        for (int i = 0; i < beta.length; i++) {
            t.row(file.terms().get(i), beta[i], v == null ? Double.NaN : Math.sqrt(v[i][i]));
        }
        if (!file.distribution().fixedScale()) {
            int p = beta.length;
            t.row("Log(scale)", Math.log(file.scale()), v == null ? Double.NaN : Math.sqrt(v[p][p]));
        }
        return t.render();
    }
}
