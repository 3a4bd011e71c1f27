package org.mlem.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.gmm.RegCovar;

/** {@code --reg-covar E|scaled}: a number at least 0, or {@code scaled} for {@link RegCovar#scaled}. */
final class RegCovarArg {
    /** The command-line name of the data-scaled ridge. */
    static final String SCALED = "scaled";

    private RegCovarArg() {}

    /** Whether {@code text} names the data-scaled ridge. */
    static boolean isScaled(String text) {
        return text.strip().toLowerCase(Locale.ROOT).equals(SCALED);
    }

    /** The ridge {@code text} asks for on {@code data}. */
    static double parse(String text, DataMatrix data) {
        if (isScaled(text)) {
            return scaled(data);
        }
        return number(text);
    }

    /** {@code text} as a ridge value; {@code scaled} is refused here (no data to scale by). */
    static double number(String text) {
        double v;
        try {
            v = Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new MlemUserException("--reg-covar '" + text + "' is not a number or scaled; give e.g. 1e-6 or scaled");
        }
        return Checks.nonNegative("--reg-covar", v);
    }

    /** The data-scaled ridge ({@link RegCovar#scaled}) of {@code data}'s rows with no missing cell. */
    static double scaled(DataMatrix data) {
        return RegCovar.scaled(data.hasMissingCells() ? completeRows(data) : data);
    }

    /** The rows of {@code data} with no missing cell, to scale the ridge by. */
    private static DataMatrix completeRows(DataMatrix data) {
        List<double[]> complete = new ArrayList<>();
        for (int i = 0; i < data.rows(); i++) {
            double[] r = data.row(i);
            boolean ok = true;
            for (double v : r) {
                ok &= !Double.isNaN(v);
            }
            if (ok) {
                complete.add(r);
            }
        }
        if (complete.isEmpty()) {
            throw new MlemUserException("--reg-covar scaled needs at least one complete row to scale by; give a number");
        }
        return DataMatrix.of(complete.toArray(double[][]::new));
    }
}
