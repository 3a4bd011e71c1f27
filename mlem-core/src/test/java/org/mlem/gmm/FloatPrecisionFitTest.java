package org.mlem.gmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.em.Acceleration;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.testkit.Mixtures;

/** Fits with {@link Precision#FLOAT}: the full and tied E-step's squared distances in float. */
class FloatPrecisionFitTest {

    /** Plain EM, a fixed 40 iterations (tolerance off), so both precisions take the same number of steps. */
    private static final EmOptions FORTY = EmOptions.SKLEARN
            .withMaxIterations(40).withTolerance(0).withThreads(1);

    /** Overlapping clusters, so that responsibilities are soft and the float roundoff reaches the means. */
    private static final DataMatrix BLOBS = Mixtures.blobs(20_000, 12, 3, 17);

    private static MixtureFit<GaussianMixture> fit(DataMatrix x, CovarianceStructure s, Precision p, int threads) {
        return GaussianMixtureEstimator.of(3).withCovariance(s).withEm(FORTY.withThreads(threads)).withPrecision(p)
                .fit(x, 5);
    }

    /**
     * Oracle: the double-precision fit from the same k-means++ start (20,000 rows, d = 12, k = 3,
     * 40 plain EM iterations). Float's roundoff moves each log density by about 1e-9 relative
     * (FloatKernelsTest's bound; the fits differ by 0.9e-9 to 1.3e-9 here), so the mean
     * log-likelihood must agree to 1e-6 relative and the means (which move by about 1e-13 here) to
     * 1e-9·(1 + |μ|); and it must really be float: the mean log-likelihoods differ by more than
     * 1e-13 relative.
     */
    @ParameterizedTest
    @EnumSource(value = CovarianceStructure.class, names = {"FULL", "TIED"})
    void floatFitAgreesWithTheDoubleFitToAMillionthAndIsNotIt(CovarianceStructure s) {
        DataMatrix x = BLOBS;
        MixtureFit<GaussianMixture> dbl = fit(x, s, Precision.DOUBLE, 1);
        MixtureFit<GaussianMixture> flt = fit(x, s, Precision.FLOAT, 1);
        double want = dbl.meanLogLikelihood();
        double got = flt.meanLogLikelihood();
        assertThat(got).isCloseTo(want, within(1e-6 * Math.abs(want)));
        assertThat(Math.abs(got - want)).isGreaterThan(1e-13 * Math.abs(want));
        for (int j = 0; j < 3; j++) {
            for (int a = 0; a < 12; a++) {
                double mu = dbl.model().mean(j)[a];
                assertThat(flt.model().mean(j)[a]).isCloseTo(mu, within(1e-9 * (1 + Math.abs(mu))));
            }
        }
    }

    /** Oracle: the same fit on one thread; blocks reduce in a fixed order, so the bits are equal (tolerance 0). */
    @ParameterizedTest
    @EnumSource(value = CovarianceStructure.class, names = {"FULL", "TIED"})
    void floatFitIsTheSameBitsOnOneAndTwoThreads(CovarianceStructure s) {
        DataMatrix x = BLOBS;
        MixtureFit<GaussianMixture> one = fit(x, s, Precision.FLOAT, 1);
        MixtureFit<GaussianMixture> two = fit(x, s, Precision.FLOAT, 2);
        assertSameBits(two, one);
    }

    /** Oracle: the double fit; diagonal and spherical structures have no float kernel, so the bits are equal (tolerance 0). */
    @ParameterizedTest
    @EnumSource(value = CovarianceStructure.class, names = {"DIAG", "SPHERICAL"})
    void diagonalAndSphericalIgnoreFloat(CovarianceStructure s) {
        DataMatrix x = Mixtures.wellSeparated(3, 12, s, 17).sample(5_000, 23, null).data();
        MixtureFit<GaussianMixture> dbl = fit(x, s, Precision.DOUBLE, 2);
        MixtureFit<GaussianMixture> flt = fit(x, s, Precision.FLOAT, 2);
        assertSameBits(flt, dbl);
    }

    /** The float factors are built once per mixture (per M-step) and then shared by every block. */
    @Test
    void floatFactorsAreBuiltOncePerMixture() {
        FullCovariances full = (FullCovariances) Mixtures.wellSeparated(3, 5, CovarianceStructure.FULL, 1).covariances();
        assertThat(full.floatFactors()).isSameAs(full.floatFactors());
        TiedCovariances tied = (TiedCovariances) Mixtures.wellSeparated(3, 5, CovarianceStructure.TIED, 1).covariances();
        assertThat(tied.floatFactor()).isSameAs(tied.floatFactor());
    }

    /**
     * Oracle: the model before serialization (as mlem-spark ships it). The precision survives, and
     * the deserialized mixture rebuilds its float factors: one E-step gives the same bits (tolerance 0).
     */
    @Test
    void serializedModelKeepsItsPrecision() throws IOException, ClassNotFoundException {
        GmmModel model = new GmmModel(CovarianceStructure.FULL, 1e-6, Precision.FLOAT);
        GaussianMixture m = Mixtures.wellSeparated(3, 5, CovarianceStructure.FULL, 1);
        DataMatrix x = m.sample(3_000, 2, null).data();
        GmmStats before = model.emptyStats(m);
        double llBefore = model.accumulate(m, x.block(0), before);
        GmmModel model2 = roundTrip(model);
        GaussianMixture m2 = roundTrip(m);
        assertThat(model2.precision()).isEqualTo(Precision.FLOAT);
        double llAfter = model2.accumulate(m2, x.block(0), model2.emptyStats(m2));
        assertThat(llAfter).isEqualTo(llBefore);
        double llDouble = new GmmModel(CovarianceStructure.FULL, 1e-6).accumulate(m, x.block(0), model.emptyStats(m));
        assertThat(llAfter).isNotEqualTo(llDouble);
    }

    /** Names other than float and double are a user's mistake that names the choices. */
    @Test
    void parseReadsFloatAndDoubleOnly() {
        assertThat(Precision.parse(" Float")).isEqualTo(Precision.FLOAT);
        assertThat(Precision.parse("double")).isEqualTo(Precision.DOUBLE);
        assertThatThrownBy(() -> Precision.parse("half")).isInstanceOf(MlemUserException.class)
                .hasMessageContaining("float or double");
    }

    /** The same trace, weights, means and covariances, bit for bit. */
    private static void assertSameBits(MixtureFit<GaussianMixture> got, MixtureFit<GaussianMixture> want) {
        assertThat(got.trace()).containsExactly(want.trace());
        assertThat(got.model().weights()).containsExactly(want.model().weights());
        for (int j = 0; j < want.model().components(); j++) {
            assertThat(got.model().mean(j)).containsExactly(want.model().mean(j));
            assertThat(got.model().covariances().covarianceMatrix(j))
                    .containsExactly(want.model().covariances().covarianceMatrix(j));
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }
}
