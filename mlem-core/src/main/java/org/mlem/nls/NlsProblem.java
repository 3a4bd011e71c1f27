package org.mlem.nls;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mlem.MlemUserException;
import org.mlem.expr.CompiledExpr;
import org.mlem.expr.Expr;
import org.mlem.expr.Formula;

/**
 * A formula bound to data: the response, and the model and its exact parameter derivatives compiled
 * over slots (parameters first, then the columns the model reads). With weights w the residuals
 * and Jacobian rows are multiplied by √w, so least squares on them is weighted least squares.
 */
final class NlsProblem implements LeastSquaresProblem {
    private final List<String> parameters;
    private final double[] response;
    private final double[] sqrtWeights;
    private final CompiledExpr model;
    private final CompiledExpr[] derivatives;
    private final double[][] slotColumns;
    private final int n;

    NlsProblem(Formula formula, List<String> parameters, Map<String, double[]> columns,
            double[] weights) {
        this.parameters = List.copyOf(parameters);
        for (String name : formula.lhs().variables()) {
            if (parameters.contains(name)) {
                throw new MlemUserException("formula: the response '" + formula.lhs()
                        + "' uses parameter '" + name + "'; parameters belong on the right of '~'");
            }
        }
        this.response = formula.lhs().evaluateColumns(columns);
        this.n = response.length;
        List<String> slots = new ArrayList<>(parameters);
        for (String name : formula.rhs().variables()) {
            if (!parameters.contains(name)) {
                if (!columns.containsKey(name)) {
                    throw new MlemUserException("formula: '" + name + "' is neither a column "
                            + columns.keySet() + " nor a parameter with a starting value " + parameters
                            + "; give it a start value or fix the name");
                }
                slots.add(name);
            }
        }
        for (String name : parameters) {
            if (!formula.rhs().variables().contains(name)) {
                throw new MlemUserException("formula: parameter '" + name + "' has a starting value "
                        + "but the model '" + formula.rhs() + "' does not use it");
            }
            if (columns.containsKey(name)) {
                throw new MlemUserException("formula: '" + name + "' is both a column and a parameter; "
                        + "rename the parameter");
            }
        }
        this.model = formula.rhs().compile(slots);
        this.derivatives = new CompiledExpr[parameters.size()];
        for (int j = 0; j < derivatives.length; j++) {
            derivatives[j] = formula.rhs().derivative(parameters.get(j)).compile(slots);
        }
        this.slotColumns = new double[slots.size()][];
        for (int s = parameters.size(); s < slots.size(); s++) {
            slotColumns[s] = columns.get(slots.get(s));
            if (slotColumns[s].length != n) {
                throw new MlemUserException("formula: column '" + slots.get(s) + "' has "
                        + slotColumns[s].length + " values but the response has " + n);
            }
        }
        this.sqrtWeights = new double[n];
        for (int i = 0; i < n; i++) {
            double w = weights == null ? 1 : weights[i];
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new MlemUserException("weights: row " + (i + 1) + " has weight " + w
                        + "; weights must be finite and non-negative");
            }
            sqrtWeights[i] = Math.sqrt(w);
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(response[i])) {
                throw new MlemUserException("formula: the response '" + formula.lhs()
                        + "' is not finite at row " + (i + 1) + " (" + response[i] + ")");
            }
        }
    }

    @Override
    public double roundingLevel() {
        double max = 0;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, Math.abs(sqrtWeights[i] * response[i]));
        }
        return Math.sqrt(n) * Math.ulp(1.0) * max;
    }

    int observations() {
        return n;
    }

    List<String> parameters() {
        return parameters;
    }

    double[] sqrtWeights() {
        return sqrtWeights.clone();
    }

    /** The unweighted model values f(θ) at every row. */
    double[] fitted(double[] theta) {
        bind(theta);
        return broadcast(model.evaluate(slotColumns));
    }

    double[] response() {
        return response.clone();
    }

    @Override
    public double[] residuals(double[] theta) {
        double[] f = fitted(theta);
        for (int i = 0; i < n; i++) {
            f[i] = sqrtWeights[i] * (response[i] - f[i]);
        }
        return f;
    }

    @Override
    public double[][] jacobian(double[] theta) {
        bind(theta);
        int p = theta.length;
        double[][] jac = new double[n][p];
        for (int j = 0; j < p; j++) {
            double[] col = broadcast(derivatives[j].evaluate(slotColumns));
            for (int i = 0; i < n; i++) {
                jac[i][j] = sqrtWeights[i] * col[i];
            }
        }
        return jac;
    }

    private void bind(double[] theta) {
        for (int j = 0; j < theta.length; j++) {
            slotColumns[j] = new double[] {theta[j]};
        }
    }

    private double[] broadcast(double[] v) {
        if (v.length == n) {
            return v;
        }
        double[] out = new double[n];
        java.util.Arrays.fill(out, v[0]);
        return out;
    }
}
