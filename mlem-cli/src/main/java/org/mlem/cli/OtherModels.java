package org.mlem.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntUnaryOperator;
import org.mlem.MlemUserException;
import org.mlem.data.Block;
import org.mlem.data.CsvTable;
import org.mlem.data.DataMatrix;
import org.mlem.hmm.HiddenMarkovModel;
import org.mlem.hmm.SequenceData;
import org.mlem.io.HmmFile;
import org.mlem.io.HmmJson;
import org.mlem.io.MvnJson;
import org.mlem.io.TMixtureFile;
import org.mlem.io.TMixtureJson;
import org.mlem.missing.MvnMissingModel;
import org.mlem.missing.MvnParameters;
import org.mlem.tmix.TMixture;

/**
 * {@code predict}, {@code score} and {@code sample} for model files other than a Gaussian
 * mixture's, chosen by the file's {@code model} field: t mixtures ({@code tmix}), hidden Markov
 * models ({@code hmm}) and multivariate normals ({@code mvn}: score, missing cells allowed); a clear
 * error naming the command to use where a command does not apply.
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
            case "mvn" -> {
                MvnJson.Model f = MvnJson.read(args.model);
                return ScoreCommand.print(terminal, observedLogLikelihoods(f.parameters(), mvnRows(f, args, terminal)),
                        totalOnly);
            }
            default -> {
                return null;
            }
        }
    }

    /**
     * The rows of the data file in the normal's columns, missing cells kept (NaN): every row with
     * at least one modelled cell observed, or the complete rows under {@code --drop-missing}.
     */
    private static DataMatrix mvnRows(MvnJson.Model f, ScoringInput.Args args, Terminal terminal) {
        int d = f.parameters().dimension();
        CsvTable table = args.input.read(args.file, terminal);
        List<String> columns = args.input.modelColumns(table, f.columns(), List.of());
        if (columns.size() != d) {
            throw new MlemUserException("the model has dimension " + d + " but " + columns.size() + " columns were chosen ("
                    + String.join(", ", columns) + "); choose " + d + " with --columns", table.source(), -1, -1);
        }
        int[] rows = args.input.dropMissing ? args.input.rows(table, columns, terminal).rows()
                : MissingCells.rows(table, columns, List.of(), args.input, terminal);
        return table.matrix(columns, rows);
    }

    /**
     * Each row's observed-data log-likelihood {@code log N(x_O | μ_O, Σ_OO)} over its observed
     * cells O: the library's E-step ({@link MvnMissingModel#accumulate}) on a one-row block, so
     * that the rows' sum is the fit's {@code logLikelihood} on the same rows.
     */
    static double[] observedLogLikelihoods(MvnParameters p, DataMatrix x) {
        MvnMissingModel model = new MvnMissingModel();
        double[] values = x.values();
        double[] ll = new double[x.rows()];
        for (int i = 0; i < ll.length; i++) {
            ll[i] = model.accumulate(p, new Block(values, null, null, i, 1, x.cols()), model.emptyStats(p));
        }
        return ll;
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
            case "tmix" -> {
                return sampleRows(TMixtureJson.read(model), n, lengths, seed, component, terminal);
            }
            case "mvn" -> throw new MlemUserException("sample does not draw from 'mvn' models yet; it draws from Gaussian "
                    + "mixtures (fit gmm: a normal is k = 1), t mixtures (fit tmix) and hidden Markov models (fit hmm)",
                    model.toString(), -1, -1);
            default -> {
                return null;
            }
        }
    }

    private static int sampleRows(TMixtureFile file, Integer n, int[] lengths, long seed, boolean component,
            Terminal terminal) {
        if (lengths != null) {
            throw new MlemUserException("--lengths is for hidden Markov models; draw rows of a t mixture with --n");
        }
        if (n == null) {
            throw new MlemUserException("--n is required: give the number of rows to draw");
        }
        Checks.atLeast("--n", n, 1);
        TMixture m = file.mixture();
        List<String> columns = file.columns() != null ? file.columns() : DataMatrix.defaultNames(m.dimension());
        TMixture.Sample s = m.sample(n, seed, columns);
        printDraws(terminal.out(), columns, s.data(), null, component ? "component" : null, s.components());
        return 0;
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
        List<String> columns = file.columns() != null ? file.columns() : DataMatrix.defaultNames(m.dimension());
        SequenceData seqs = s.sequences();
        printDraws(terminal.out(), columns, seqs.matrix(), lengths != null ? i -> seqs.sequenceOf(i) + 1 : null,
                component ? "state" : null, s.states());
        return 0;
    }

    /**
     * Drawn rows as CSV: a first column 'sequence' when {@code sequenceOf} is given, the columns,
     * and a last column {@code labelName} holding {@code labels} when that name is given.
     */
    private static void printDraws(PrintWriter out, List<String> columns, DataMatrix x, IntUnaryOperator sequenceOf,
            String labelName, int[] labels) {
        List<String> header = new ArrayList<>();
        if (sequenceOf != null) {
            header.add("sequence");
        }
        header.addAll(columns);
        if (labelName != null) {
            header.add(labelName);
        }
        out.println(CsvNumbers.header(header));
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < x.rows(); i++) {
            line.setLength(0);
            if (sequenceOf != null) {
                line.append(sequenceOf.applyAsInt(i)).append(',');
            }
            for (int a = 0; a < x.cols(); a++) {
                line.append(a > 0 ? "," : "").append(CsvNumbers.format(x.get(i, a)));
            }
            if (labelName != null) {
                line.append(',').append(labels[i]);
            }
            out.println(line);
        }
    }

    private static MlemUserException wrongCommand(Path model, String what, String use) {
        return new MlemUserException("the file holds a " + what + "; use " + use, model.toString(), -1, -1);
    }
}
