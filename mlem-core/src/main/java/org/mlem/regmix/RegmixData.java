package org.mlem.regmix;

import java.util.List;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.formula.Design;
import org.mlem.formula.Frame;

/**
 * The rows a mixture of regressions is fit to, in two layouts: row-major blocks for the E-step
 * ({@link #rows()}: per row the p model-matrix values, then the response, the number of trials,
 * the offset and the parameter-free log-density part) and model-matrix columns for the M-step's
 * weighted GLM fits. The response of a binomial fit is the proportion of successes, its trials
 * the named column (1 per row when none is named).
 */
final class RegmixData {
    final int n;
    final int p;
    final List<String> terms;
    /** The model matrix by column: {@code columns[j][i]}. */
    final double[][] columns;
    final double[] y;
    final double[] trials;
    final double[] offset;
    /** Per-row frequency weights (all 1 when none were named). */
    final double[] rowWeights;
    /** E-step layout: n rows of p + 4 values. */
    final DataMatrix blocks;

    private RegmixData(Design design, double[] y, double[] trials, double[] rowWeights, Response response, int[] known) {
        this.n = design.rows();
        this.p = design.columns();
        this.terms = design.columnNames();
        this.y = y;
        this.trials = trials;
        this.offset = design.offset();
        this.rowWeights = rowWeights;
        this.columns = new double[p][n];
        int width = p + 4;
        double[] flat = new double[n * width];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                columns[j][i] = design.get(i, j);
                flat[i * width + j] = columns[j][i];
            }
            flat[i * width + p] = y[i];
            flat[i * width + p + 1] = trials[i];
            flat[i * width + p + 2] = offset[i];
            flat[i * width + p + 3] = response.base(y[i], trials[i]);
        }
        this.blocks = DataMatrix.of(flat, n, width, null).withWeights(rowWeights).withLabels(known);
    }

    private RegmixData(RegmixData like, double[] rowWeights) {
        this.n = like.n;
        this.p = like.p;
        this.terms = like.terms;
        this.columns = like.columns;
        this.y = like.y;
        this.trials = like.trials;
        this.offset = like.offset;
        this.rowWeights = rowWeights;
        this.blocks = like.blocks.withWeights(rowWeights);
    }

    /**
     * These rows with {@code rowWeights} as their frequency weights (a bootstrap replicate's
     * counts times the rows' own weights), the rest shared.
     */
    RegmixData withWeights(double[] rowWeights) {
        if (rowWeights.length != n) {
            throw new IllegalArgumentException(n + " rows but " + rowWeights.length + " weights");
        }
        return new RegmixData(this, rowWeights.clone());
    }

    /**
     * The data of {@code design}; for the binomial, {@code trialsColumn} (or 1 trial per row when null)
     * turns the response (successes) into a proportion.
     *
     * @throws MlemUserException naming the 1-based data row of a response or trial count the family cannot take
     */
    static RegmixData of(Design design, Frame frame, String trialsColumn, Response response, String family) {
        return of(design, frame, trialsColumn, response, family, null);
    }

    /**
     * As {@link #of(Design, Frame, String, Response, String)}, with each row's known component
     * ({@code knownByFrameRow}, one per row of {@code frame}, −1 for unknown; null: none known).
     */
    static RegmixData of(Design design, Frame frame, String trialsColumn, Response response, String family,
            int[] knownByFrameRow) {
        if (design.trialsResponse() && (response != Response.BINOMIAL || trialsColumn != null)) {
            throw new MlemUserException("response '" + design.formula().response().label() + "': cbind(successes, "
                    + "failures) is a binomial response with its own trials; use --family binomial"
                    + (trialsColumn != null ? " and drop --trials " + trialsColumn : ""));
        }
        if (design.responseLevels() != null && response != Response.BINOMIAL) {
            throw new MlemUserException("response '" + design.formula().response().label() + "' is a factor (levels "
                    + design.responseLevels() + "), which only the binomial family takes; use --family binomial");
        }
        int n = design.rows();
        double[] y = design.response();
        double[] trials = new double[n];
        java.util.Arrays.fill(trials, 1);
        int[] source = design.sourceRows();
        double[] rowWeights = design.weights();
        if (design.trialsResponse()) {
            // the design folds the trials into the weights, as glm does; a mixture keeps them apart
            trials = design.trials();
            for (int i = 0; i < n; i++) {
                if (!(trials[i] >= 1)) {
                    throw new MlemUserException("data row " + (source[i] + 1) + ": response '"
                            + design.formula().response().label() + "' has no trials (successes + failures is "
                            + trials[i] + "); drop the row or fix its counts");
                }
                rowWeights[i] /= trials[i];
            }
        }
        if (trialsColumn != null) {
            if (response != Response.BINOMIAL) {
                throw new MlemUserException("a trials column ('" + trialsColumn + "') is for the binomial family, not "
                        + family + "; drop it or use --family binomial");
            }
            if (!frame.has(trialsColumn) || !frame.isNumeric(trialsColumn)) {
                throw new MlemUserException("no numeric column '" + trialsColumn + "' for the numbers of trials; columns are "
                        + frame.names());
            }
            double[] all = frame.numeric(trialsColumn);
            for (int i = 0; i < n; i++) {
                double m = all[source[i]];
                if (!(m >= 1) || m != Math.rint(m) || !(y[i] >= 0 && y[i] <= m) || y[i] != Math.rint(y[i])) {
                    throw new MlemUserException("data row " + (source[i] + 1) + ": " + y[i] + " successes of " + m
                            + " trials; successes must be whole numbers from 0 to the trials, trials whole and >= 1");
                }
                trials[i] = m;
                y[i] /= m;
            }
        }
        for (int i = 0; i < n; i++) {
            if (!response.valid(y[i], trialsColumn != null || design.trialsResponse())) {
                throw new MlemUserException("data row " + (source[i] + 1) + ": response '"
                        + design.formula().response().label() + "' is " + y[i] + " but the " + family + " family needs "
                        + response.requirement() + "; fix the row or choose another family");
            }
        }
        int[] known = null;
        if (knownByFrameRow != null) {
            if (knownByFrameRow.length != frame.rows()) {
                throw new IllegalArgumentException(knownByFrameRow.length + " known components for " + frame.rows() + " rows");
            }
            known = new int[n];
            for (int i = 0; i < n; i++) {
                known[i] = knownByFrameRow[source[i]];
            }
        }
        return new RegmixData(design, y, trials, rowWeights, response, known);
    }

    /** Sum of the row weights. */
    double totalWeight() {
        return blocks.totalWeight();
    }
}
