package org.mlem.formula;

import java.util.List;
import java.util.Map;

/**
 * A model matrix built from a formula and a frame, as R's {@code model.matrix}: an intercept column
 * {@code (Intercept)} when the formula has one, then each term's columns. A numeric variable gives
 * one column; a factor gives treatment-contrast columns named column + level (the first level is
 * the baseline) or, where R would, one indicator per level; an interaction multiplies its
 * variables' columns with the first variable varying fastest, names joined by {@code :}.
 *
 * <p>Only the rows used are held (rows with a missing cell are dropped when the spec asks, and
 * counted in {@link #droppedRows()}); {@link #sourceRows()} maps them back to the frame.
 */
public final class Design {
    private final ModelFormula formula;
    private final double[] x;
    private final int rows;
    private final List<String> columnNames;
    private final int[] assign;
    private final double[] response;
    private final double[] weights;
    private final double[] offset;
    private final int[] sourceRows;
    private final int droppedRows;
    private final double[] trials;
    private final List<String> responseLevels;
    private final Map<String, BasisCoefs> bases;
    private final Map<String, List<String>> levels;

    Design(ModelFormula formula, double[] x, List<String> columnNames, int[] assign, Response response,
            double[] weights, double[] offset, int[] sourceRows, int droppedRows, Map<String, BasisCoefs> bases,
            Map<String, List<String>> levels) {
        this(formula, x, columnNames, assign, response.y(), weights, offset, sourceRows, droppedRows,
                response.trials(), response.levels(), bases, levels);
    }

