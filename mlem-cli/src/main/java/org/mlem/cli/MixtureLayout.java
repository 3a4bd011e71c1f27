package org.mlem.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlem.MlemUserException;
import org.mlem.data.CsvTable;
import org.mlem.data.DataMatrix;
import org.mlem.dist.Families;
import org.mlem.mixture.ColumnModel;
import org.mlem.model.FittedMixture;
import org.mlem.model.RowInput;
import org.mlem.mixture.ProductMixtureEstimator;

/**
 * How {@code mlem fit mixture}'s flags become a component layout: {@code --family F} on every
 * chosen column ({@code bernoulli} on several is latent class analysis, {@code multinomial} one
 * count vector over them all), or {@code --families a=poisson,b=normal} one family per column.
 */
final class MixtureLayout {
    private MixtureLayout() {}

    /** {@code --families a=poisson,b=bernoulli} as column → family, in the order given. */
    static Map<String, String> parseFamilies(List<String> pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new MlemUserException("--families entry '" + pair + "' is not COLUMN=FAMILY; write e.g. "
                        + "--families a=poisson,b=bernoulli,c=normal");
            }
            String column = pair.substring(0, eq).trim();
            if (out.put(column, pair.substring(eq + 1).trim()) != null) {
                throw new MlemUserException("--families names column '" + column + "' twice; give each column one family");
            }
        }
        return out;
    }

    /** The estimator for {@code k} components of {@code family} on d columns. */
    static ProductMixtureEstimator sameFamily(int k, String family, int d) {
        if (family.trim().equalsIgnoreCase("multinomial")) {
            if (d < 2) {
                throw new MlemUserException("--family multinomial models a vector of counts; choose at least 2 count "
                        + "columns with --columns");
            }
            return ProductMixtureEstimator.multinomial(k, d);
        }
        return ProductMixtureEstimator.sameFamily(k, Families.byName(family), d);
    }

    /** The estimator for {@code k} components with one family per column, in {@code families}' order. */
    static ProductMixtureEstimator perColumn(int k, Map<String, String> families) {
        List<String> names = new ArrayList<>(families.values());
        for (String n : names) {
            if (n.equalsIgnoreCase("multinomial")) {
                throw new MlemUserException("multinomial covers several columns at once; use --family multinomial "
                        + "--columns A,B,C rather than --families");
            }
        }
        return ProductMixtureEstimator.perColumn(k, names);
    }

    /**
     * Throws, at the file's line and column, for the first cell outside its family's support
     * (the first row, then the leftmost column).
     *
     * @param rows the table row of each data row
     * @param missingAllowed whether a missing cell of a univariate column is taken (EM over it)
     */
    static void checkSupport(List<ColumnModel> layout, DataMatrix data, CsvTable table, int[] rows, boolean missingAllowed) {
        RowInput.Violation v = FittedMixture.firstViolation(layout, data, missingAllowed);
        if (v != null) {
            throw table.errorAt(data.columns().get(v.column()), rows[v.row()], v.message());
        }
    }
}
