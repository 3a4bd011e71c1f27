package org.mlem.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.mlem.MlemUserException;
import org.mlem.count.CountDistribution;
import org.mlem.count.CountFormula;
import org.mlem.count.CountModel;
import org.mlem.count.CountModelKind;
import org.mlem.data.DataMatrix;
import org.mlem.formula.Design;
import org.mlem.formula.DesignSpec;
import org.mlem.formula.Frame;
import org.mlem.formula.ModelFormula;
import org.mlem.io.CountModelJson;

/**
 * A zero-inflated ({@code fit zeroinfl}) or hurdle ({@code fit hurdle}) count regression file — two
 * kinds, one type: predictions as pscl's {@code predict(type = "response" | "count" | "zero" |
 * "prob")}, each row's log-likelihood (the fitting rows' sum is the fit's), and a count drawn per
 * covariate row.
 */
public record FittedCount(CountModelJson file) implements ResponsePredictor, RowScores, ConditionalSampler {
    public static final ModelKind<FittedCount> ZEROINFL = kind(CountModelKind.ZEROINFL, "zero-inflated count regression");
    public static final ModelKind<FittedCount> HURDLE = kind(CountModelKind.HURDLE, "hurdle count regression");

    private static ModelKind<FittedCount> kind(CountModelKind kind, String what) {
        return new ModelKind<>(kind.name().toLowerCase(Locale.ROOT), what, FittedCount.class, new ModelCodec<>() {
            @Override
            public FittedCount read(JsonNode root, String source) {
                return new FittedCount(CountModelJson.from(root, source, kind));
            }

            @Override
            public ObjectNode write(FittedCount m) {
                return m.file.node();
            }
        });
    }

    @Override
    public String kind() {
        return file.name();
    }

    @Override
    public int nParameters() {
        return file.nParameters();
    }

    /** The count part's terms, then the zero part's prefixed {@code zero_} (pscl's names in {@code coef()}). */
    @Override
    public List<String> parameterNames() {
        List<String> names = new ArrayList<>();
        file.countTerms().forEach(t -> names.add("count_" + t));
        file.zeroTerms().forEach(t -> names.add("zero_" + t));
        if (file.model().distribution() == CountDistribution.NEGBIN) {
            names.add("theta");
        }
        return names;
    }

    private CountFormula formula() {
        return CountFormula.parse(file.formula());
    }

    /** Both parts' columns; the count only for scoring. */
    @Override
    public RowInput.Table input() {
        CountFormula f = formula();
        RowInput.Table count = Rows.formulaInput(f.count());
        LinkedHashSet<String> columns = new LinkedHashSet<>(count.columns());
        columns.addAll(Rows.formulaInput(f.zero()).columns());
        return new RowInput.Table(new ArrayList<>(columns), count.response());
    }

    /** The two parts' designs of {@code rows} (ones for a count the rows lack). */
    private Design[] designs(Frame rows) {
        CountFormula f = formula();
        Frame r = Rows.withResponse(rows, input().response());
        return new Design[] {Rows.design(f.count(), r, DesignSpec.DEFAULTS, file.levels(), file.countTerms()),
                Rows.design(f.zero(), r, DesignSpec.DEFAULTS, file.levels(), file.zeroTerms())};
    }

    /**
     * Columns {@code fit} (pscl's {@code type = "response"}, the mean of y), {@code count} (μ),
     * {@code zero} (zeroinfl: the probability of a structural zero; hurdle: P(y &gt; 0) / (1 − f(0; μ)))
     * and, when the file records the largest count fitted, {@code prob0..probK} ({@code type = "prob"}).
     */
    @Override
    public Prediction predict(Frame rows) {
        Design[] d = designs(rows);
        CountModel m = file.model();
        double[] eta = Rows.linear(d[0], m.count());
        double[] zeta = Rows.linear(d[1], m.zero());
        int n = eta.length;
        double[] fit = new double[n];
        double[] mu = new double[n];
        double[] zero = new double[n];
        double[][] prob = new double[file.maxCount() + 1][n];
        for (int i = 0; i < n; i++) {
            mu[i] = Math.exp(eta[i]);
            fit[i] = m.mean(mu[i], zeta[i]);
            zero[i] = m.zeroPart(mu[i], zeta[i]);
            for (int k = 0; k < prob.length; k++) {
                prob[k][i] = m.probability(k, mu[i], zeta[i]);
            }
        }
        List<String> names = new ArrayList<>(List.of("fit", "count", "zero"));
        List<double[]> columns = new ArrayList<>(List.of(fit, mu, zero));
        for (int k = 0; k < prob.length; k++) {
            names.add("prob" + k);
            columns.add(prob[k]);
        }
        return new Prediction(names, columns);
    }

    /** {@link CountModel#frequencies} of {@code rows}: what {@code fit zeroinfl|hurdle --plot} draws. */
    public double[][] frequencies(Frame rows) {
        Design[] d = designs(rows);
        return file.model().frequencies(d[0].response(), CountFormula.rowMajor(d[0]), CountFormula.rowMajor(d[1]));
    }

    /** log P(y_i) under the model; a count that is not a whole number ≥ 0 is an error at its row. */
    @Override
    public double[] logDensities(Frame rows) {
        Design[] d = designs(rows);
        double[] y = d[0].response();
        for (int i = 0; i < y.length; i++) {
            if (!(y[i] >= 0) || y[i] != Math.rint(y[i])) {
                throw new MlemUserException("data row " + (d[0].sourceRows()[i] + 1) + ": response '"
                        + input().response().get(0) + "' holds " + y[i] + "; a count model scores whole counts >= 0");
            }
        }
        return file.model().logLikelihoods(y, CountFormula.rowMajor(d[0]), CountFormula.rowMajor(d[1]));
    }

    /** One count per row, from a {@link SplittableRandom} seeded by {@code seed}, two uniforms per row in order. */
    @Override
    public DataMatrix sample(Frame covariates, long seed) {
        Design[] d = designs(covariates);
        CountModel m = file.model();
        double[] eta = Rows.linear(d[0], m.count());
        double[] zeta = Rows.linear(d[1], m.zero());
        SplittableRandom rng = new SplittableRandom(seed);
        double[] y = new double[eta.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = m.draw(Math.exp(eta[i]), zeta[i], rng);
        }
        return DataMatrix.of(y, y.length, 1, List.of(ModelFormula.parse(formula().count()).response().label()));
    }

    /** The kind, distribution and formula, then each part's coefficients (and θ). */
    @Override
    public String summary() {
        CountModel m = file.model();
        ParameterTable t = new ParameterTable(String.format(Locale.ROOT, "%s %s: %s", kind(),
                m.distribution().label(), file.formula()), List.of("estimate"));
        double[] b = m.count();
        for (int j = 0; j < b.length; j++) {
            t.row("count " + file.countTerms().get(j), b[j]);
        }
        double[] g = m.zero();
        for (int j = 0; j < g.length; j++) {
            t.row("zero " + file.zeroTerms().get(j), g[j]);
        }
        if (m.distribution() == CountDistribution.NEGBIN) {
            t.row("theta", m.theta());
        }
        return t.render();
    }
}
