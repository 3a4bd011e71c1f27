package org.mlem.regmix;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mlem.em.DegenerateComponent;

/**
 * The components of a fitted mixture of regressions that the data do not support, by the rules the
 * Gaussian mixture's {@code org.mlem.gmm.Degeneracy} applies, with a regression's parameters:
 *
 * <ul>
 *   <li>{@link DegenerateComponent#FEW_POINTS}: it holds fewer rows than its parameters, {@code
 *       n_j = Σ_i w_i τ_ij < p + s − }{@value #LEAK} (p coefficients, s = 1 for the gaussian's sd,
 *       else 0): its GLM is fitted to fewer points than it has coefficients.</li>
 *   <li>{@link DegenerateComponent#SPIKE} (gaussian): its variance is less than {@value #SPIKE_RATIO}
 *       of the response's while it holds at most twice the rows its parameters need: a few rows fitted
 *       almost exactly, their likelihood a spike. A sd that collapses outright (below 1e-8 of the
 *       response's) already fails the start.</li>
 * </ul>
 */
final class RegmixDegeneracy {
    private RegmixDegeneracy() {}

    /** Posterior mass a component may lack of the rows it needs (leakage to the other components). */
    static final double LEAK = 1e-3;

    /** A gaussian component this much narrower (in variance) than the response, on few rows, is a spike. */
    static final double SPIKE_RATIO = 1e-4;

    /**
     * @param resp the n×k responsibilities of {@code data}'s rows under {@code m}, row-major
     * @param responseSd the response's weighted standard deviation
     */
    static List<DegenerateComponent> of(RegressionMixture m, RegmixData data, double[] resp, double responseSd) {
        int k = m.components();
        double[] counts = new double[k];
        for (int i = 0; i < data.n; i++) {
            for (int j = 0; j < k; j++) {
                counts[j] += data.rowWeights[i] * resp[i * k + j];
            }
        }
        return of(m, counts, data.p, responseSd);
    }

    /**
     * As {@link #of(RegressionMixture, RegmixData, double[], double)} from each component's posterior
     * mass {@code counts} ({@code Σ_i w_i τ_ij}) and the {@code p} coefficients of a component.
     */
    static List<DegenerateComponent> of(RegressionMixture m, double[] counts, int p, double responseSd) {
        int k = m.components();
        int needs = p + (m.hasSd() ? 1 : 0);
        List<DegenerateComponent> out = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            double variance = m.hasSd() ? m.sd(j) * m.sd(j) : Double.NaN;
            List<String> reasons = new ArrayList<>();
            List<String> why = new ArrayList<>();
            if (counts[j] < needs - LEAK) {
                reasons.add(DegenerateComponent.FEW_POINTS);
                why.add(String.format(Locale.ROOT, "it holds n_k = %.4g rows, fewer than the %d its parameters need",
                        counts[j], needs));
            }
            double ratio = variance / (responseSd * responseSd);
            if (m.hasSd() && ratio < SPIKE_RATIO && counts[j] <= 2 * needs) {
                reasons.add(DegenerateComponent.SPIKE);
                why.add(String.format(Locale.ROOT, "its variance is %.3g times smaller than the response's", 1 / ratio));
            }
            if (!reasons.isEmpty()) {
                out.add(new DegenerateComponent(j, reasons, counts[j], variance, String.join("; ", why)));
            }
        }
        return out;
    }
}
