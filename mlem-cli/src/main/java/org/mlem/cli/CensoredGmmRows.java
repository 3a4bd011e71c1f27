package org.mlem.cli;

import java.util.ArrayList;
import java.util.List;
import org.mlem.MlemUserException;
import org.mlem.data.CsvTable;
import org.mlem.data.DataMatrix;
import org.mlem.gmm.CensoredCells;
import org.mlem.gmm.CensoredGmmEstimator;
import org.mlem.gmm.GaussianMixture;
import org.mlem.gmm.GaussianMixtureEstimator;
import org.mlem.model.FittedGmm;
import org.mlem.model.FittedModel;

/**
 * {@code score} and {@code predict} of a Gaussian mixture file on rows with censored cells, given
 * by {@code --censored-below}, {@code --censored-above} and {@code --censored-interval} as
 * {@code fit gmm} reads them: a row's log-likelihood is log Σ_j π_j N(x_o; μ_j,o, Σ_j,oo)
 * P(its censored cells' box | x_o), its posteriors those terms normalised, as the censored fit's
 * E-step computes them ({@link CensoredGmmEstimator#logTerms}).
 */
final class CensoredGmmRows {
    private CensoredGmmRows() {}

    /** log π_j + log f_j(x_i) for each row of the file (n of k); a one-line error for another model or a bad row. */
    static double[][] logTerms(FittedModel model, GmmCensoringArgs censoring, ModelData.Args args, Terminal terminal) {
        if (!(model instanceof FittedGmm g) || g.noise() != null) {
            throw new MlemUserException("--censored-below/--censored-above/--censored-interval take the rows of a "
                    + "Gaussian mixture file (fit gmm, without --noise); the model is '" + model.kind() + "'"
                    + (model instanceof FittedGmm ? " with a noise component" : "") + ": drop those options");
        }
        GaussianMixture mixture = g.mixture();
        CsvTable table = args.input.read(args.file, terminal);
        List<String> columns = g.file().columns();
        if (columns == null) {
            List<String> exclude = new ArrayList<>(censoring.limitColumns(table));
            columns = args.input.modelColumns(table, null, exclude);
        }
        for (String c : columns) {
            if (!table.names().contains(c)) {
                throw new MlemUserException("no column '" + c + "', which the model reads; the columns are "
                        + String.join(", ", table.names()) + "; give a file with the columns the model was fitted to",
                        table.source(), -1, -1);
            }
        }
        if (columns.size() != mixture.dimension()) {
            throw new MlemUserException("the model has " + mixture.dimension() + " columns but the file's numeric columns are "
                    + String.join(", ", columns) + "; give the model's columns in its file (\"columns\")", table.source(), -1, -1);
        }
        int[] rows = FrameInput.completeRows(table, columns, args.input.dropMissing, terminal);
        DataMatrix data = table.matrix(columns, rows);
        CensoredCells cells = censoring.read(table, columns, rows, data);
        CensoredGmmEstimator estimator = new CensoredGmmEstimator(
                GaussianMixtureEstimator.of(mixture.components()).withCovariance(mixture.structure()), cells, censoring.box());
        int bad = estimator.firstUnsupportedRow();
        if (bad >= 0) {
            throw table.errorAt(columns.get(0), rows[bad], estimator.unsupportedRowProblem(bad, columns));
        }
        return estimator.logTerms(mixture, data);
    }

    /** Each row's log-likelihood: the log-sum-exp of its terms. */
    static double[] logDensities(double[][] terms) {
        double[] out = new double[terms.length];
        for (int i = 0; i < terms.length; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (double t : terms[i]) {
                max = Math.max(max, t);
            }
            double sum = 0;
            for (double t : terms[i]) {
                sum += Math.exp(t - max);
            }
            out[i] = max + Math.log(sum);
        }
        return out;
    }

    /** Each row's posterior component probabilities: its terms normalised. */
    static double[][] posteriors(double[][] terms) {
        double[] ll = logDensities(terms);
        double[][] p = new double[terms.length][];
        for (int i = 0; i < terms.length; i++) {
            p[i] = new double[terms[i].length];
            for (int j = 0; j < p[i].length; j++) {
                p[i][j] = Math.exp(terms[i][j] - ll[i]);
            }
        }
        return p;
    }
}
