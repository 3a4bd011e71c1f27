package org.mlem.hmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mlem.data.BlockSource;
import org.mlem.data.DataMatrix;
import org.mlem.dist.Families;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.testkit.Tolerances;

/** Laws of the HMM fit: fixed groups, thread-count bit identity, known states, closed forms, counts. */
class HmmLawsTest {

    private static SequenceData gaussianData(int sequences, int length, long seed) {
        return HmmRecoveryTest.gaussianTruth().sample(HmmRecoveryTest.lengths(sequences, length), seed).sequences();
    }

    /** A group held fixed is the starting model's, bit for bit, after 30 iterations; the free groups moved. */
    @ParameterizedTest
    @EnumSource(HmmParameter.class)
    void fixedGroupsStayBitIdentical(HmmParameter group) {
        SequenceData data = gaussianData(4, 300, 8);
        HiddenMarkovModel start = Hmms.model(Hmms.gaussian(3, 2, CovarianceStructure.FULL, new SplittableRandom(1)),
                new SplittableRandom(2), 0.5);
        MixtureFit<HiddenMarkovModel> fit = new HiddenMarkovEstimator(3, start.emissions().spec(),
                new EmOptions(30, 0, 1, 1), new HmmInit.Given(start), Set.of(group)).fit(data, 0);
        HiddenMarkovModel m = fit.model();
        assertThat(Arrays.equals(m.startProbabilities(), start.startProbabilities())).isEqualTo(group == HmmParameter.START);
        assertThat(Arrays.deepEquals(m.transitionMatrix(), start.transitionMatrix())).isEqualTo(group == HmmParameter.TRANSITIONS);
        assertThat(m.emissions() == start.emissions()).isEqualTo(group == HmmParameter.EMISSIONS);
        int all = start.nParameters();
        int groupCount = switch (group) {
            case START -> 2;
            case TRANSITIONS -> 6;
            case EMISSIONS -> 3 * 2 + 3 * 3;
        };
        assertThat(fit.nParameters()).isEqualTo(all - groupCount);
    }

    /** Fixing everything but the emissions: EM still never decreases the likelihood (1e-9 relative slack). */
    @Test
    void fixedTransitionsAndStartStillMonotone() {
        SequenceData data = gaussianData(3, 200, 9);
        HiddenMarkovModel start = Hmms.model(Hmms.gaussian(3, 2, CovarianceStructure.DIAG, new SplittableRandom(3)),
                new SplittableRandom(4), 0.5);
        double[] trace = new HiddenMarkovEstimator(3, start.emissions().spec(), new EmOptions(20, 0, 1, 1),
                new HmmInit.Given(start), EnumSet.of(HmmParameter.START, HmmParameter.TRANSITIONS)).fit(data, 0).trace();
        for (int t = 1; t < trace.length; t++) {
            assertThat(trace[t]).isGreaterThanOrEqualTo(trace[t - 1] - 1e-9 * Math.max(1, Math.abs(trace[t - 1])));
        }
    }

    /** The same seed gives the same bits on 1, 2 and 3 threads (blocks of whole sequences, merged in order). */
    @Test
    void threadCountDoesNotChangeBits() {
        SequenceData data = gaussianData(60, 500, 10);
        assertThat(data.blockCount()).isGreaterThan(8); // more than two groups of four blocks
        MixtureFit<HiddenMarkovModel> one = fitOn(data, 1);
        for (int threads : new int[] {2, 3}) {
            MixtureFit<HiddenMarkovModel> other = fitOn(data, threads);
            assertThat(other.trace()).isEqualTo(one.trace());
            assertThat(other.model().startProbabilities()).isEqualTo(one.model().startProbabilities());
            assertThat(other.model().transitionMatrix()).isEqualTo(one.model().transitionMatrix());
            GaussianEmission a = (GaussianEmission) one.model().emissions();
            GaussianEmission b = (GaussianEmission) other.model().emissions();
            assertThat(b.means()).isEqualTo(a.means());
            assertThat(b.covariancesShape()).isEqualTo(a.covariancesShape());
        }
    }

    private static MixtureFit<HiddenMarkovModel> fitOn(SequenceData data, int threads) {
        return HiddenMarkovEstimator.of(3, EmissionSpec.gaussian(CovarianceStructure.FULL))
                .withEm(new EmOptions(15, 0, 1, threads)).fit(data, 12);
    }

