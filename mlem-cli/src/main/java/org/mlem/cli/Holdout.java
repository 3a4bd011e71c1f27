package org.mlem.cli;

import java.util.List;
import org.mlem.MlemUserException;
import org.mlem.data.CsvTable;
import org.mlem.data.DataMatrix;
import org.mlem.gmm.da.CrossValidation;
import org.mlem.gmm.da.GaussianDiscriminant;

/**
 * A discriminant model's error on held-out labelled rows (fit gmmda's {@code --test}): the
 * misclassification rate and the Brier score (mclust's {@code BrierScore}: Σ_c (1[y = c] − p_c)² / 2
 * averaged over rows).
 *
 * @param n rows
 * @param error the share of rows classified wrongly
 * @param brier the Brier score
 */
record Holdout(int n, double error, double brier) {

    static Holdout of(GaussianDiscriminant model, List<String> columns, String classColumn, String file, InputOptions input,
            Terminal terminal) {
        CsvTable table = input.read(file, terminal);
        if (!table.names().contains(classColumn)) {
            throw new MlemUserException("--test " + file + " has no class column '" + classColumn + "'; its columns are "
                    + String.join(", ", table.names()), table.source(), -1, -1);
        }
        table.requireNumeric(columns, " (then --drop-missing drops its row)");
        int[] rows = input.rows(table, columns, terminal).rows();
        DataMatrix x = table.matrix(columns, rows);
        int[] y = ClassColumn.readKnown(table, classColumn, rows, model.classes()).index();
        double[] s = CrossValidation.errorAndBrier(model.predictProba(x), y);
        return new Holdout(y.length, s[0], s[1]);
    }
}
