package org.mlem.mixture;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.mlem.MlemUserException;
import org.mlem.dist.Distribution;
import org.mlem.dist.Multinomial;

/**
 * One fitted factor of a mixture component: a member of its {@link ColumnModel}'s family. Immutable.
 */
public sealed interface ComponentPart extends java.io.Serializable {

    /** Which columns and which family. */
    ColumnModel model();

    /** log f of the row whose first value is {@code x[offset]} (d values per row); −∞ outside the support. */
    double logDensity(double[] x, int offset);

    /** The parameter values in the family's order (multinomial: the column probabilities). */
    double[] parameterValues();

    /**
     * Parameter name → value, R's names (normal {@code mean}, {@code sd}; poisson {@code lambda};
     * bernoulli {@code prob}; ...); for a multinomial, {@code prob[column]} per column.
     */
    Map<String, Double> parameters(List<String> columnNames);

    /** Free parameters (categorical: K − 1; multinomial: d − 1). */
    int freeParameters();

    /** The same factor with other values, or null when they are not valid parameters. */
    ComponentPart withParameterValues(double[] values);

    /** A univariate factor on {@code column}. */
    static ComponentPart univariate(int column, Distribution distribution) {
        return new UnivariatePart(new ColumnModel.Univariate(column, distribution.family()), distribution);
    }

    /** A multinomial factor over {@code columns}. */
    static ComponentPart multinomial(int[] columns, Multinomial multinomial) {
        return new MultinomialPart(new ColumnModel.Multinomial(columns), multinomial);
    }

    /** A univariate family's member on one column. */
    record UnivariatePart(ColumnModel.Univariate model, Distribution distribution) implements ComponentPart {
        public UnivariatePart {
            if (distribution.family() != model.family() && !distribution.family().toString().equals(model.family().toString())) {
                throw new IllegalArgumentException("a " + distribution.family() + " member for a " + model.family() + " column");
            }
        }

        @Override
        public double logDensity(double[] x, int offset) {
            double v = x[offset + model.column()];
            return Double.isNaN(v) ? 0 : distribution.logDensity(v); // a missing cell's factor is 1
        }

        @Override
        public double[] parameterValues() {
            return distribution.parameterValues();
        }

        @Override
        public Map<String, Double> parameters(List<String> columnNames) {
            return distribution.parameters();
        }

        @Override
        public int freeParameters() {
            return model.freeParameters(distribution.parameterValues().length);
        }

        @Override
        public ComponentPart withParameterValues(double[] values) {
            try {
                return new UnivariatePart(model, model.family().of(values));
            } catch (MlemUserException invalid) {
                return null;
            }
        }

        /** One draw. */
        double sample(RandomGenerator rng) {
            return distribution.sample(rng);
        }
    }

    /** A multinomial over several count columns. */
    record MultinomialPart(ColumnModel.Multinomial model, Multinomial multinomial) implements ComponentPart {
        public MultinomialPart {
            if (multinomial.dimension() != model.columns().length) {
                throw new MlemUserException("a multinomial over " + multinomial.dimension() + " categories for "
                        + model.columns().length + " columns; give one probability per column");
            }
        }

        @Override
        public double logDensity(double[] x, int offset) {
            int[] cols = model.columns();
            if (cols[cols.length - 1] - cols[0] == cols.length - 1) {
                return multinomial.logMass(x, offset + cols[0]);
            }
            double[] counts = new double[cols.length];
            for (int a = 0; a < cols.length; a++) {
                counts[a] = x[offset + cols[a]];
            }
            return multinomial.logMass(counts);
        }

        @Override
        public double[] parameterValues() {
            return multinomial.prob();
        }

        @Override
        public Map<String, Double> parameters(List<String> columnNames) {
            int[] cols = model.columns();
            double[] p = multinomial.prob();
            Map<String, Double> m = new LinkedHashMap<>();
            for (int a = 0; a < cols.length; a++) {
                m.put("prob[" + columnNames.get(cols[a]) + "]", p[a]);
            }
            return java.util.Collections.unmodifiableMap(m);
        }

        @Override
        public int freeParameters() {
            return multinomial.dimension() - 1;
        }

        @Override
        public ComponentPart withParameterValues(double[] values) {
            try {
                return new MultinomialPart(model, Multinomial.of(values));
            } catch (MlemUserException invalid) {
                return null;
            }
        }
    }
}