    /** Blocks never cut a sequence, and they tile the rows in order. */
    @Test
    void blocksHoldWholeSequences() {
        int[] lengths = {1000, 1500, 3000, 10, 2047, 1};
        SequenceData data = SequenceData.of(DataMatrix.of(new double[7558], 7558, 1, null), lengths);
        int next = 0;
        for (int b = 0; b < data.blockCount(); b++) {
            var block = data.block(b);
            assertThat(block.start()).isEqualTo(next);
            int s = data.sequenceOf(block.start());
            assertThat(data.sequenceStart(s)).isEqualTo(block.start());
            next = block.start() + block.rows();
            assertThat(data.sequenceStart(data.sequenceOf(next - 1) + 1)).isEqualTo(next);
        }
        assertThat(next).isEqualTo(7558);
        assertThat(data.blockCount()).isEqualTo(4); // 1000+1500 | 3000 | 10+2047 | 1: each ≥ 2048 rows but the last
        assertThat(BlockSource.BLOCK_ROWS).isEqualTo(2048);
    }

    /**
     * Semi-supervised: known steps keep posterior exactly 1 after the fit, and the known states
     * name the fitted states (state 0 is the one labelled 0), whatever the start.
     */
    @Test
    void knownStatesAreHonouredAndAnchorTheLabels() {
        HiddenMarkovModel truth = HmmRecoveryTest.gaussianTruth();
        HiddenMarkovModel.Sample sample = truth.sample(HmmRecoveryTest.lengths(6, 400), 13);
        int[] states = sample.states();
        int[] known = new int[states.length];
        Arrays.fill(known, -1);
        for (int i = 0; i < known.length; i += 50) {
            known[i] = states[i];
        }
        SequenceData data = sample.sequences().withKnownStates(known);
        for (int seed = 0; seed < 3; seed++) {
            HiddenMarkovModel m = HiddenMarkovEstimator.of(3, truth.emissions().spec())
                    .withInit(new HmmInit.Random()).fit(data, seed).model();
            double[][] post = m.posteriors(data);
            int[] path = m.viterbi(data).states();
            for (int i = 0; i < known.length; i += 50) {
                assertThat(post[i][known[i]]).isEqualTo(1.0);
                assertThat(path[i]).isEqualTo(known[i]);
            }
            GaussianEmission fe = (GaussianEmission) m.emissions();
            GaussianEmission te = (GaussianEmission) truth.emissions();
            for (int j = 0; j < 3; j++) {
                for (int a = 0; a < 2; a++) {
                    assertThat(Tolerances.relativeError(fe.means()[j][a], te.means()[j][a], 1.0))
                            .as("seed %d state %d", seed, j).isLessThan(Tolerances.RECOVERY);
                }
            }
        }
    }

    /**
     * Every state known: Baum–Welch's first M-step is the closed-form MLE — start = share of
     * sequences starting in each state, transitions = counted transitions per row, means = state
     * means (oracle: counting here; 1e-10), and the fit stops at that point.
     */
    @Test
    void allStatesKnownGivesTheCountingEstimate() {
        HiddenMarkovModel.Sample sample = HmmRecoveryTest.gaussianTruth().sample(new int[] {50, 80, 30, 40}, 14);
        int[] z = sample.states();
        SequenceData data = sample.sequences().withKnownStates(z);
        MixtureFit<HiddenMarkovModel> fit = HiddenMarkovEstimator.of(3, EmissionSpec.gaussian(CovarianceStructure.DIAG))
                .fit(data, 0);
        double[] start = new double[3];
        double[][] counts = new double[3][3];
        double[][] sums = new double[3][2];
        double[] n = new double[3];
        for (int s = 0; s < data.sequences(); s++) {
            start[z[data.sequenceStart(s)]] += 1.0 / data.sequences();
            for (int t = data.sequenceStart(s); t < data.sequenceStart(s + 1); t++) {
                if (t > data.sequenceStart(s)) {
                    counts[z[t - 1]][z[t]]++;
                }
                n[z[t]]++;
                sums[z[t]][0] += data.matrix().get(t, 0);
                sums[z[t]][1] += data.matrix().get(t, 1);
            }
        }
        HiddenMarkovModel m = fit.model();
        GaussianEmission e = (GaussianEmission) m.emissions();
        for (int i = 0; i < 3; i++) {
            assertThat(m.startProbabilities()[i]).isCloseTo(start[i], within(Tolerances.CLOSED_FORM));
            double row = Arrays.stream(counts[i]).sum();
            for (int j = 0; j < 3; j++) {
                assertThat(m.transitionMatrix()[i][j]).isCloseTo(counts[i][j] / row, within(Tolerances.CLOSED_FORM));
            }
            for (int a = 0; a < 2; a++) {
                assertThat(e.means()[i][a]).isCloseTo(sums[i][a] / n[i], within(Tolerances.CLOSED_FORM));
            }
        }
        // E-step at the start, then at the MLE, then the same three times more: the default rule wants
        // three steps at rounding level in a row, so it stops after five
        assertThat(fit.converged()).isTrue();
        assertThat(fit.iterations()).isEqualTo(5);
    }

