package org.mlem.uncertainty;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.LUDecomposition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlem.data.DataMatrix;
import org.mlem.em.EmOptions;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.GaussianMixture;
import org.mlem.gmm.GaussianMixtureEstimator;
import org.mlem.gmm.GmmInit;
import org.mlem.testkit.Fixtures;
import org.mlem.testkit.Mixtures;

/**
 * Louis' observed information against its oracle, the central finite-difference Hessian of the
 * observed-data log-likelihood in the same free parameterisation ({@link GmmParameters}), at the
 * MLE of each structure. Tolerance 1e-4 relative: each entry against sqrt(I_aa I_bb) (the
 * information's own scale, so near-zero entries are judged fairly), and each standard error.
 */
class LouisInformationTest {

    static Stream<Arguments> fits() {
        return Stream.of(
                Arguments.of("faithful", 2, CovarianceStructure.FULL),
                Arguments.of("faithful", 2, CovarianceStructure.TIED),
                Arguments.of("faithful", 2, CovarianceStructure.DIAG),
                Arguments.of("faithful", 2, CovarianceStructure.SPHERICAL),
                Arguments.of("iris", 2, CovarianceStructure.FULL),
                Arguments.of("blobs", 3, CovarianceStructure.TIED),
                Arguments.of("blobs", 3, CovarianceStructure.SPHERICAL));
    }

    static DataMatrix data(String name) {
        return name.equals("blobs") ? Mixtures.blobs(400, 3, 3, 17) : Fixtures.csv("data/" + name + ".csv");
    }

    static GaussianMixture mle(DataMatrix x, int k, CovarianceStructure s) {
        return new GaussianMixtureEstimator(k, s, 0, GmmInit.DEFAULT,
                EmOptions.DEFAULTS.withRestarts(3).withTolerance(1e-12).withMaxIterations(5000).withThreads(1))
                .fit(x, 1).model();
    }

    @ParameterizedTest(name = "{0} k={1} {2}")
    @MethodSource("fits")
    void matchesTheNumericalHessianOfTheLogLikelihood(String dataset, int k, CovarianceStructure s) {
        DataMatrix x = data(dataset);
        GaussianMixture m = mle(x, k, s);
        ObservedInformation louis = LouisInformation.of(m, x);
        assertThat(louis.positiveDefinite()).isTrue();
        double[][] info = louis.information();
        GmmParameters layout = GmmParameters.of(m, x.columns());
        double[][] numeric = numericalNegativeHessian(layout, layout.freeValues(m), x, info);
        for (int a = 0; a < info.length; a++) {
            for (int b = 0; b < info.length; b++) {
                double scale = Math.sqrt(info[a][a] * info[b][b]);
                assertThat(Math.abs(numeric[a][b] - info[a][b]) / scale)
                        .as("%s, %s", layout.freeNames().get(a), layout.freeNames().get(b)).isLessThan(1e-4);
            }
        }
        double[] se = louis.standardError();
        double[] seNumeric = standardErrors(numeric, k);
        for (int q = 0; q < se.length; q++) {
            assertThat(Math.abs(se[q] - seNumeric[q]) / seNumeric[q]).as(layout.names().get(q)).isLessThan(1e-4);
        }
    }

    /** Oracle: the missing-information identity holds at any θ, not only the MLE; checked away from it. */
    @ParameterizedTest(name = "{0} k={1} {2}")
    @MethodSource("fits")
    void identityHoldsAwayFromTheMaximum(String dataset, int k, CovarianceStructure s) {
        DataMatrix x = data(dataset);
        GaussianMixture m = mle(x, k, s);
        GmmParameters layout = GmmParameters.of(m, x.columns());
        double[] theta = layout.freeValues(m);
        for (int q = k - 1; q < theta.length; q++) {
            theta[q] *= 1.02; // means and variances moved 2%: covariances stay positive definite
        }
        GaussianMixture moved = layout.fromFree(theta);
        double[][] info = LouisInformation.information(moved, x, layout);
        double[][] numeric = numericalNegativeHessian(layout, theta, x, info);
        for (int a = 0; a < info.length; a++) {
            for (int b = 0; b < info.length; b++) {
                double scale = Math.sqrt(Math.abs(info[a][a] * info[b][b]));
                assertThat(Math.abs(numeric[a][b] - info[a][b]) / scale).isLessThan(1e-4);
            }
        }
    }

    /** {@link InformationCheck}'s central differences of the mixture's log-likelihood. */
    static double[][] numericalNegativeHessian(GmmParameters layout, double[] theta, DataMatrix x, double[][] info) {
        return InformationCheck.numericalNegativeHessian(t -> layout.fromFree(t).logLikelihood(x), theta, info);
    }

    /** SEs from an information matrix inverted by Hipparchus' LU decomposition (π_k by the delta method). */
    static double[] standardErrors(double[][] info, int k) {
        return LouisInformation.reportedStandardErrors(
                new LUDecomposition(new Array2DRowRealMatrix(info)).getSolver().getInverse().getData(), k);
    }

