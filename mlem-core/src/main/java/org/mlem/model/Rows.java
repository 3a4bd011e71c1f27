package org.mlem.model;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.formula.Design;
import org.mlem.formula.DesignSpec;
import org.mlem.formula.Frame;
import org.mlem.formula.ModelFormula;
import org.mlem.formula.Term;
import org.mlem.kernel.GaussianKernels;

/** Between the named-column {@link Frame} models read and the row-major {@link DataMatrix} matrix models compute on. */
public final class Rows {
    private Rows() {}

    /** The numeric columns {@code names} of {@code frame}, in that order, as a matrix named alike. */
    public static DataMatrix matrix(Frame frame, List<String> names) {
        int n = frame.rows();
        int d = names.size();
        double[] x = new double[n * d];
        for (int a = 0; a < d; a++) {
            String name = names.get(a);
            if (!frame.has(name) || !frame.isNumeric(name)) {
                throw new MlemUserException("the model reads a numeric column '" + name + "', which the data "
                        + (frame.has(name) ? "hold as text" : "do not have") + "; the columns are " + frame.names());
            }
            double[] col = frame.numeric(name);
            for (int i = 0; i < n; i++) {
                x[i * d + a] = col[i];
            }
        }
        return DataMatrix.of(x, n, d, names);
    }

    /** The matrix as a frame of numeric columns named as its columns. */
    public static Frame frame(DataMatrix x) {
        Frame.Builder b = Frame.builder();
        for (int a = 0; a < x.cols(); a++) {
            double[] col = new double[x.rows()];
            for (int i = 0; i < col.length; i++) {
                col[i] = x.get(i, a);
            }
            b.numeric(x.columns().get(a), col);
        }
        return b.build();
    }

    /**
     * The columns a formula reads: its response's, then its terms' (in order, once each), then
     * {@code extra} (trials, weights, offset columns), nulls skipped.
     */
    public static RowInput.Table formulaInput(String formula, String... extra) {
        ModelFormula f = ModelFormula.parse(formula);
        Set<String> response = new LinkedHashSet<>(f.response().columns());
        Set<String> used = new LinkedHashSet<>(response);
        for (Term t : f.terms()) {
            t.variables().forEach(v -> used.addAll(v.columns()));
        }
        f.offsets().forEach(v -> used.addAll(v.columns()));
        for (String e : extra) {
            if (e != null) {
                used.add(e);
            }
        }
        return new RowInput.Table(new ArrayList<>(used), new ArrayList<>(response));
    }

    /**
     * {@code frame} with every one of {@code response} it lacks added as a column of ones, so a
     * design can be built for prediction or drawing, which do not read the response.
     */
    public static Frame withResponse(Frame frame, List<String> response) {
        if (frame.names().containsAll(response)) {
            return frame;
        }
        Frame.Builder b = Frame.builder();
        for (String name : frame.names()) {
            if (frame.isNumeric(name)) {
                b.numeric(name, frame.numeric(name));
            } else {
                b.text(name, frame.text(name));
            }
        }
        for (String name : response) {
            if (!frame.has(name)) {
                double[] ones = new double[frame.rows()];
                java.util.Arrays.fill(ones, 1.0);
                b.numeric(name, ones);
            }
        }
        return b.build();
    }

    /**
     * The model matrix of rows given to a fitted formula model: each factor coded with the levels
     * it was fitted with (every one kept, used or not), and the terms checked against the model's.
     *
     * @param spec weights and offset columns
     * @param levels each factor's fitted levels, baseline first
     * @param terms the model's terms, in order
     */
    public static Design design(String formula, Frame rows, DesignSpec spec, Map<String, List<String>> levels,
            List<String> terms) {
        ModelFormula parsed = ModelFormula.parse(formula, rows.names());
        parsed.requireCodableOnNewRows(spec.bases().keySet());
        Design d = Design.ofFittedLevels(parsed, rows, spec, levels);
        if (!d.columnNames().equals(terms)) {
            throw new MlemUserException("the formula '" + formula + "' gives terms " + d.columnNames()
                    + " on this data but the model has " + terms + "; give data with the same columns and levels"
                    + (levels.isEmpty() ? " (a file without 'levels' needs every level of each factor)" : ""));
        }
        return d;
    }

    /** The linear predictor xᵢᵀβ of every row of a design. */
    public static double[] linear(Design d, double[] coefficients) {
        double[] out = new double[d.rows()];
        for (int i = 0; i < out.length; i++) {
            for (int j = 0; j < coefficients.length; j++) {
                out[i] += d.get(i, j) * coefficients[j];
            }
        }
        return out;
    }

    /** {@code x} with labels when {@code labels} is not null. */
    static DataMatrix labelled(DataMatrix x, int[] labels) {
        return labels == null ? x : x.withLabels(labels);
    }

    /**
     * The log-sum-exp of each row of an n × k row-major joint log density, summed as an EM E-step
     * sums it ({@link GaussianKernels#normalizeRows}): each row's log-likelihood.
     */
    static double[] rowTotals(double[] joint, int k) {
        double[] out = new double[joint.length / k];
        double[] one = new double[k];
        for (int i = 0; i < out.length; i++) {
            System.arraycopy(joint, i * k, one, 0, k);
            out[i] = GaussianKernels.normalizeRows(one, 1, k, null, null, 0);
        }
        return out;
    }

    /** The posteriors of each row of an n × k row-major joint log density (normalised in log space). */
    static double[][] posteriorRows(double[] joint, int k) {
        double[] p = joint.clone();
        GaussianKernels.normalizeRows(p, p.length / k, k, null, null, 0);
        double[][] out = new double[p.length / k][];
        for (int i = 0; i < out.length; i++) {
            out[i] = java.util.Arrays.copyOfRange(p, i * k, (i + 1) * k);
        }
        return out;
    }
}
