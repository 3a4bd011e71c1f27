package org.mlem.mixture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mlem.data.DataMatrix;
import org.mlem.dist.Families;
import org.mlem.dist.UnivariateFamily;

/**
 * The product mixture's looked-up cell densities ({@link CellTables}) and the M-step's
 * estimate-only fit ({@link UnivariateFamily#estimateWeighted}) against the code they replace on
 * the hot path. Oracle: the plain computation in the same JVM; tolerance: none (the same bits).
 */
class CellTablesTest {

    private static final List<String> NAMES = List.of("x", "count", "flag", "nb", "trials");

    private static ProductMixture mixture() {
        return ProductMixture.of(new double[] {0.3, 0.7}, List.of(
                ProductComponent.of(ComponentPart.univariate(0, Families.normal().of(0, 1)),
                        ComponentPart.univariate(1, Families.poisson().of(6.5)),
                        ComponentPart.univariate(2, Families.bernoulli().of(0.2)),
                        ComponentPart.univariate(3, Families.negativeBinomial().of(2.5, 4)),
                        ComponentPart.univariate(4, Families.binomial(5).of(0.35))),
                ProductComponent.of(ComponentPart.univariate(0, Families.normal().of(3, 1.5)),
                        ComponentPart.univariate(1, Families.poisson().of(40)),
                        ComponentPart.univariate(2, Families.bernoulli().of(1)),
                        ComponentPart.univariate(3, Families.negativeBinomial().of(0.7, 20)),
                        ComponentPart.univariate(4, Families.binomial(5).of(0.9)))),
                NAMES);
    }

    /** Rows with small and large counts (past the table), missing cells, −0 and values outside a support. */
    private static DataMatrix cells(int n) {
        SplittableRandom rng = new SplittableRandom(13);
        double[] x = new double[n * 5];
        for (int i = 0; i < n; i++) {
            x[i * 5] = rng.nextGaussian() * 2;
            x[i * 5 + 1] = rng.nextInt(i % 7 == 0 ? 300 : 70);
            x[i * 5 + 2] = rng.nextInt(2);
            x[i * 5 + 3] = rng.nextInt(90);
            x[i * 5 + 4] = rng.nextInt(6);
        }
        x[5 + 1] = Double.NaN;
        x[10 + 2] = Double.NaN;
        x[15 + 1] = -0.0;
        x[20 + 1] = 2.5; // not a count: log density −∞ either way
        x[25 + 2] = 3; // outside the Bernoulli support
        x[30 + 4] = 7; // more successes than trials
        return DataMatrix.of(x, n, 5, NAMES);
    }

    @Test
    void lookedUpJointDensitiesAreTheComputedOnesBitForBit() {
        ProductMixture m = mixture();
        DataMatrix data = cells(3000);
        double[] plain = new double[data.rows() * 2];
        double[] tables = new double[data.rows() * 2];
        m.logJoint(data.all(), plain, true);
        m.logJoint(data.all(), tables, false);
        for (int i = 0; i < plain.length; i++) {
            assertThat(Double.doubleToRawLongBits(tables[i])).as("entry %d", i).isEqualTo(Double.doubleToRawLongBits(plain[i]));
        }
        assertThat(plain).contains(Double.NEGATIVE_INFINITY); // the out-of-support rows were exercised
    }

    @Test
    void estimateAloneIsTheFittedDistributionBitForBit() {
        SplittableRandom rng = new SplittableRandom(5);
        double[] counts = new double[500];
        double[] flags = new double[500];
        double[] reals = new double[500];
        double[] w = new double[500];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = rng.nextInt(30);
            flags[i] = rng.nextInt(2);
            reals[i] = rng.nextGaussian() + 0.1 * counts[i];
            w[i] = rng.nextDouble();
        }
        check(Families.poisson(), counts, w);
        check(Families.negativeBinomial(), counts, w);
        check(Families.bernoulli(), flags, w);
        check(Families.normal(), reals, w);
        check(Families.normal(), reals, null);
    }

    private static void check(UnivariateFamily family, double[] x, double[] w) {
        double[] full = family.fitWeighted(x, w, false).distribution().parameterValues();
        double[] alone = family.estimateWeighted(x, w).parameterValues();
        assertThat(alone).as(family.name()).hasSameSizeAs(full);
        for (int i = 0; i < full.length; i++) {
            assertThat(Double.doubleToRawLongBits(alone[i])).as(family.name() + " parameter " + i)
                    .isEqualTo(Double.doubleToRawLongBits(full[i]));
        }
    }
}
