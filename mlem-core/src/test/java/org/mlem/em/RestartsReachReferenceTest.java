package org.mlem.em;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlem.data.DataMatrix;
import org.mlem.gmm.GaussianMixtureEstimator;
import org.mlem.hmm.EmissionSpec;
import org.mlem.hmm.HiddenMarkovEstimator;
import org.mlem.hmm.SequenceData;
import org.mlem.testkit.Fixtures;

/**
 * Ten starts reach the best maximum that hundreds of random starts of an independent
 * implementation reach, on small real problems with several local maxima.
 *
 * <p>Oracle: {@code fixtures/restarts/reference.json} from {@code tools/reference/restarts_reference.py}
 * (a batched numpy Baum–Welch from 300 random starts; scikit-learn's GaussianMixture from 180),
 * on R's data sets exported by {@code export_series.R}. Tolerance: the fit's log-likelihood is at
 * least the reference's best minus {@link Optima#sameOptimum} (max(1e-4, 1e-7·|ℓ|)), the distance
 * within which two starts count as one optimum; both sides run to a relative change near 1e-10.
 * Each case is fitted from two seeds. The reference value is the best maximum whose smallest state
 * or component holds more than two rows' weight ({@code bestNonDegenerate}): a higher spike on a
 * point or two is a degenerate solution, which selection is not to choose, so reaching it is not
 * asked (reaching it is allowed: the assertion is a lower bound).
 */
class RestartsReachReferenceTest {

    static final int STARTS = 10;
    static final long[] SEEDS = {0, 1};

    static List<JsonNode> cases() {
        List<JsonNode> out = new ArrayList<>();
        Fixtures.json("restarts/reference.json").get("cases").forEach(out::add);
        return out;
    }

    private static EmOptions tight(EmOptions base) {
        return base.withRestarts(STARTS).withTolerance(1e-10).withMaxIterations(5000);
    }

    static double fit(JsonNode c, int restarts, long seed) {
        DataMatrix x = Fixtures.csv("restarts/" + c.get("data").asText());
        int k = c.get("k").asInt();
        if (c.get("model").asText().equals("hmm")) {
            HiddenMarkovEstimator est = HiddenMarkovEstimator.of(k, EmissionSpec.byName(c.get("emission").asText(), null));
            return est.withEm(tight(est.em()).withRestarts(restarts)).fit(SequenceData.single(x), seed).logLikelihood();
        }
        GaussianMixtureEstimator est = GaussianMixtureEstimator.of(k);
        return est.withEm(tight(est.em()).withRestarts(restarts)).fit(x, seed).logLikelihood();
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("cases")
    void tenStartsReachTheReferenceBest(JsonNode c) {
        double best = c.get("bestNonDegenerate").asDouble();
        for (long seed : SEEDS) {
            assertThat(fit(c, STARTS, seed)).as("%s, seed %d", c.get("name").asText(), seed)
                    .isGreaterThanOrEqualTo(best - Optima.sameOptimum(best));
        }
    }

    /** The HMM cases whose k-means start ends on a lower maximum (measured): what the restarts are for. */
    static List<JsonNode> casesWhereOneStartMisses() {
        return cases().stream().filter(c -> Set.of("discoveries_hmm2", "lynx_log10_hmm3").contains(c.get("name").asText()))
                .toList();
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("casesWhereOneStartMisses")
    void oneStartMissesTheBest(JsonNode c) {
        double best = c.get("bestNonDegenerate").asDouble();
        assertThat(fit(c, 1, 0)).isLessThan(best - 0.01);
    }
}