    /** Free parameters: (K−1) + K(K−1) + emissions, counted by hand for each kind. */
    @Test
    void parameterCounts() {
        SplittableRandom rng = new SplittableRandom(1);
        assertThat(Hmms.model(Hmms.gaussian(3, 2, CovarianceStructure.FULL, rng), rng, 0).nParameters()).isEqualTo(2 + 6 + 6 + 9);
        assertThat(Hmms.model(Hmms.gaussian(3, 2, CovarianceStructure.DIAG, rng), rng, 0).nParameters()).isEqualTo(2 + 6 + 6 + 6);
        assertThat(Hmms.model(CategoricalEmission.of(new double[][] {{0.5, 0.5, 0, 0}, {0.25, 0.25, 0.25, 0.25}}), rng, 0)
                .nParameters()).isEqualTo(1 + 2 + 6);
        assertThat(Hmms.model(FamilyEmission.of(Families.poisson(), new double[][] {{1}, {2}}), rng, 0).nParameters())
                .isEqualTo(1 + 2 + 2);
        assertThat(Hmms.model(FamilyEmission.of(Families.gamma(), new double[][] {{1, 1}, {2, 1}}), rng, 0).nParameters())
                .isEqualTo(1 + 2 + 4);
    }

    /** Sampling is reproducible from the seed, and the states it reports generated the rows (a Bernoulli with p 0 or 1 per state). */
    @Test
    void sampleIsSeededAndStatesGenerateTheRows() {
        HiddenMarkovModel m = HiddenMarkovModel.of(new double[] {0.5, 0.5}, new double[][] {{0.7, 0.3}, {0.4, 0.6}},
                FamilyEmission.of(Families.bernoulli(), new double[][] {{0.0}, {1.0}}));
        HiddenMarkovModel.Sample a = m.sample(new int[] {30, 20}, 99);
        HiddenMarkovModel.Sample b = m.sample(new int[] {30, 20}, 99);
        assertThat(a.sequences().matrix().values()).isEqualTo(b.sequences().matrix().values());
        assertThat(a.states()).isEqualTo(b.states());
        for (int i = 0; i < 50; i++) {
            assertThat(a.sequences().matrix().get(i, 0)).isEqualTo(a.states()[i]);
        }
        assertThat(a.sequences().lengths()).containsExactly(30, 20);
    }

    /** The dist-family adapter also gives the same bits on 1 and 2 threads (values kept in block order). */
    @Test
    void familyEmissionsThreadIndependent() {
        HiddenMarkovModel truth = HiddenMarkovModel.of(new double[] {0.5, 0.5}, new double[][] {{0.9, 0.1}, {0.2, 0.8}},
                FamilyEmission.of(Families.poisson(), new double[][] {{1}, {6}}));
        int[] lengths = new int[30];
        Arrays.fill(lengths, 700);
        SequenceData data = truth.sample(lengths, 3).sequences();
        MixtureFit<HiddenMarkovModel> a = HiddenMarkovEstimator.of(2, truth.emissions().spec())
                .withEm(new EmOptions(10, 0, 1, 1)).fit(data, 4);
        MixtureFit<HiddenMarkovModel> b = HiddenMarkovEstimator.of(2, truth.emissions().spec())
                .withEm(new EmOptions(10, 0, 1, 2)).fit(data, 4);
        assertThat(b.trace()).isEqualTo(a.trace());
        assertThat(ReferenceAgreementTest.flatten("poisson", b.model()))
                .isEqualTo(ReferenceAgreementTest.flatten("poisson", a.model()));
    }
}
