package org.mlem.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mlem.data.DataMatrix;
import org.mlem.dist.Families;
import org.mlem.dist.UnivariateFamily;
import org.mlem.em.EmOptions;
import org.mlem.mixture.ColumnModel;
import org.mlem.mixture.ProductMixture;
import org.mlem.survival.CensoredSample;

/**
 * {@link CensoredMixtureFamily}. Property: censoring nothing is {@link ProductFamily}'s selection of
 * the same family on the one column, bit for bit (every candidate's seed, log-likelihood, BIC and
 * ICL; weighted rows, both passes of the rank-stopping selection); posteriors of censored rows sum
 * to 1 (1e-12).
 */
class CensoredMixtureFamilyTest {
    @Test
    void censoringNothingIsTheProductFamilysSelectionBitForBit() {
        double[] x = new double[90];
        double[] w = new double[90];
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < x.length; i++) {
            x[i] = i % 3 == 0 ? 0.5 + rng.nextDouble() : 3 + 2 * rng.nextDouble();
            w[i] = 1 + i % 2;
        }
        UnivariateFamily weibull = Families.byName("weibull");
        EmOptions em = EmOptions.DEFAULTS.withRestarts(1);
        SelectionResult<ProductMixture> censored = new ModelSelection<>(new CensoredMixtureFamily(em, "t"), 1, 2,
                List.of(weibull), 1, Criterion.BIC).run(CensoredSample.exact(x, w), 9);
        ProductFamily.Layout layout = new ProductFamily.Layout("weibull", List.of(new ColumnModel.Univariate(0, weibull)));
        SelectionResult<ProductMixture> plain = new ModelSelection<>(new ProductFamily(em), 1, 2, List.of(layout), 1,
                Criterion.BIC).run(DataMatrix.of(x, x.length, 1, List.of("t")).withWeights(w), 9);
        assertThat(censored.candidates()).hasSameSizeAs(plain.candidates());
        for (int c = 0; c < plain.candidates().size(); c++) {
            Candidate<ProductMixture> a = censored.candidates().get(c);
            Candidate<ProductMixture> b = plain.candidates().get(c);
            assertThat(a.seed()).isEqualTo(b.seed());
            assertThat(Double.doubleToLongBits(a.logLikelihood())).as("k=" + b.k())
                    .isEqualTo(Double.doubleToLongBits(b.logLikelihood()));
            assertThat(a.bic()).isEqualTo(b.bic());
            assertThat(a.icl()).isEqualTo(b.icl());
            assertThat(a.stopped()).isEqualTo(b.stopped());
        }
        assertThat(censored.bestIndex()).isEqualTo(plain.bestIndex());

        double[] lo = x.clone();
        double[] hi = x.clone();
        for (int i = 0; i < x.length; i += 4) {
            hi[i] = Double.POSITIVE_INFINITY;
        }
        CensoredSample rows = new CensoredSample(lo, hi, w);
        ProductMixture model = censored.candidates().stream().filter(c -> c.k() == 2).findFirst().orElseThrow().model();
        for (double[] row : new CensoredMixtureFamily(em, "t").posterior(model, rows)) {
            assertThat(row[0] + row[1]).isCloseTo(1, within(1e-12));
        }
    }
}