    private Design(ModelFormula formula, double[] x, List<String> columnNames, int[] assign, double[] response,
            double[] weights, double[] offset, int[] sourceRows, int droppedRows, double[] trials,
            List<String> responseLevels, Map<String, BasisCoefs> bases, Map<String, List<String>> levels) {
        this.bases = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(bases));
        this.levels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(levels));
        this.trials = trials;
        this.responseLevels = responseLevels == null ? null : List.copyOf(responseLevels);
        this.formula = formula;
        this.x = x;
        this.rows = response.length;
        this.columnNames = List.copyOf(columnNames);
        this.assign = assign;
        this.response = response;
        this.weights = weights;
        this.offset = offset;
        this.sourceRows = sourceRows;
        this.droppedRows = droppedRows;
    }

    /**
     * Builds the design of {@code formula} over {@code frame}.
     *
     * @throws org.mlem.MlemUserException for a column not in the frame, a text column inside a
     *     transform, a non-finite transform value, a factor with fewer than 2 levels, or a missing
     *     cell when {@code spec.dropMissing()} is false; each names the column and the 1-based data row
     */
    public static Design build(ModelFormula formula, Frame frame, DesignSpec spec) {
        return new DesignBuilder(formula, frame, spec).build();
    }

    /**
     * Builds the design of new rows for a fitted model: each text column of {@code levels} coded
     * with the fit's levels (baseline first), every one kept whether these rows have it or not, so
     * a subset of the rows is coded as those rows are in the whole.
     *
     * @throws org.mlem.MlemUserException for a level the fit never saw, naming the 1-based data row,
     *     the column, the value and the fit's levels (and what {@link #build} refuses)
     */
    public static Design ofFittedLevels(ModelFormula formula, Frame frame, DesignSpec spec,
            Map<String, List<String>> levels) {
        DesignSpec s = spec.withKeptLevels();
        for (Map.Entry<String, List<String>> e : levels.entrySet()) {
            s = s.withLevels(e.getKey(), e.getValue());
        }
        try {
            return build(formula, frame, s);
        } catch (org.mlem.MlemUserException e) { // a level the fit never saw: the file's levels are not a list the user edits
            String m = e.getMessage().replaceFirst("which is not among the levels given for it (\\[.*\\]); add it to the list$",
                    "which the model was not fitted with (its levels are $1); give rows with those levels, or refit with it");
            throw m.equals(e.getMessage()) ? e : new org.mlem.MlemUserException(m);
        }
    }

    /**
     * What {@link #ofFittedLevels} says, after the row, of a level the fit never saw: column {@code column}
     * holds {@code value}, which is not among the fit's {@code levels}.
     */
    public static String unseenLevel(String column, String value, List<String> levels) {
        return "column '" + column + "' has level '" + value + "' which the model was not fitted with (its levels are "
                + levels + "); give rows with those levels, or refit with it";
    }

    /** Parses {@code formula} (a {@code .} means every other column of the frame) and builds it. */
    public static Design build(String formula, Frame frame, DesignSpec spec) {
        return build(ModelFormula.parse(formula, frame.names()), frame, spec);
    }

    /**
     * This design with only the model-matrix columns whose term index ({@link #assign()}, -1 the
     * intercept) is at most {@code lastTerm}: the sub-model R's {@code anova.glm} fits for the terms
     * up to that one. Response, weights, offset and rows are this design's.
     */
    public Design upToTerm(int lastTerm) {
        List<String> names = new java.util.ArrayList<>();
        java.util.List<Integer> keep = new java.util.ArrayList<>();
        for (int j = 0; j < columnNames.size(); j++) {
            if (assign[j] <= lastTerm) {
                keep.add(j);
                names.add(columnNames.get(j));
            }
        }
        double[] sub = new double[rows * keep.size()];
        int[] subAssign = new int[keep.size()];
        for (int k = 0; k < keep.size(); k++) {
            System.arraycopy(x, keep.get(k) * rows, sub, k * rows, rows);
            subAssign[k] = assign[keep.get(k)];
        }
        return new Design(formula, sub, names, subAssign, response, weights, offset, sourceRows, droppedRows,
                trials, responseLevels, bases, levels);
    }

    /**
     * The coefficients and knots of its orthogonal poly, ns and bs terms by term label, as fitted
     * (or as given to code new rows): what a model file keeps so that predict codes new rows as R.
     */
    public Map<String, BasisCoefs> bases() {
        return bases;
    }

    /**
     * Each text column's levels as its terms' factor coded them, baseline first (the terms' order;
     * the response's levels are {@link #responseLevels()}): what a model file keeps so that new rows
     * with fewer levels are coded as the fit's rows were.
     */
    public Map<String, List<String>> levels() {
        return levels;
    }

    /** The formula this design came from. */
    public ModelFormula formula() {
        return formula;
    }

    /** Rows used, n. */
    public int rows() {
        return rows;
    }

    /** Model-matrix columns, p. */
    public int columns() {
        return columnNames.size();
    }

    /** R's column names, e.g. {@code (Intercept)}, {@code woolB}, {@code woolB:tensionM}. */
    public List<String> columnNames() {
        return columnNames;
    }

    /** Whether the first column is the intercept. */
    public boolean hasIntercept() {
        return formula.intercept();
    }

    /** For each column, the index of its term in {@link ModelFormula#terms()}, or -1 for the intercept. */
    public int[] assign() {
        return assign.clone();
    }

    /** A copy of the model matrix, column-major: element (i, j) at {@code i + j * rows()}. */
    public double[] matrixColumnMajor() {
        return x.clone();
    }

    /** Element (i, j) of the model matrix. */
    public double get(int row, int column) {
        return x[row + column * rows];
    }

    /** A copy of the response, one value per row used. */
    public double[] response() {
        return response.clone();
    }

    /** A copy of the prior weights (all 1 when the spec names no weights column). */
    public double[] weights() {
        return weights.clone();
    }

    /** A copy of the offset (all 0 when the spec names no offset column). */
    public double[] offset() {
        return offset.clone();
    }

    /** Whether an offset column or an {@code offset()} term was given (some row's offset is not 0). */
    public boolean hasOffset() {
        for (double o : offset) {
            if (o != 0) {
                return true;
            }
        }
        return false;
    }

    /** For each row used, its 0-based row in the frame. */
    public int[] sourceRows() {
        return sourceRows.clone();
    }

    /**
     * Whether the response is {@code cbind(successes, failures)}: {@link #response()} is then the
     * proportion of successes and {@link #weights()} carry the trials (times any prior weights).
     */
    public boolean trialsResponse() {
        return trials != null;
    }

    /** The trials (successes + failures) per row of a {@code cbind(successes, failures)} response (copy), else null. */
    public double[] trials() {
        return trials == null ? null : trials.clone();
    }

    /** The levels of a factor response (the first coded 0, the others 1), or null for a numeric one. */
    public List<String> responseLevels() {
        return responseLevels;
    }

    /** How many rows of the frame were dropped for a missing cell. */
    public int droppedRows() {
        return droppedRows;
    }
}
