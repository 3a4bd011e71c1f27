package org.mlem.cli;

import java.util.List;
import java.util.function.Function;
import org.mlem.MlemUserException;
import org.mlem.data.CsvTable;
import org.mlem.model.FittedDist;
import org.mlem.model.FittedMixture;
import org.mlem.model.FittedModel;
import org.mlem.survival.CensoredSample;
import org.mlem.survival.RowException;

/**
 * {@code score} and {@code predict} with {@code --status} or {@code --interval} ({@link
 * CensoringArgs}, read as {@code fit mixture} and {@code fit dist} read them): the rows of a
 * one-column mixture file, or of a distribution file (not a categorical one), as censored values, so a censored
 * row scores the probability of its interval (and a mixture's row gets its posteriors from it). The
 * value column of {@code --status} is the model's.
 */
final class CensoredRows {
    private CensoredRows() {}

    /**
     * A one-column mixture or a distribution, and its censored rows.
     *
     * @param blame the column a row's error is placed in
     * @param lines each row's index in the table
     */
    record Read(FittedModel model, CensoredSample rows, CsvTable table, String blame, int[] lines) {
        /** {@code f} of the rows, a bound outside the family's support placed at its line. */
        <T> T apply(Function<CensoredSample, T> f) {
            try {
                return f.apply(rows);
            } catch (RowException e) {
                throw table.errorAt(blame, lines[e.row()], e.problem());
            }
        }

        /** Each row's log-likelihood, as the fit sums them. */
        double[] logDensities() {
            return apply(s -> model instanceof FittedMixture m ? m.logDensities(s) : ((FittedDist) model).logDensities(s));
        }
    }

    /** The model and its censored rows; a one-line error for another model or a bad row. */
    static Read read(FittedModel model, CensoringArgs censoring, ModelData.Args args, Terminal terminal) {
        censoring.check();
        String column;
        if (model instanceof FittedMixture m && m.mixture().dimension() == 1) {
            column = m.mixture().columns().get(0);
        } else if (model instanceof FittedDist d && !d.distribution().family().name().equals("categorical")) {
            column = d.file().column();
        } else {
            throw new MlemUserException("--status and --interval apply to a one-column mixture or a distribution of "
                    + "ordered values (fit mixture --family weibull --status ..., fit dist --family weibull --status"
                    + " ...); a '" + model.kind() + "' file scores exact rows: drop them", args.model.toString(), -1, -1);
        }
        CsvTable table = args.input.read(args.file, terminal);
        List<String> values = censoring.valueColumns(table, column, List.of());
        int[] rows = FrameInput.completeRows(table, censoring.required(table, values), args.input.dropMissing, terminal);
        return new Read(model, censoring.read(table, values, rows, null), table, values.get(0), rows);
    }
}
