package org.mlem.concomitant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.mlem.data.DataMatrix;
import org.mlem.formula.Frame;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.GaussianMixture;
import org.mlem.gmm.GaussianMixtureEstimator;
import org.mlem.gmm.GmmComponents;

/**
 * Law: the thread count changes no bit of a concomitant fit (responsibilities placed by row, the
 * M-steps sequential). Rows repeated past one block (2048 rows) so that blocks run in parallel.
 */
class ThreadsTest {
    @Test
    void oneAndTwoThreadsGiveTheSameBits() {
        JsonNode c = Cases.named("quakes_gmm");
        Frame f = Cases.frame(c.get("data").asText());
        DataMatrix one = Cases.matrix(c, f);
        int n = one.rows() * 5;
        double[] x = new double[n * 2];
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i % one.rows();
            x[i * 2] = one.get(rows[i], 0) + 1e-3 * (i / one.rows());
            x[i * 2 + 1] = one.get(rows[i], 1);
        }
        DataMatrix data = DataMatrix.of(x, n, 2, one.columns());
        ConcomitantDesign design = ConcomitantDesign.build("~ depth", f, rows, null);
        GaussianMixtureEstimator e = GaussianMixtureEstimator.of(2).withCovariance(CovarianceStructure.FULL).withRegCovar(0);
        double[] resp = new double[n * 2];
        for (int i = 0; i < n; i++) {
            resp[i * 2 + (int) f.numeric("init")[rows[i]] - 1] = 1;
        }
        ConcomitantFit<GaussianMixture> a = ConcomitantEm.fromPosteriors(new GmmComponents(e, data), design, null, null,
                resp, Cases.em(c).withThreads(1).withMaxIterations(30));
        ConcomitantFit<GaussianMixture> b = ConcomitantEm.fromPosteriors(new GmmComponents(e, data), design, null, null,
                resp, Cases.em(c).withThreads(2).withMaxIterations(30));
        assertThat(b.trace()).isEqualTo(a.trace());
        assertThat(b.model().gating().coefficients()).isDeepEqualTo(a.model().gating().coefficients());
        assertThat(b.model().components().means()).isDeepEqualTo(a.model().components().means());
    }
}
