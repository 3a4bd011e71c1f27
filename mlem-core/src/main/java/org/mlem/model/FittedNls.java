package org.mlem.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mlem.MlemUserException;
import org.mlem.expr.Expr;
import org.mlem.expr.Formula;
import org.mlem.formula.Frame;
import org.mlem.io.OneShotJson;

/**
 * A nonlinear regression file ({@code fit nls}): the right-hand side at new rows ({@code fit}),
 * and each row's normal log-density of the left-hand side with the maximum-likelihood variance
 * RSS / n (R's {@code logLik.nls}, unweighted), so the fitting rows' sum is the fit's.
 */
public record FittedNls(OneShotJson.Nls file) implements ResponsePredictor, RowScores {
    public static final ModelKind<FittedNls> KIND = new ModelKind<>("nls", "nonlinear regression", FittedNls.class,
            new ModelCodec<>() {
                @Override
                public FittedNls read(JsonNode root, String source) {
                    return new FittedNls(OneShotJson.nls(root, source));
                }

                @Override
                public ObjectNode write(FittedNls m) {
                    return m.file.node();
                }
            });

    private Formula formula() {
        return Formula.parse(file.formula());
    }

    @Override
    public String kind() {
        return KIND.name();
    }

    /** The parameters and the residual variance. */
    @Override
    public int nParameters() {
        return file.parameters().size() + 1;
    }

    @Override
    public List<String> parameterNames() {
        return List.copyOf(file.parameters().keySet());
    }

    @Override
    public RowInput.Table input() {
        Formula f = formula();
        List<String> rhs = columnsOf(f.rhs());
        List<String> lhs = columnsOf(f.lhs());
        List<String> all = new ArrayList<>(lhs);
        rhs.stream().filter(c -> !all.contains(c)).forEach(all::add);
        return new RowInput.Table(all, lhs);
    }

    private List<String> columnsOf(Expr e) {
        return e.variables().stream().filter(v -> !file.parameters().containsKey(v) && !v.equals("pi")).sorted().toList();
    }

    /** One column {@code fit}: the right-hand side at each row. */
    @Override
    public Prediction predict(Frame rows) {
        return new Prediction(List.of("fit"), List.of(evaluate(formula().rhs(), rows)));
    }

    @Override
    public double[] logDensities(Frame rows) {
        Formula f = formula();
        double[] y = evaluate(f.lhs(), rows);
        double[] fit = evaluate(f.rhs(), rows);
        double s2 = file.residualSumOfSquares() / file.n();
        double[] out = new double[y.length];
        for (int i = 0; i < out.length; i++) {
            double r = y[i] - fit[i];
            out[i] = -0.5 * Math.log(2 * Math.PI * s2) - r * r / (2 * s2);
        }
        return out;
    }

    private double[] evaluate(Expr e, Frame rows) {
        Map<String, double[]> columns = new HashMap<>();
        file.parameters().forEach((k, v) -> columns.put(k, new double[] {v}));
        for (String c : columnsOf(e)) {
            if (!rows.has(c) || !rows.isNumeric(c)) {
                throw new MlemUserException("the formula '" + file.formula() + "' reads a numeric column '" + c
                        + "', which the data " + (rows.has(c) ? "hold as text" : "do not have"));
            }
            columns.put(c, rows.numeric(c));
        }
        double[] v = e.evaluateColumns(columns);
        if (v.length == rows.rows()) {
            return v;
        }
        double[] out = new double[rows.rows()];
        java.util.Arrays.fill(out, v[0]);
        return out;
    }

    /** The formula, each parameter's estimate and the residual sum of squares. */
    @Override
    public String summary() {
        ParameterTable t = new ParameterTable("nls: " + file.formula(), List.of("estimate"));
        file.parameters().forEach((name, v) -> t.row(name, v));
        return t.row("residual sum of squares", file.residualSumOfSquares()).render();
    }
}
