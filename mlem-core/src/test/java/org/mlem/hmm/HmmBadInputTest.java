package org.mlem.hmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.dist.Families;
import org.mlem.em.EmOptions;
import org.mlem.gmm.CovarianceStructure;

/** Mistakes in the data or the setup are {@link MlemUserException}s that name the row and the fix. */
class HmmBadInputTest {

    private static DataMatrix column(double... v) {
        return DataMatrix.of(v, v.length, 1, null);
    }

    private static HiddenMarkovEstimator gaussian(int k) {
        return HiddenMarkovEstimator.of(k, EmissionSpec.gaussian(CovarianceStructure.DIAG));
    }

    @Test
    void sequenceIdThatReappearsNamesTheRow() {
        String[] ids = {"a", "a", "b", "b", "a", "c"};
        assertThatThrownBy(() -> SequenceData.fromIds(column(1, 2, 3, 4, 5, 6), ids))
                .isInstanceOf(MlemUserException.class)
                .hasMessageContaining("row 5")
                .hasMessageContaining("'a' reappears after sequence 'b'")
                .hasMessageContaining("contiguous");
        SequenceData ok = SequenceData.fromIds(column(1, 2, 3, 4, 5, 6), new String[] {"a", "a", "b", "b", "b", "c"});
        assertThat(ok.lengths()).containsExactly(2, 3, 1);
    }

    @Test
    void knownStateOutsideTheStates() {
        int[] known = {-1, -1, 3, -1, -1, -1};
        SequenceData data = SequenceData.single(column(1, 2, 3, 4, 5, 6)).withKnownStates(known);
        assertThatThrownBy(() -> gaussian(3).fit(data, 0)).isInstanceOf(MlemUserException.class)
                .hasMessageContaining("row 3").hasMessageContaining("known state 3").hasMessageContaining("0..2");
        assertThatThrownBy(() -> SequenceData.single(column(1, 2)).withKnownStates(new int[] {0, -2}))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("row 2");
    }

    @Test
    void allMissingRowNamesTheRow() {
        double nan = Double.NaN;
        DataMatrix x = DataMatrix.of(new double[] {1, 2, 3, 4, 5, 6, nan, nan, 9, 10}, 5, 2, null);
        assertThatThrownBy(() -> gaussian(2).fit(SequenceData.single(x), 0)).isInstanceOf(MlemUserException.class)
                .hasMessageContaining("row 4 has no observed value");
        DataMatrix partly = DataMatrix.of(new double[] {1, 2, 3, nan, 5, 6, 7, 8}, 4, 2, null);
        assertThatThrownBy(() -> gaussian(2).fit(SequenceData.single(partly), 0)).isInstanceOf(MlemUserException.class)
                .hasMessageContaining("row 2, column 'x2' is missing");
    }

    @Test
    void valuesOutsideTheEmissionsSupport() {
        assertThatThrownBy(() -> HiddenMarkovEstimator.of(2, EmissionSpec.categorical())
                .fit(SequenceData.single(column(0, 1, 1.5, 2)), 0))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("row 3").hasMessageContaining("category code");
        assertThatThrownBy(() -> HiddenMarkovEstimator.of(2, EmissionSpec.family(Families.poisson()))
                .fit(SequenceData.single(column(0, 3, -1, 2)), 0))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("row 3");
        assertThatThrownBy(() -> HiddenMarkovEstimator.of(2, EmissionSpec.categorical())
                .fit(SequenceData.single(DataMatrix.of(new double[] {0, 1, 1, 0}, 2, 2, null)), 0))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("one column");
    }

    @Test
    void impossibleSetups() {
        SplittableRandom rng = new SplittableRandom(1);
        HiddenMarkovModel two = Hmms.model(Hmms.gaussian(2, 1, CovarianceStructure.DIAG, rng), rng, 0.5);
        assertThatThrownBy(() -> new HiddenMarkovEstimator(2, two.emissions().spec(), EmOptions.DEFAULTS,
                HmmInit.DEFAULT, Set.of(HmmParameter.TRANSITIONS)))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("starting model");
        SequenceData data = SequenceData.single(column(1, 2, 3, 4, 5, 6));
        assertThatThrownBy(() -> gaussian(3).withInit(new HmmInit.Given(two)).fit(data, 0))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("2 states");
        assertThatThrownBy(() -> SequenceData.of(column(1, 2, 3), new int[] {1, 1}))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("sum to 2");
        assertThatThrownBy(() -> HiddenMarkovModel.of(new double[] {0.5, 0.6}, new double[][] {{1, 0}, {0, 1}},
                two.emissions())).isInstanceOf(MlemUserException.class).hasMessageContaining("sum to");
        assertThatThrownBy(() -> EmissionSpec.byName("gaussian", "tied"))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("full or diag");
        assertThatThrownBy(() -> EmissionSpec.byName("nosuch", null)).isInstanceOf(MlemUserException.class);
    }

    /** A known state the fixed transitions cannot reach makes the sequence impossible: said, not NaN. */
    @Test
    void impossibleSequenceIsReported() {
        HiddenMarkovModel stuck = HiddenMarkovModel.of(new double[] {1, 0}, new double[][] {{1, 0}, {0, 1}},
                GaussianEmission.diagonal(new double[][] {{0}, {5}}, new double[][] {{1}, {1}}));
        SequenceData data = SequenceData.single(column(0, 1, 5, 6)).withKnownStates(new int[] {-1, -1, 1, -1});
        assertThatThrownBy(() -> stuck.posteriors(data)).isInstanceOf(MlemUserException.class)
                .hasMessageContaining("sequence 1 (rows 1-4) has probability 0");
        assertThat(stuck.logLikelihood(data)).isEqualTo(Double.NEGATIVE_INFINITY);
    }
}
