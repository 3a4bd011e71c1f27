package org.mlem.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.hipparchus.special.Gamma;
import org.mlem.data.DataMatrix;
import org.mlem.formula.Design;
import org.mlem.formula.DesignSpec;
import org.mlem.formula.Frame;
import org.mlem.glm.Family;
import org.mlem.glm.Link;
import org.mlem.formula.ModelFormula;
import org.mlem.io.GlmJson;
import org.mlem.MlemUserException;

/**
 * A generalised linear model file ({@code fit glm}): predictions on new data on the link and
 * response scales with the standard errors of the fit (R's {@code predict.glm(se.fit = TRUE)}),
 * and each row's log-likelihood (R's {@code logLik} terms: the gaussian's variance is the MLE
 * deviance / n, the gamma's dispersion deviance / Σw, as R's families' {@code aic} take them).
 */
public record FittedGlm(GlmJson file) implements ResponsePredictor, RowScores, ConditionalSampler {
    public static final ModelKind<FittedGlm> KIND = new ModelKind<>("glm", "generalised linear model", FittedGlm.class,
            new ModelCodec<>() {
                @Override
                public FittedGlm read(JsonNode root, String source) {
                    return new FittedGlm(GlmJson.from(root, source));
                }

                @Override
                public ObjectNode write(FittedGlm m) {
                    return m.file.node();
                }
            });

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

    /** The formula's columns and the offset; the response and the prior weights only for scoring. */
    @Override
    public RowInput.Table input() {
        RowInput.Table t = Rows.formulaInput(file.formula(), file.offsetColumn());
        List<String> scoringOnly = new ArrayList<>(t.response());
        if (file.weightsColumn() != null) {
            scoringOnly.add(file.weightsColumn());
        }
        List<String> columns = new ArrayList<>(t.columns());
        if (file.weightsColumn() != null && !columns.contains(file.weightsColumn())) {
            columns.add(file.weightsColumn());
        }
        return new RowInput.Table(columns, scoringOnly);
    }

    /**
     * Columns {@code fit} (the mean, response scale), {@code se.fit} (its standard error, R's
     * {@code type = "response"}), {@code link} (the linear predictor, offset included) and
     * {@code se.link} (R's {@code type = "link"}): {@code se.link = sqrt(x' V x)}, V the estimates'
     * covariance, {@code se.fit = se.link |dμ/dη|}. Aliased terms count as 0, as R predicts with a
     * rank-deficient fit. Without a {@code covariance} in the file the standard errors are NaN.
     */
    @Override
    public Prediction predict(Frame rows) {
        Design d = design(Rows.withResponse(rows, input().response()), false);
        double[] beta = file.coefficients();
        double[][] v = file.covariance();
        int n = d.rows();
        int p = beta.length;
        double[] offset = d.offset();
        double[] eta = new double[n];
        double[] mu = new double[n];
        double[] seLink = new double[n];
        double[] seFit = new double[n];
        Link link = file.link();
        double[] x = new double[p];
        for (int i = 0; i < n; i++) {
            double e = offset[i];
            for (int t = 0; t < p; t++) {
                x[t] = d.get(i, t);
                if (!Double.isNaN(beta[t])) {
                    e += x[t] * beta[t];
                }
            }
            eta[i] = e;
            mu[i] = link.inverse(e);
            seLink[i] = v == null ? Double.NaN : Math.sqrt(quadratic(v, beta, x));
            seFit[i] = seLink[i] * Math.abs(link.derivative(e));
        }
        return new Prediction(List.of("fit", "se.fit", "link", "se.link"), List.of(mu, seFit, eta, seLink));
    }

    /** x' V x over the terms that are not aliased. */
    private static double quadratic(double[][] v, double[] beta, double[] x) {
        double s = 0;
        for (int a = 0; a < x.length; a++) {
            if (Double.isNaN(beta[a])) {
                continue;
            }
            for (int b = 0; b < x.length; b++) {
                if (!Double.isNaN(beta[b])) {
                    s += x[a] * v[a][b] * x[b];
                }
            }
        }
        return s;
    }

