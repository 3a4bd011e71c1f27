package org.mlem.nls;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mlem.MlemUserException;
import org.mlem.expr.CompiledExpr;
import org.mlem.expr.Expr;
import org.mlem.expr.Formula;
import org.mlem.expr.RowProgram;
import java.util.stream.IntStream;

/**
 * A formula bound to data: the response, and the model and its exact parameter derivatives compiled
 * over slots (parameters first, then the columns the model reads). With weights w the residuals
 * and Jacobian rows are multiplied by √w, so least squares on them is weighted least squares.
 */
final class NlsProblem implements LeastSquaresProblem {
    /** System property that selects the plain reference path (whole r and J, Householder QR of n×p). */
    static final String REFERENCE_PROPERTY = "mlem.nls.reference";
    /** Rows per parallel part; fixed, so the merge order and so the bits do not depend on the threads. */
    private static final int PART = 8192;
    /** Rows per block inside a part: the fused expression's buffers and the QR's block. */
    private static final int BLOCK = 256;

    private final List<String> parameters;
    private final boolean reference;
    private final RowProgram linearized;
    private final RowProgram modelOnly;
    private final double[] response;
    private final double[] sqrtWeights;
    private final CompiledExpr model;
    private final CompiledExpr[] derivatives;
    private final double[][] slotColumns;
    private final int n;

    NlsProblem(Formula formula, List<String> parameters, Map<String, double[]> columns,
            double[] weights, boolean reference) {
        this.reference = reference;
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
        List<Expr> roots = new ArrayList<>(List.of(formula.rhs()));
        for (int j = 0; j < derivatives.length; j++) {
            Expr d = formula.rhs().derivative(parameters.get(j));
            derivatives[j] = d.compile(slots);
            roots.add(d);
        }
        this.linearized = RowProgram.compile(roots, slots, parameters.size());
        this.modelOnly = RowProgram.compile(List.of(formula.rhs()), slots, parameters.size());
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

    @Override
    public int observations() {
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
        if (!reference) {
            double[] out = new double[n];
            RowProgram.Frame frame = modelOnly.frame(BLOCK);
            for (int from = 0; from < n; from += BLOCK) {
                int len = Math.min(BLOCK, n - from);
                frame.run(theta, slotColumns, from, len);
                System.arraycopy(frame.values(0), 0, out, from, len);
            }
            return out;
        }
        bind(theta);
        return broadcast(model.evaluate(slotColumns));
    }

    @Override
    public Linearization at(double[] theta) {
        if (reference) {
            double[] th = theta.clone();
            return new Linearization.Dense(residuals(th), () -> jacobian(th));
        }
        int parts = (n + PART - 1) / PART;
        Part[] done = new Part[parts];
        if (parts == 1) {
            done[0] = part(theta, 0);
        } else {
            IntStream.range(0, parts).parallel().forEach(c -> done[c] = part(theta, c));
        }
        RowBlockQr qr = done[0].qr;
        double cost = done[0].cost;
        int bad = done[0].firstBad;
        double badValue = done[0].badValue;
        for (int c = 1; c < parts; c++) {
            qr.merge(done[c].qr);
            cost += done[c].cost;
            if (bad < 0) {
                bad = done[c].firstBad;
                badValue = done[c].badValue;
            }
        }
        return new Linearization.Factored(bad < 0 ? cost : Double.POSITIVE_INFINITY, bad, badValue,
                qr.factor());
    }

    private record Part(RowBlockQr qr, double cost, int firstBad, double badValue) {
    }

    /** One part's rows: the fused model and derivatives block by block, absorbed into a blocked QR. */
    private Part part(double[] theta, int c) {
        int p = parameters.size();
        int start = c * PART;
        int end = Math.min(n, start + PART);
        RowProgram.Frame frame = linearized.frame(BLOCK);
        RowBlockQr qr = new RowBlockQr(p);
        double[][] cols = new double[p][BLOCK];
        double[] rhs = new double[BLOCK];
        double cost = 0;
        int bad = -1;
        double badValue = Double.NaN;
        for (int from = start; from < end; from += BLOCK) {
            int len = Math.min(BLOCK, end - from);
            frame.run(theta, slotColumns, from, len);
            double[] f = frame.values(0);
            for (int i = 0; i < len; i++) {
                double r = sqrtWeights[from + i] * (response[from + i] - f[i]);
                rhs[i] = r;
                cost += r * r;
            }
            if (bad < 0) {
                for (int i = 0; i < len; i++) {
                    if (!Double.isFinite(rhs[i])) {
                        bad = from + i;
                        badValue = rhs[i];
                        break;
                    }
                }
            }
            for (int j = 0; j < p; j++) {
                double[] d = frame.values(j + 1);
                double[] col = cols[j];
                for (int i = 0; i < len; i++) {
                    col[i] = sqrtWeights[from + i] * d[i];
                }
            }
            qr.absorb(cols, rhs, len);
        }
        return new Part(qr, cost, bad, badValue);
    }

    double[] response() {
        return response.clone();
    }

    double[] residuals(double[] theta) {
        double[] f = fitted(theta);
        for (int i = 0; i < n; i++) {
            f[i] = sqrtWeights[i] * (response[i] - f[i]);
        }
        return f;
    }

    double[][] jacobian(double[] theta) {
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
