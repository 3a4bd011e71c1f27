package org.mlem.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.hmm.HiddenMarkovModel;
import org.mlem.hmm.SequenceData;
import org.mlem.io.HmmFile;
import org.mlem.io.HmmJson;
import org.mlem.io.TMixtureFile;
import org.mlem.io.TMixtureJson;

/**
 * {@code predict}, {@code score} and {@code sample} for model files other than a Gaussian
 * mixture's, chosen by the file's {@code model} field: t mixtures ({@code tmix}) and hidden Markov
 * models ({@code hmm}); a clear error naming the command to use where a command does not apply.
 * Each method returns null for a Gaussian mixture (or an unknown model), which the caller handles.
 */
final class OtherModels {
    private OtherModels() {}

    static Integer predict(ScoringInput.Args args, Terminal terminal) {
        switch (ModelKind.of(args.model)) {
            case "tmix" -> {
                TMixtureFile f = TMixtureJson.read(args.model);
                DataMatrix x = ScoringInput.matrix(f.columns(), f.mixture().dimension(), args.file, args.input, terminal);
                PredictCommand.print(terminal.out(), f.mixture().predict(x), f.mixture().predictProba(x), null);
                return 0;
            }
            case "hmm" -> throw wrongCommand(args.model, "hidden Markov model", "mlem decode MODEL.json FILE (the Viterbi "
                    + "state and each state's probability per step)");
            case "mvn" -> throw wrongCommand(args.model, "multivariate normal", "mlem fit mvn --impute FILE.csv (conditional "
                    + "means of the missing cells); it has no components to predict");
            default -> {
                return null;
            }
        }
    }

    static Integer score(ScoringInput.Args args, String sequence, boolean totalOnly, Terminal terminal) {
        String kind = ModelKind.of(args.model);
        if (sequence != null && !kind.equals("hmm")) {
            throw new MlemUserException("--sequence applies to hidden Markov models only, but the model is '" + kind + "'");
        }
        switch (kind) {
            case "tmix" -> {
                TMixtureFile f = TMixtureJson.read(args.model);
                DataMatrix x = ScoringInput.matrix(f.columns(), f.mixture().dimension(), args.file, args.input, terminal);
                return ScoreCommand.print(terminal, f.mixture().scoreSamples(x), totalOnly);
            }
            case "hmm" -> {
                return scoreSequences(HmmData.load(args.model, args.file, sequence, args.input, terminal), totalOnly, terminal);
            }
            case "mvn" -> throw wrongCommand(args.model, "multivariate normal", "its observed-data log-likelihood is the "
                    + "'logLikelihood' of mlem fit mvn");
            default -> {
                return null;
            }
        }
    }

    /** One line per sequence: its id, its number of steps and its log-likelihood; the total on standard error. */
    private static int scoreSequences(HmmData in, boolean totalOnly, Terminal terminal) {
        HiddenMarkovModel m = in.model().model();
        SequenceData data = in.input().data();
        double[] ll = new double[data.sequences()];
        double total = 0;
        try {
            DataMatrix x = data.matrix();
            for (int s = 0; s < ll.length; s++) {
                int first = data.sequenceStart(s);
                int len = data.length(s);
                double[] values = java.util.Arrays.copyOfRange(x.values(), first * x.cols(), (first + len) * x.cols());
                DataMatrix one = DataMatrix.of(values, len, x.cols(), x.columns());
                if (x.hasLabels()) {
                    one = one.withLabels(java.util.Arrays.copyOfRange(x.labels(), first, first + len));
                }
                ll[s] = m.logLikelihood(SequenceData.single(one));
                total += ll[s];
            }
        } catch (MlemUserException e) {
            throw in.input().locate(e);
        }
        PrintWriter out = terminal.out();
        if (totalOnly) {
            out.println(total);
            return 0;
        }
        out.println("sequence,steps,logLikelihood");
        for (int s = 0; s < ll.length; s++) {
            out.println(CsvNumbers.field(in.sequenceId(s)) + "," + data.length(s) + "," + ll[s]);
        }
        terminal.err().println(String.format(Locale.ROOT, "total log-likelihood %s over %d steps in %d sequence%s",
                total, data.rows(), ll.length, ll.length == 1 ? "" : "s"));
        return 0;
    }

    static Integer sample(Path model, Integer n, int[] lengths, long seed, boolean component, Terminal terminal) {
        switch (ModelKind.of(model)) {
            case "hmm" -> {
                return sampleSequences(HmmJson.read(model), n, lengths, seed, component, terminal);
            }
            case "tmix", "mvn" -> throw new MlemUserException("sample does not draw from '" + ModelKind.of(model)
                    + "' models yet; it draws from Gaussian mixtures (fit gmm) and hidden Markov models (fit hmm)",
                    model.toString(), -1, -1);
            default -> {
                return null;
            }
        }
    }

    private static int sampleSequences(HmmFile file, Integer n, int[] lengths, long seed, boolean component, Terminal terminal) {
        if ((n == null) == (lengths == null)) {
            throw new MlemUserException("give either --n N (one sequence of N steps) or --lengths L1,L2,... (several sequences)");
        }
        int[] lens = lengths != null ? lengths : new int[] {n};
        for (int len : lens) {
            Checks.atLeast(lengths != null ? "--lengths" : "--n", len, 1);
        }
        HiddenMarkovModel m = file.model();
        HiddenMarkovModel.Sample s = m.sample(lens, seed);
        List<String> header = new ArrayList<>();
        if (lengths != null) {
            header.add("sequence");
        }
        header.addAll(file.columns() != null ? file.columns() : DataMatrix.defaultNames(m.dimension()));
        if (component) {
            header.add("state");
        }
        PrintWriter out = terminal.out();
        out.println(CsvNumbers.header(header));
        DataMatrix x = s.sequences().matrix();
        int[] states = s.states();
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < x.rows(); i++) {
            line.setLength(0);
            if (lengths != null) {
                line.append(s.sequences().sequenceOf(i) + 1).append(',');
            }
            for (int a = 0; a < x.cols(); a++) {
                line.append(a > 0 ? "," : "").append(CsvNumbers.format(x.get(i, a)));
            }
            if (component) {
                line.append(',').append(states[i]);
            }
            out.println(line);
        }
        return 0;
    }

    private static MlemUserException wrongCommand(Path model, String what, String use) {
        return new MlemUserException("the file holds a " + what + "; use " + use, model.toString(), -1, -1);
    }
}
