package org.mlem.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.mlem.data.DataMatrix;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.formula.Frame;
import org.mlem.hmm.HiddenMarkovEstimator;
import org.mlem.hmm.HiddenMarkovModel;
import org.mlem.hmm.HmmInit;
import org.mlem.hmm.HmmParameter;
import org.mlem.hmm.SequenceData;
import org.mlem.io.HmmJson;
import org.mlem.uncertainty.HeldParameters;
import org.mlem.uncertainty.HmmInformation;
import org.mlem.uncertainty.HmmUncertainty;
import org.mlem.uncertainty.ObservedInformation;

/** Hidden Markov models as an {@link EmKind}: the units are sequences, each weighted or repeated whole. */
final class HmmEmKind implements EmKind<SequenceData, HiddenMarkovModel> {
    /** The length of each sequence {@link #draw} draws. */
    static final int DRAWN_LENGTH = 50;

    private static final List<String> FIELDS = List.of("startProbabilities", "transitionMatrix", "emissions");

    @Override
    public String name() {
        return "hmm";
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.WEIGHTS, Capability.LABELS, Capability.FIXED, Capability.ACCELERATION,
                Capability.MISSING, Capability.LOUIS);
    }

    @Override
    public HiddenMarkovModel model(FittedModel file) {
        return ((FittedHmm) file).file().model();
    }

    @Override
    public SequenceData data(FittedModel file, Frame rows) {
        RowInput.Sequences in = (RowInput.Sequences) file.input();
        return SequenceData.single(Rows.matrix(rows, in.named()));
    }

    @Override
    public Draw<SequenceData> draw(HiddenMarkovModel model, SequenceData like, int units, long seed) {
        int[] lengths = new int[units];
        Arrays.fill(lengths, DRAWN_LENGTH);
        HiddenMarkovModel.Sample s = model.sample(lengths, seed);
        DataMatrix x = s.sequences().matrix();
        DataMatrix named = DataMatrix.of(x.values(), x.rows(), x.cols(), like.matrix().columns());
        return new Draw<>(SequenceData.of(named, lengths), s.states());
    }

    @Override
    public EmOptions defaults() {
        return HiddenMarkovEstimator.DEFAULT_EM;
    }

    @Override
    public MixtureFit<HiddenMarkovModel> fit(SequenceData data, HiddenMarkovModel start, EmOptions em, Set<String> fixed,
            boolean missingEm) {
        Set<HmmParameter> held = EnumSet.noneOf(HmmParameter.class);
        fixed.forEach(g -> held.add(HmmParameter.valueOf(g.toUpperCase(Locale.ROOT))));
        return HiddenMarkovEstimator.of(start.states(), start.emissions().spec()).withInit(new HmmInit.Given(start))
                .withEm(em).withFixed(held).withMissingEm(missingEm).fit(data, 0);
    }

    @Override
    public MixtureFit<HiddenMarkovModel> fit(SequenceData data, HiddenMarkovModel like, EmOptions em, long seed) {
        return HiddenMarkovEstimator.of(like.states(), like.emissions().spec()).withEm(em).fit(data, seed);
    }

    @Override
    public int classes(HiddenMarkovModel model) {
        return model.states();
    }

    @Override
    public int units(SequenceData data) {
        return data.sequences();
    }

    @Override
    public SequenceData weighted(SequenceData data, double[] w) {
        double[] rows = new double[data.rows()];
        for (int s = 0; s < data.sequences(); s++) {
            Arrays.fill(rows, data.sequenceStart(s), data.sequenceStart(s) + data.length(s), w[s]);
        }
        return SequenceData.of(data.matrix().withWeights(rows), data.lengths());
    }

    @Override
    public SequenceData repeated(SequenceData data, int[] counts) {
        List<Integer> lengths = new ArrayList<>();
        List<Integer> sourceRows = new ArrayList<>();
        for (int s = 0; s < data.sequences(); s++) {
            for (int c = 0; c < counts[s]; c++) {
                lengths.add(data.length(s));
                for (int i = data.sequenceStart(s); i < data.sequenceStart(s) + data.length(s); i++) {
                    sourceRows.add(i);
                }
            }
        }
        DataMatrix m = data.matrix();
        int d = data.cols();
        double[] values = new double[sourceRows.size() * d];
        int[] labels = m.hasLabels() ? new int[sourceRows.size()] : null;
        for (int at = 0; at < sourceRows.size(); at++) {
            int i = sourceRows.get(at);
            System.arraycopy(m.values(), i * d, values, at * d, d);
            if (labels != null) {
                labels[at] = m.label(i);
            }
        }
        DataMatrix out = DataMatrix.of(values, sourceRows.size(), d, m.columns());
        return SequenceData.of(labels == null ? out : out.withLabels(labels),
                lengths.stream().mapToInt(Integer::intValue).toArray());
    }

    @Override
    public SequenceData labelled(SequenceData data, int[] labels) {
        return data.withKnownStates(labels);
    }

    @Override
    public List<String> groups() {
        return List.of("start", "transitions", "emissions");
    }

    @Override
    public double[] group(HiddenMarkovModel model, String group) {
        return EmKind.numbers(HmmJson.node(model).get(FIELDS.get(groups().indexOf(group))));
    }

    @Override
    public ObservedInformation louis(HiddenMarkovModel model, SequenceData data, Set<String> fixed) {
        return HmmInformation.of(model, data, HeldParameters.groups(fixed, HeldParameters.HMM));
    }

    @Override
    public HiddenMarkovModel withFree(HiddenMarkovModel like, double[] theta) {
        return HmmUncertainty.fromFree(like, theta);
    }

    @Override
    public double logLikelihood(HiddenMarkovModel model, SequenceData data) {
        return model.logLikelihood(data);
    }

    @Override
    public String groupOf(String parameter) {
        return HeldParameters.HMM.apply(parameter);
    }
}
