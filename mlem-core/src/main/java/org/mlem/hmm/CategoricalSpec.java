package org.mlem.hmm;

import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;

/**
 * Categorical emissions on one column of category codes 0..M-1: state j emits code c with
 * probability p_jc. M-step: the posterior-weighted frequencies (maximum likelihood, no smoothing,
 * so a code a state never emits gets probability 0 there).
 *
 * @param categories M, or 0 to take the largest code in the data plus one
 */
public record CategoricalSpec(int categories) implements EmissionSpec {

    public CategoricalSpec {
        if (categories < 0) {
            throw new MlemUserException("number of categories " + categories + " must be >= 1 (or 0 to infer it)");
        }
    }

    @Override
    public String name() {
        return "categorical";
    }

    @Override
    public EmissionSpec resolve(DataMatrix data) {
        if (data.cols() != 1) {
            throw new MlemUserException("categorical emissions read one column of category codes, got " + data.cols()
                    + " columns; choose one with --columns");
        }
        int max = -1;
        for (int i = 0; i < data.rows(); i++) {
            double v = data.get(i, 0);
            if (!(v >= 0) || v != Math.rint(v) || v > Integer.MAX_VALUE - 1) {
                throw new MlemUserException("row " + (i + 1) + ", column '" + data.columns().get(0) + "': " + v
                        + " is not a category code; categorical emissions need whole numbers 0, 1, 2, ...");
            }
            if (categories > 0 && v >= categories) {
                throw new MlemUserException("row " + (i + 1) + ": category code " + (int) v + " is outside 0.." + (categories - 1));
            }
            max = Math.max(max, (int) v);
        }
        return categories > 0 ? this : new CategoricalSpec(max + 1);
    }

    @Override
    public boolean clusterable() {
        return false;
    }

    @Override
    public EmissionStats emptyStats(int states, int dimension, double[] shift) {
        if (categories == 0) {
            throw new IllegalStateException("resolve the number of categories from the data first");
        }
        return new CategoricalEmissionStats(this, states);
    }
}
