package org.mlem.tmix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.em.Acceleration;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.testkit.Mixtures;
import org.mlem.testkit.Tolerances;

/** Fixed parameter groups of a t mixture stay bit-identical through a fit; the others are still estimated. */
class TMixtureFixedTest {

    private static final DataMatrix X = Mixtures.blobs(600, 2, 3, 21);

    /** A start away from the optimum: a 2-iteration fit, with ν = 7 so that ν has somewhere to go. */
    private static TMixture start() {
        TMixture m = TMixtureEstimator.of(3).withEm(EmOptions.DEFAULTS.withMaxIterations(2)).fit(X, 2).model();
        return m.withDegreesOfFreedom(7);
    }

    /**
     * Oracle: bit equality (Double.doubleToLongBits) of each held group with the start's, for plain
     * ECM and SQUAREM; every other group moves; ECM's law (the log-likelihood never decreases,
     * slack 1e-9 relative) holds with groups held.
     */
    @Test
    void eachFixedGroupKeepsItsBitsUnderPlainEmAndSquarem() {
        TMixture start = start();
        for (TMixtureParameter group : TMixtureParameter.values()) {
            for (Acceleration acc : Acceleration.values()) {
                MixtureFit<TMixture> fit = TMixtureEstimator.of(3).withFixed(Set.of(group))
                        .withEm(EmOptions.DEFAULTS.withTolerance(0).withMaxIterations(15).withAcceleration(acc))
                        .fit(X, start);
                TMixture m = fit.model();
                for (TMixtureParameter g : TMixtureParameter.values()) {
                    if (g == group) {
                        assertThat(bits(values(m, g))).as("%s held, %s", g, acc).containsExactly(bits(values(start, g)));
                    } else {
                        assertThat(values(m, g)).as("%s free while %s held, %s", g, group, acc).isNotEqualTo(values(start, g));
                    }
                }
                double[] t = fit.trace();
                for (int i = 1; i < t.length; i++) {
                    assertThat(t[i]).isGreaterThanOrEqualTo(t[i - 1] - 1e-9 * Math.max(1, Math.abs(t[i - 1])));
                }
                // Oracle: the parameter table, (k−1) + k·d + k·d(d+1)/2 + k = 2 + 6 + 9 + 3 = 20, less the held group.
                int heldCount = switch (group) {
                    case WEIGHTS -> 2;
                    case MEANS -> 6;
                    case SCALES -> 9;
                    case DF -> 3;
                };
                assertThat(fit.nParameters()).isEqualTo(20 - heldCount);
            }
        }
    }

    /** Oracle: bit equality with every group held at once; the fit then only re-evaluates the start. */
    @Test
    void holdingEveryGroupLeavesTheStartAsItIs() {
        TMixture start = start();
        MixtureFit<TMixture> fit = TMixtureEstimator.of(3).withFixed(EnumSet.allOf(TMixtureParameter.class))
                .withEm(EmOptions.DEFAULTS.withTolerance(0).withMaxIterations(5)).fit(X, start);
        for (TMixtureParameter g : TMixtureParameter.values()) {
            assertThat(bits(values(fit.model(), g))).containsExactly(bits(values(start, g)));
        }
        assertThat(fit.nParameters()).isZero();
    }

    /**
     * Oracle: brute force. One component, location and ν held: one ECM step gives the scale
     * {@code Σ u_i (x_i − μ)(x_i − μ)ᵀ / n} with {@code u_i = (ν + d)/(ν + δ_i)}, δ_i the
     * Mahalanobis distance under the start's scale, computed here row by row; 1e-10 relative.
     */
    @Test
    void heldLocationsGiveTheWeightedScatterAboutThem() {
        double[][] mu = {{0.5, -1}};
        double[][][] sigma = {{{2, 0.3}, {0.3, 1}}};
        double nu = 5;
        TMixture start = TMixture.of(new double[] {1}, mu, sigma, new double[] {nu});
        TMixture m = new TMixtureEstimator(1, null, 0.0, EmOptions.DEFAULTS.withMaxIterations(1).withTolerance(0)
                .withAcceleration(Acceleration.NONE), EnumSet.of(TMixtureParameter.MEANS, TMixtureParameter.DF))
                .fit(X, start).model();
        double det = 2 * 1 - 0.3 * 0.3;
        double[][] inv = {{1 / det, -0.3 / det}, {-0.3 / det, 2 / det}};
        double[][] s = new double[2][2];
        int n = X.rows();
        for (int i = 0; i < n; i++) {
            double[] e = {X.get(i, 0) - mu[0][0], X.get(i, 1) - mu[0][1]};
            double delta = 0;
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 2; b++) {
                    delta += e[a] * inv[a][b] * e[b];
                }
            }
            double u = (nu + 2) / (nu + delta);
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 2; b++) {
                    s[a][b] += u * e[a] * e[b] / n;
                }
            }
        }
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                assertThat(Tolerances.relativeError(m.scale(0)[a][b], s[a][b], 1)).isLessThan(Tolerances.CLOSED_FORM);
            }
        }
        assertThat(m.mean(0)).containsExactly(mu[0]);
    }

    @Test
    void fixingWithoutAGivenStartIsAUserError() {
        TMixtureEstimator e = TMixtureEstimator.of(2).withFixed(Set.of(TMixtureParameter.WEIGHTS));
        assertThatThrownBy(() -> e.fit(X, 0L)).isInstanceOf(MlemUserException.class)
                .hasMessageContaining("[WEIGHTS] fixed needs their values").hasMessageContaining("--init FILE.json");
    }

    private static double[] values(TMixture m, TMixtureParameter g) {
        return switch (g) {
            case WEIGHTS -> m.weights.clone();
            case MEANS -> m.means.clone();
            case SCALES -> m.scales.clone();
            case DF -> m.df.clone();
        };
    }

    private static long[] bits(double[] v) {
        long[] b = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Double.doubleToLongBits(v[i]);
        }
        return b;
    }
}
