package org.mlem.formula;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How to turn a formula and a frame into a design: factor level orders, what to do with missing
 * cells, and which columns hold prior weights and an offset.
 *
 * @param levels level order per text column (first = baseline); other text columns use sorted levels
 * @param dropMissing drop rows with a missing cell in a used column (counted) instead of failing
 * @param weights name of the prior-weights column, or null for weight 1 on every row
 * @param offset name of the offset column (added to the linear predictor), or null for none
 * @param keepLevels whether every level given in {@code levels} keeps its column even when no row
 *     has it (new rows for a fitted model's prediction); else unused levels are dropped, as R's fit does
 * @param bases a fit's basis coefficients by term label ({@code poly(wt, 2)}): new rows are coded
 *     with them instead of computing them from the rows (R's makepredictcall); empty when fitting
 */
public record DesignSpec(Map<String, List<String>> levels, boolean dropMissing, String weights, String offset,
        boolean keepLevels, Map<String, BasisCoefs> bases) {
    /** Sorted levels, missing cells are an error, no weights, no offset. */
    public static final DesignSpec DEFAULTS = new DesignSpec(Map.of(), false, null, null, false, Map.of());

    public DesignSpec {
        Map<String, List<String>> copy = new HashMap<>();
        levels.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        levels = Map.copyOf(copy);
        bases = Map.copyOf(bases);
    }

    /** This spec coding the data-dependent bases of new rows with a fit's coefficients and knots. */
    public DesignSpec withBases(Map<String, BasisCoefs> fitted) {
        return new DesignSpec(levels, dropMissing, weights, offset, keepLevels, fitted);
    }

    /** This spec with the level order of one text column (R's {@code factor(x, levels = ...)}). */
    public DesignSpec withLevels(String column, List<String> order) {
        Map<String, List<String>> m = new HashMap<>(levels);
        m.put(column, order);
        return new DesignSpec(m, dropMissing, weights, offset, keepLevels, bases);
    }

    /** This spec with missing rows dropped (true) or rejected (false). */
    public DesignSpec withDropMissing(boolean drop) {
        return new DesignSpec(levels, drop, weights, offset, keepLevels, bases);
    }

    /** This spec with prior weights from a column. */
    public DesignSpec withWeights(String column) {
        return new DesignSpec(levels, dropMissing, column, offset, keepLevels, bases);
    }

    /** This spec with an offset from a column. */
    public DesignSpec withOffset(String column) {
        return new DesignSpec(levels, dropMissing, weights, column, keepLevels, bases);
    }

    /** This spec keeping every given level's column, used or not: the design of new rows for a fitted model. */
    public DesignSpec withKeptLevels() {
        return new DesignSpec(levels, dropMissing, weights, offset, true, bases);
    }
}