    /**
     * Every row labelled: the observed information is the complete data's, so the standard errors
     * are the closed forms at the class-wise MLE: sqrt(π_j(1 − π_j)/n) for a weight, sqrt(σ_aa/n_j)
     * for a mean, sqrt((σ_aa σ_bb + σ_ab²)/n_j) for a covariance entry (2σ_aa²/n_j on the
     * diagonal). Oracle: those formulas; 1e-9 relative (the inverse of a p×p matrix).
     */
    @org.junit.jupiter.api.Test
    void everyRowLabelledGivesTheCompleteDataStandardErrors() {
        GaussianMixture truth = mle(data("faithful"), 2, CovarianceStructure.FULL);
        GaussianMixture.Sample draw = truth.sample(300, 5, java.util.List.of("x", "y"));
        DataMatrix x = draw.data().withLabels(draw.components());
        for (CovarianceStructure s : new CovarianceStructure[] {CovarianceStructure.FULL, CovarianceStructure.DIAG}) {
            GaussianMixture m = mle(x, 2, s);
            ParameterEstimates se = LouisInformation.of(m, x).estimates();
            double[] nj = new double[2];
            for (int z : draw.components()) {
                nj[z]++;
            }
            for (int j = 0; j < 2; j++) {
                double pi = m.weights()[j];
                assertThat(pi).isCloseTo(nj[j] / 300, org.assertj.core.api.Assertions.within(1e-12));
                assertClose(se.standardError("weight[" + j + "]"), Math.sqrt(pi * (1 - pi) / 300));
                double[][] sigma = m.covariance(j);
                String[] cols = {"x", "y"};
                for (int a = 0; a < 2; a++) {
                    assertClose(se.standardError("mean[" + j + "][" + cols[a] + "]"), Math.sqrt(sigma[a][a] / nj[j]));
                }
                if (s == CovarianceStructure.FULL) {
                    assertClose(se.standardError("cov[" + j + "][x,x]"), Math.sqrt(2 * sigma[0][0] * sigma[0][0] / nj[j]));
                    assertClose(se.standardError("cov[" + j + "][x,y]"),
                            Math.sqrt((sigma[0][0] * sigma[1][1] + sigma[0][1] * sigma[0][1]) / nj[j]));
                } else {
                    assertClose(se.standardError("var[" + j + "][y]"), Math.sqrt(2 * sigma[1][1] * sigma[1][1] / nj[j]));
                }
            }
        }
    }

    /**
     * Missing cells: a row's information is that of its observed cells' marginal density. Oracle:
     * the central-difference Hessian ({@link InformationCheck}) of the observed-data
     * log-likelihood written here independently (each component's normal density of the row's
     * observed cells, by Hipparchus' Cholesky of Σ_OO), 1e-4 relative, for full, tied, diag and
     * spherical covariances, at the missing-cell EM's MLE on faithful with one cell in ten removed.
     */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.EnumSource(value = CovarianceStructure.class, names = {"FULL", "TIED", "DIAG", "SPHERICAL"})
    void missingCellsMatchTheNumericalHessianOfTheMarginalLikelihood(CovarianceStructure s) {
        DataMatrix full = data("faithful");
        double[] v = full.values().clone();
        java.util.SplittableRandom rng = new java.util.SplittableRandom(4);
        for (int i = 0; i < full.rows(); i++) {
            if (rng.nextDouble() < 0.1) {
                v[i * 2 + rng.nextInt(2)] = Double.NaN;
            }
        }
        DataMatrix x = DataMatrix.of(java.util.Arrays.copyOf(v, full.rows() * 2), full.rows(), 2, full.columns());
        GaussianMixture m = new GaussianMixtureEstimator(2, s, 0, GmmInit.DEFAULT,
                EmOptions.DEFAULTS.withTolerance(1e-12).withMaxIterations(5000).withThreads(1)).withMissingEm(true)
                .fit(x, 1).model();
        GmmParameters layout = GmmParameters.of(m, x.columns());
        ObservedInformation louis = LouisInformation.of(m, x);
        assertThat(louis.positiveDefinite()).isTrue();
        InformationCheck.assertMatches(louis, t -> marginalLogLikelihood(layout.fromFree(t), x), layout.freeValues(m), 1e-4);
    }

    /** Σ_i log Σ_j π_j N(x_iO; μ_jO, Σ_jOO). */
    static double marginalLogLikelihood(GaussianMixture m, DataMatrix x) {
        double total = 0;
        for (int i = 0; i < x.rows(); i++) {
            double[] row = x.row(i);
            int[] o = java.util.stream.IntStream.range(0, row.length).filter(a -> !Double.isNaN(row[a])).toArray();
            double sum = 0;
            for (int j = 0; j < m.components(); j++) {
                double[][] sigma = m.covariance(j);
                double[][] sub = new double[o.length][o.length];
                double[] r = new double[o.length];
                for (int a = 0; a < o.length; a++) {
                    r[a] = row[o[a]] - m.mean(j)[o[a]];
                    for (int b = 0; b < o.length; b++) {
                        sub[a][b] = sigma[o[a]][o[b]];
                    }
                }
                org.hipparchus.linear.CholeskyDecomposition c = new org.hipparchus.linear.CholeskyDecomposition(
                        new Array2DRowRealMatrix(sub));
                double[] z = c.getSolver().solve(new org.hipparchus.linear.ArrayRealVector(r)).toArray();
                double quad = 0;
                for (int a = 0; a < o.length; a++) {
                    quad += r[a] * z[a];
                }
                sum += m.weights()[j] * Math.exp(-0.5 * (o.length * Math.log(2 * Math.PI) + Math.log(c.getDeterminant()) + quad));
            }
            total += Math.log(sum);
        }
        return total;
    }

    private static void assertClose(double actual, double oracle) {
        assertThat(actual).isCloseTo(oracle, org.assertj.core.api.Assertions.within(1e-9 * oracle));
    }
}
