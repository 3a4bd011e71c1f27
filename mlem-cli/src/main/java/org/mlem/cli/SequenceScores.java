package org.mlem.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.hmm.HiddenMarkovModel;
import org.mlem.hmm.SequenceData;

/** {@code score} for a hidden Markov model: one line per sequence. */
final class SequenceScores {
    private SequenceScores() {}

    /** One line per sequence: its id, its number of steps and its log-likelihood; the total on standard error. */
    static int print(HmmData in, boolean totalOnly, Terminal terminal) {
        HiddenMarkovModel m = in.model().model();
        SequenceData data = in.input().data();
        double[] ll = new double[data.sequences()];
        double total = 0;
        try {
            DataMatrix x = data.matrix();
            for (int s = 0; s < ll.length; s++) {
                int first = data.sequenceStart(s);
                int len = data.length(s);
                double[] values = Arrays.copyOfRange(x.values(), first * x.cols(), (first + len) * x.cols());
                DataMatrix one = DataMatrix.of(values, len, x.cols(), x.columns());
                if (x.hasLabels()) {
                    one = one.withLabels(Arrays.copyOfRange(x.labels(), first, first + len));
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
}
