package org.mlem.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.mlem.data.DataMatrix;
import org.mlem.em.BlockReducer;
import org.mlem.hmm.EmissionSpec;
import org.mlem.hmm.HiddenMarkovModel;
import org.mlem.hmm.HmmModel;
import org.mlem.hmm.HmmParameter;
import org.mlem.hmm.HmmStats;
import org.mlem.hmm.SequenceData;

/**
 * The whole sequences one task of mlem's {@link BlockReducer} would fold on one machine: the
 * sequences of {@link BlockReducer#GROUP} consecutive blocks ({@link SequenceData#blockStarts}),
 * in id order, each in time order. Kept in one Spark partition; its E-step is the single
 * machine's fold of those blocks, so the driver's fold of the groups in order is the same bits.
 *
 * @param index the group's place in id order
 * @param firstSequence the rank of its first sequence among all sequences
 * @param lengths its sequences' lengths
 * @param values the rows, row-major
 * @param cols values per row
 * @param fault the first row (Dataset order) whose position repeats another's in its sequence, or null
 */
record SequenceGroup(int index, int firstSequence, int[] lengths, double[] values, int cols, RowCheck.Fault fault)
        implements Serializable {

    /** One group's E-step: its statistics and log-likelihood. */
    record Stats(int index, HmmStats stats, double logLikelihood) implements Serializable {}

    /** The group's rows as sequences. */
    SequenceData data() {
        return SequenceData.of(DataMatrix.of(values, values.length / cols, cols, null), lengths);
    }

    /** Rows in the group. */
    int rows() {
        return values.length / cols;
    }

    /** The E-step under {@code params}: the group's blocks folded in order into one statistics object. */
    Stats eStep(HiddenMarkovModel params, EmissionSpec spec, Set<HmmParameter> fixed) {
        SequenceData data = data();
        HmmModel model = new HmmModel(spec, fixed, data);
        HmmStats stats = model.emptyStats(params);
        double ll = 0;
        for (int b = 0; b < data.blockCount(); b++) {
            ll += model.accumulate(params, data.block(b), stats);
        }
        return new Stats(index, stats, ll);
    }

    /**
     * The group's sequences chosen at {@code rate} by a hash of their rank and {@code seed}
     * ({@link RowSample#uniform}), as a group of only those: the same sample for any partitioning.
     */
    SequenceGroup sample(double rate, long seed) {
        if (rate >= 1) {
            return this;
        }
        List<Integer> kept = new ArrayList<>();
        double[] x = new double[values.length];
        int n = 0;
        int at = 0;
        for (int s = 0; s < lengths.length; s++) {
            if (RowSample.uniform(seed, firstSequence + s) < rate) {
                kept.add(lengths[s]);
                System.arraycopy(values, at * cols, x, n * cols, lengths[s] * cols);
                n += lengths[s];
            }
            at += lengths[s];
        }
        return new SequenceGroup(index, firstSequence, kept.stream().mapToInt(Integer::intValue).toArray(),
                Arrays.copyOf(x, n * cols), cols, fault);
    }

    /**
     * The group of {@code steps}, which hold every row of its sequences: sorted by id, then order
     * (ties by row number), and cut into sequences.
     *
     * @param orderCol the order column (a repeated position in a sequence is then a fault), or null
     */
    static SequenceGroup of(int index, int firstSequence, List<SequenceStep> steps, String orderCol) {
        steps.sort(SequenceStep.ORDER);
        int cols = steps.isEmpty() ? 1 : steps.get(0).x().length;
        double[] x = new double[steps.size() * cols];
        List<Integer> lengths = new ArrayList<>();
        RowCheck.Fault fault = null;
        for (int i = 0; i < steps.size(); i++) {
            SequenceStep step = steps.get(i);
            System.arraycopy(step.x(), 0, x, i * cols, cols);
            SequenceStep before = i == 0 ? null : steps.get(i - 1);
            if (before != null && before.id().equals(step.id())) {
                lengths.set(lengths.size() - 1, lengths.get(lengths.size() - 1) + 1);
                if (orderCol != null && before.order() == step.order() && (fault == null || step.row() < fault.row())) {
                    fault = new RowCheck.Fault(Math.max(step.row(), before.row()), ", column '" + orderCol + "' repeats position "
                            + step.order() + " of sequence '" + step.id() + "' (row " + (Math.min(step.row(), before.row()) + 1)
                            + " has it too); give each step of a sequence its own position");
                }
            } else {
                lengths.add(1);
            }
        }
        return new SequenceGroup(index, firstSequence, lengths.stream().mapToInt(Integer::intValue).toArray(), x, cols,
                fault);
    }
}
