package org.mlem.gmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;

import org.junit.jupiter.api.Test;

/**
 * A scatter matrix whose eigen-decomposition does not converge is the component's collapse, not an
 * internal error. The matrix is the one `mlem fit gmmda --class species examples/iris.csv` met in a
 * VEV candidate of four components on one class's 50 rows: a direction of zero spread, with entries
 * near 1e-160 beside 0.02 (Hipparchus's QL iteration gives up on it).
 */
class MclustStepsCollapseTest {
    private static final double[] SCATTER = {
        0.019999971725971052, 1.2790647945055914E-160, -0.029999957588956534, -0.019999971725971052,
        1.2790647945055914E-160, 5.116262711553901E-160, -3.1976509439778256E-161, 8.833828882060035E-167,
        -0.029999957588956534, -3.1976509439778256E-161, 0.044999936383434726, 0.029999957588956534,
        -0.019999971725971052, 8.833828882060035E-167, 0.029999957588956534, 0.019999971725971052};

    @Test
    void anUndecomposableScatterIsTheComponentsCollapse() {
        assertThatThrownBy(() -> MclustSteps.vev(new double[] {2}, SCATTER.clone(), 1, 4))
                .isInstanceOf(NotPositiveDefiniteException.class).hasMessageContaining("component 0");
    }

    @Test
    void aNonFiniteScatterIsTheComponentsCollapse() {
        double[] w = SCATTER.clone();
        w[5] = Double.NaN;
        assertThatThrownBy(() -> MclustSteps.evv(new double[] {2}, w, 1, 4))
                .isInstanceOf(NotPositiveDefiniteException.class).hasMessageContaining("component 0");
    }

    /*
     * A VVE M-step of `mlem select gmm --covariance all --k 1..9 examples/iris.csv` (k = 8, one of
     * the runs from a chosen start; JDK 25 launcher), captured by a debug print: the posterior
     * counts n_j, the scatters W_j (k×4×4) and the previous model's first covariance, whose
     * eigenvectors start D. Component 6 holds 3.9967 rows, so W_6 is singular to rounding.
     */
    private static final double[] IRIS_NK = {
        41.81853764189498, 11.218873616179605,
        5.6576489835035915, 10.470473163239733,
        6.635464566141717, 42.0533402113617,
        3.996711726540662, 28.148950091138033};
    private static final double[] IRIS_W = {
        8.802245987181886, 2.386371630195928, 4.450566916688116, 1.3958403147856266,
        2.386371630195928, 3.096145113890491, 2.575046713962541, 1.5993868560160036,
        4.450566916688116, 2.575046713962541, 5.287749640358166, 2.2007480207417176,
        1.3958403147856266, 1.5993868560160036, 2.2007480207417176, 1.5744321436342648,
        0.48410766261930466, 0.22484961112853433, -0.08514953963368409, 0.03180408758467076,
        0.22484961112853433, 0.9166200720643498, -0.058836653395781174, 0.021103931220041016,
        -0.08514953963368409, -0.058836653395781174, 0.26785899500722804, 0.04061004171816758,
        0.03180408758467076, 0.021103931220041016, 0.04061004171816758, 0.1238479101481664,
        0.4161163008530625, 0.28108347055663035, 0.3107063482653967, 0.1892104040649765,
        0.28108347055663035, 0.4230646749613036, 0.020221713785180232, 0.1399611688656793,
        0.3107063482653967, 0.020221713785180232, 0.5123858074357173, 0.13356577691392235,
        0.1892104040649765, 0.1399611688656793, 0.13356577691392235, 0.09567500577973896,
        1.1836165569915833, 0.7101849695946765, 1.0084013755496233, 0.4949766095709315,
        0.7101849695946765, 1.647095524782467, 0.23591416703581378, 0.11020760045034454,
        1.0084013755496233, 0.23591416703581378, 1.4389014307634653, 0.589283878890325,
        0.4949766095709315, 0.11020760045034454, 0.589283878890325, 0.4609082097066305,
        0.17563990935541013, 0.14233607265026904, 0.15989195613385973, 0.02305733466490858,
        0.14233607265026904, 0.1427721805482274, 0.10170471547961434, 0.010142083129310885,
        0.15989195613385973, 0.10170471547961434, 0.1765882563311121, 0.030476953669801472,
        0.02305733466490858, 0.010142083129310885, 0.030476953669801472, 0.008477154455982116,
        9.04062719914083, 3.62771556418882, 5.475895360232544, 2.7343696754259095,
        3.62771556418882, 4.249016148678264, 3.750573517616485, 3.01806203728605,
        5.475895360232544, 3.750573517616485, 6.99116033993022, 3.1917520391249488,
        2.7343696754259095, 3.01806203728605, 3.1917520391249488, 4.043934016139909,
        0.26728456709571724, 0.2148217785460132, 0.2572993312806883, 0.062448024364733255,
        0.2148217785460132, 0.18984393875144584, 0.17485071018964393, 0.06494890815093686,
        0.2572993312806883, 0.17485071018964393, 0.30728051404248374, 0.03246743832924907,
        0.062448024364733255, 0.06494890815093686, 0.03246743832924907, 0.02747970224928066,
        1.0939690169304706, 1.0276557049414479, 0.4048588208769605, 0.11523518580596215,
        1.0276557049414479, 2.6890626257747594, 0.1209896717784279, 0.11631168613022652,
        0.4048588208769605, 0.1209896717784279, 0.5911429295329848, 0.1495209632717798,
        0.11523518580596215, 0.11631168613022652, 0.1495209632717798, 0.35040064732085363};
    private static final double[] IRIS_PREVIOUS = {
        0.17988346676396713, 0.06074572571485764, 0.09652095935946195, 0.030524010032297863,
        0.06074572571485764, 0.08788149180083675, 0.07737003748588335, 0.042228041353671295,
        0.09652095935946195, 0.07737003748588335, 0.1395298980609913, 0.06213010238271893,
        0.030524010032297863, 0.042228041353671295, 0.06213010238271893, 0.04267799553885169};

    /**
     * W_6's eigenvalues (Hipparchus' symmetric eigen-decomposition, the oracle) are 6.1e-17 beside
     * 0.71: its smallest over largest is below double's epsilon, so an axis of D on its null
     * direction makes d_mᵀ W_6 d_m zero to rounding and the M-step's objective unbounded: the
     * component collapses (mclust's rule: reciprocal condition number at most epsilon is NA). The
     * MM rounds drive that variance to zero and, by rounding, below it; before positive variances
     * were required the step from a negative variance jumped D away by 1.51 and the rounds
     * descended again, until the cap of {@link MclustSteps#NEWTON_ROUNDS} (2,000 rounds, the covariances then
     * returned as if converged; docs/benchmarks.md 2026-12-07 14:20Z).
     */
    @Test
    void aScatterSingularToRoundingIsVvesCollapseNotACycle() {
        double[][] a = new double[4][4];
        for (int r = 0; r < 4; r++) {
            System.arraycopy(IRIS_W, 6 * 16 + r * 4, a[r], 0, 4);
        }
        double[] eigenvalues = new EigenDecompositionSymmetric(new Array2DRowRealMatrix(a, false)).getEigenvalues();
        assertThat(eigenvalues[3] / eigenvalues[0]).isLessThan(Math.ulp(1.0));
        assertThatThrownBy(() -> MclustSteps.vve(IRIS_NK, IRIS_W.clone(), 8, 4, IRIS_PREVIOUS))
                .isInstanceOf(NotPositiveDefiniteException.class).hasMessageContaining("component 6");
    }
}
