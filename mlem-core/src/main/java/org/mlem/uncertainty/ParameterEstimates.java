package org.mlem.uncertainty;

import java.util.List;

/**
 * Named parameter values with their standard errors: what both {@link LouisInformation} and
 * {@link Bootstrap} report, in the same layout (for a Gaussian mixture {@link GmmParameters}'
 * reported layout).
 *
 * @param names one name per parameter
 * @param estimate the fitted values
 * @param standardError the standard errors, NaN where none could be computed
 */
public record ParameterEstimates(List<String> names, double[] estimate, double[] standardError) {

    public ParameterEstimates {
        names = List.copyOf(names);
        if (estimate.length != names.size() || standardError.length != names.size()) {
            throw new IllegalArgumentException(names.size() + " names, " + estimate.length + " estimates, "
                    + standardError.length + " standard errors");
        }
        estimate = estimate.clone();
        standardError = standardError.clone();
    }

    @Override
    public double[] estimate() {
        return estimate.clone();
    }

    @Override
    public double[] standardError() {
        return standardError.clone();
    }

    /** The index of the parameter called {@code name}. */
    public int indexOf(String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no parameter " + name + "; the names are " + names);
        }
        return i;
    }

    /** The standard error of the parameter called {@code name}. */
    public double standardError(String name) {
        return standardError[indexOf(name)];
    }

    static double[][] deepCopy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }
}