    /**
     * The covariates, and what a draw needs beside them: the prior weights' column where the family's
     * draw uses it, and a {@code cbind(successes, failures)} response's columns (their sum is the trials).
     */
    @Override
    public RowInput.Table sampleInput() {
        GlmDraws.requireDrawable(file.family());
        RowInput.Table t = input();
        List<String> unread = new ArrayList<>();
        if (!cbind()) {
            unread.addAll(Rows.formulaInput(file.formula()).response());
        }
        if (file.weightsColumn() != null && !GlmDraws.usesWeights(file.family())) {
            unread.add(file.weightsColumn());
        }
        return new RowInput.Table(t.columns(), unread);
    }

    private boolean cbind() {
        return ModelFormula.parse(file.formula()).response().columns().size() == 2;
    }

    /**
     * One response per row, drawn from the family at the row's fitted mean ({@link GlmDraws}), from
     * a {@link SplittableRandom} seeded by {@code seed}, rows in order. A binomial fit draws successes
     * out of the row's trials (a {@code cbind} response's successes + failures times any prior
     * weights, else the prior weights, else 1): a cbind response's two columns, a proportion with
     * prior weights, a 0/1 count (1 = the second level of a factor response) without.
     */
    @Override
    public DataMatrix sample(Frame covariates, long seed) {
        Family f = file.family();
        GlmDraws.requireDrawable(f);
        boolean weighted = file.weightsColumn() != null && GlmDraws.usesWeights(f);
        boolean cbind = cbind();
        List<String> response = Rows.formulaInput(file.formula()).response();
        Frame rows = cbind ? covariates : Rows.withResponse(covariates, response);
        DesignSpec spec = DesignSpec.DEFAULTS.withOffset(file.offsetColumn()).withBases(file.bases());
        Design d = Rows.design(file.formula(), rows, weighted ? spec.withWeights(file.weightsColumn()) : spec,
                file.levels(), file.terms());
        double[] mu = predictMeans(d);
        double[] w = d.weights();
        SplittableRandom rng = new SplittableRandom(seed);
        int cols = cbind ? 2 : 1;
        double[] out = new double[mu.length * cols];
        for (int i = 0; i < mu.length; i++) {
            if (f instanceof Family.Binomial && (w[i] < 0 || w[i] != Math.rint(w[i]))) {
                throw new MlemUserException("row " + (i + 1) + ": a binomial draw needs a whole number of trials, and the "
                        + "row's " + (cbind ? "successes + failures" : "prior weight '" + file.weightsColumn() + "'")
                        + " is " + w[i] + "; give whole counts");
            }
            double y = GlmDraws.draw(f, mu[i], w[i], file.dispersion(), rng);
            if (cbind) {
                out[2 * i] = y;
                out[2 * i + 1] = w[i] - y;
            } else {
                out[i] = f instanceof Family.Binomial && w[i] != 1 ? y / w[i] : y;
            }
        }
        List<String> names = cbind ? response : List.of(ModelFormula.parse(file.formula()).response().label());
        return DataMatrix.of(out, mu.length, cols, names);
    }

    /** log f(y_i | μ_i) with the prior weight w_i, as each family's {@code aic} in R sums it. */
    @Override
    public double[] logDensities(Frame rows) {
        Design d = design(rows, true);
        double[] y = d.response();
        double[] w = d.weights();
        double[] mu = predictMeans(d);
        double[] out = new double[y.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = logDensity(y[i], mu[i], w[i]);
        }
        return out;
    }

    /**
     * The fitted means and deviance residuals of rows holding the response (and the prior weights),
     * as the fit computed them on its own rows: the model matrix from the stored formula, levels and
     * bases, μᵢ = g⁻¹(offsetᵢ + Σₜ xᵢₜβₜ) summed in term order (aliased terms left out), and
     * {@link Family#devianceResidual} at the prior weight (the negative binomial at the stored theta).
     *
     * @param rows the rows the model was fitted to, with its response and weights columns
     */
    public Residuals residuals(Frame rows) {
        Design d = design(rows, true);
        double[] y = d.response();
        double[] w = d.weights();
        double[] mu = predictMeans(d);
        double[] r = new double[mu.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = file.family().devianceResidual(y[i], mu[i], w[i]);
        }
        return new Residuals(mu, r);
    }

    /**
     * A GLM's fitted means and deviance residuals, one per row of the design.
     *
     * @param fitted the fitted means μᵢ (response scale)
     * @param deviance the deviance residuals sign(yᵢ − μᵢ)·√dᵢ
     */
    public record Residuals(double[] fitted, double[] deviance) {
        public Residuals {
            fitted = fitted.clone();
            deviance = deviance.clone();
        }

