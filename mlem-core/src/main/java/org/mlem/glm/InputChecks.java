package org.mlem.glm;

import java.util.ArrayList;
import java.util.List;
import org.mlem.MlemUserException;
import org.mlem.formula.Design;

/** What a family cannot take, reported with the frame's 1-based data row. */
final class InputChecks {
    private InputChecks() {
    }

    /** A cbind(successes, failures) or factor response is the binomial family's only. */
    static void responseKind(Design design, Family family) {
        String response = design.formula().response().label();
        if (!(family.base() instanceof Family.Binomial) && (design.trialsResponse() || design.responseLevels() != null)) {
            throw new MlemUserException("response '" + response + "' is " + (design.trialsResponse()
                    ? "cbind(successes, failures)" : "a factor (levels " + design.responseLevels() + ")")
                    + ", which only the binomial family takes; use --family binomial, or give the "
                    + family.name() + " family a numeric response");
        }
    }

    static void check(Design design, Family family, double[] y, double[] wt) {
        responseKind(design, family);
        String response = design.formula().response().label();
        int positive = rows(design.sourceRows(), response, family, y, wt);
        enoughRows(positive, design.columns(), design.columnNames());
        double first = Double.NaN;
        boolean constant = true;
        for (int i = 0; i < y.length; i++) {
            if (wt[i] > 0) {
                if (Double.isNaN(first)) {
                    first = y[i];
                }
                constant &= y[i] == first;
            }
        }
        constantResponse(constant, first, response, family);
    }

    /**
     * Checks each row's prior weight and response (the first fault named by its data row
     * {@code source[i] + 1}); returns the number of rows of positive weight.
     */
    static int rows(int[] source, String response, Family family, double[] y, double[] wt) {
        int positive = 0;
        for (int i = 0; i < y.length; i++) {
            if (!(wt[i] >= 0) || !Double.isFinite(wt[i])) {
                throw new MlemUserException("data row " + (source[i] + 1) + ": prior weight " + wt[i]
                        + " is not a finite number >= 0");
            }
            if (wt[i] > 0) {
                positive++;
                if (!family.validResponse(y[i], wt[i])) {
                    throw new MlemUserException("data row " + (source[i] + 1) + ": response '" + response + "' is "
                            + y[i] + " but the " + family.name() + " family needs " + family.responseRequirement());
                }
            }
        }
        return positive;
    }

    /** Refuses fewer rows of positive weight than model columns. */
    static void enoughRows(long positive, int columns, List<String> names) {
        if (positive < columns) {
            throw new MlemUserException("only " + positive + " rows (of positive weight) for " + columns
                    + " model columns " + names + "; a GLM needs at least as many rows as columns");
        }
    }

    /** Refuses a response equal to {@code first} on every row of positive weight when the family cannot fit it. */
    static void constantResponse(boolean constant, double first, String response, Family family) {
        if (constant && !family.canFitConstant(first)) {
            throw new MlemUserException("response '" + response + "' is " + first + " on every row; the "
                    + family.name() + " family cannot fit a constant response like that");
        }
    }

    /** R's warning for binomial data whose weight times proportion is not a whole number of successes. */
    static List<String> warnings(Family family, double[] y, double[] wt) {
        List<String> w = new ArrayList<>();
        if (family.base() instanceof Family.Binomial) {
            for (int i = 0; i < y.length; i++) {
                double m = wt[i] * y[i];
                if (Math.abs(m - Math.rint(m)) > 1e-3) {
                    w.add("non-integer #successes in a binomial glm");
                    break;
                }
            }
        }
        return w;
    }
}