        @Override
        public double[] fitted() {
            return fitted.clone();
        }

        @Override
        public double[] deviance() {
            return deviance.clone();
        }
    }

    private double[] predictMeans(Design d) {
        double[] beta = file.coefficients();
        double[] offset = d.offset();
        double[] mu = new double[d.rows()];
        for (int i = 0; i < mu.length; i++) {
            double e = offset[i];
            for (int t = 0; t < beta.length; t++) {
                if (!Double.isNaN(beta[t])) {
                    e += d.get(i, t) * beta[t];
                }
            }
            mu[i] = file.link().inverse(e);
        }
        return mu;
    }

    private double logDensity(double y, double mu, double w) {
        if (w == 0) {
            return 0;
        }
        Family f = file.family();
        if (f instanceof Family.Gaussian) {
            double s2 = file.deviance() / file.n();
            return 0.5 * Math.log(w) - 0.5 * Math.log(2 * Math.PI * s2) - w * (y - mu) * (y - mu) / (2 * s2);
        }
        if (f instanceof Family.Binomial) {
            double trials = Math.rint(w);
            double k = Math.rint(w * y);
            return Gamma.logGamma(trials + 1) - Gamma.logGamma(k + 1) - Gamma.logGamma(trials - k + 1)
                    + (k > 0 ? k * Math.log(mu) : 0) + (trials - k > 0 ? (trials - k) * Math.log1p(-mu) : 0);
        }
        if (f instanceof Family.Poisson) {
            return w * ((y > 0 ? y * Math.log(mu) : 0) - mu - Gamma.logGamma(y + 1));
        }
        if (f instanceof Family.GammaFamily) {
            double disp = file.deviance() / file.totalWeight();
            double shape = 1 / disp;
            double scale = mu * disp;
            return w * (-Gamma.logGamma(shape) - shape * Math.log(scale) + (shape - 1) * Math.log(y) - y / scale);
        }
        if (f instanceof Family.InverseGaussian) {
            double disp = file.deviance() / file.totalWeight();
            return w * (-0.5 * Math.log(2 * Math.PI * disp * y * y * y) - (y - mu) * (y - mu) / (2 * disp * mu * mu * y));
        }
        if (!(f instanceof Family.NegativeBinomial)) {
            throw new MlemUserException("the " + f.name() + " family has no likelihood, so its rows cannot be scored; "
                    + "refit with a family that has one (poisson, binomial, gamma, negbin, ...)");
        }
        double th = ((Family.NegativeBinomial) f).theta();
        return w * (Gamma.logGamma(th + y) - Gamma.logGamma(th) - Gamma.logGamma(y + 1) + th * Math.log(th)
                + y * Math.log(mu + (y == 0 ? 1 : 0)) - (th + y) * Math.log(th + mu));
    }

    /** The model matrix of complete rows; its terms must be the model's. */
    private Design design(Frame rows, boolean scoring) {
        DesignSpec spec = DesignSpec.DEFAULTS.withOffset(file.offsetColumn()).withBases(file.bases());
        return Rows.design(file.formula(), rows, scoring ? spec.withWeights(file.weightsColumn()) : spec, file.levels(),
                file.terms());
    }

    /**
     * The family, link and formula, then one line per term: its estimate and standard error (the
     * square root of the file's covariance diagonal; NaN without a covariance, and for an aliased
     * term, whose estimate is NaN), as R's {@code coef(summary(fit))[, 1:2]}.
     */
    @Override
    public String summary() {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "glm %s/%s: %s%n",
                file.family().name(), file.link().rName(), file.formula()));
        List<String> terms = file.terms();
        int width = "term".length();
        for (String t : terms) {
            width = Math.max(width, t.length());
        }
        double[] beta = file.coefficients();
        double[][] v = file.covariance();
        b.append(String.format(Locale.ROOT, "%-" + width + "s %14s %14s%n", "term", "estimate", "std.error"));
        for (int i = 0; i < terms.size(); i++) {
            double se = v == null || Double.isNaN(beta[i]) ? Double.NaN : Math.sqrt(v[i][i]);
            b.append(String.format(Locale.ROOT, "%-" + width + "s %14.6g %14.6g%n", terms.get(i), beta[i], se));
        }
        return b.append(String.format(Locale.ROOT, "deviance %.6g on %d rows", file.deviance(), file.n()))
                .toString();
    }
}
