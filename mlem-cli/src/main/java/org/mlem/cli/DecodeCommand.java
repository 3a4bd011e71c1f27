package org.mlem.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.mlem.MlemUserException;
import org.mlem.hmm.HiddenMarkovModel;
import org.mlem.hmm.SequenceData;
import org.mlem.model.Capability;
import org.mlem.model.ModelKinds;
import org.mlem.model.SequenceModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlem decode}: an HMM's Viterbi path and per-step state probabilities. */
@Command(name = "decode", mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n", footer = {
                "  ./mlem sample examples/hmm-weather.json --lengths 300,200 --seed 1 > days.csv",
                "  ./mlem decode examples/hmm-weather.json days.csv",
                "  ./mlem decode --sequence sequence examples/hmm-weather.json days.csv"},
        header = "Viterbi path and per-step state probabilities of a hidden Markov model.", versionProvider = Version.class,
        description = "Print a CSV with one line per step: 'sequence' (with a sequence column), 'step' (0-based within "
                + "its sequence), 'state' (the Viterbi path: the most probable state sequence as a whole) then "
                + "'p0..p(K-1)', each state's posterior probability given the whole sequence (forward-backward). The "
                + "total log-likelihood and the Viterbi path's log-probability go to standard error. A missing cell "
                + "(empty, NA or NaN) is marginalised as --missing em fits it: a step's emission density is that of its "
                + "observed cells, 1 when every cell is missing (the step then carries only the transitions); "
                + "--drop-missing drops such rows instead.")
public final class DecodeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input;

    @Option(names = "--sequence", paramLabel = "COLUMN", description = SequenceInput.SEQUENCE_HELP
            + " When absent, the model's sequence column is used if the file has it.")
    String sequence;

    @OutputPaths.Reads
    @Parameters(index = "0", paramLabel = "MODEL.json", description = "A hidden Markov model file (mlem fit hmm --out).")
    Path model;

    @OutputPaths.Reads
    @Parameters(index = "1", paramLabel = "FILE", description = "CSV file (.gz allowed; - for standard input).")
    String file;

    @Override
    public Integer call() {
        Terminal terminal = MlemCommand.terminal(spec);
        SequenceModel fitted = (SequenceModel) ModelKinds.require(ModelKinds.read(model), Capability.DECODE,
                model.toString());
        HmmData in = HmmData.load(fitted, file, sequence, input, terminal);
        HiddenMarkovModel m = in.model().model();
        SequenceData data = in.input().data();
        HiddenMarkovModel.ViterbiPath path;
        double[][] p;
        double ll;
        try {
            path = m.viterbi(data);
            ll = m.logLikelihood(data);
            p = m.posteriors(data);
        } catch (MlemUserException e) {
            throw in.input().locate(e);
        }
        int[] states = path.states();
        boolean ids = in.input().ids() != null;
        List<String> header = new ArrayList<>();
        if (ids) {
            header.add("sequence");
        }
        header.add("step");
        header.add("state");
        for (int j = 0; j < m.states(); j++) {
            header.add("p" + j);
        }
        PrintWriter out = terminal.out();
        out.println(CsvNumbers.header(header));
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < states.length; i++) {
            int s = data.sequenceOf(i);
            line.setLength(0);
            if (ids) {
                line.append(CsvNumbers.field(in.sequenceId(s))).append(',');
            }
            line.append(i - data.sequenceStart(s)).append(',').append(states[i]);
            for (double v : p[i]) {
                line.append(',').append(v);
            }
            out.println(line);
        }
        terminal.err().println(String.format(Locale.ROOT, "total log-likelihood %s over %d steps in %d sequence%s; "
                + "Viterbi path log-probability %s", ll, states.length, data.sequences(), data.sequences() == 1 ? "" : "s",
                path.logProbability()));
        return 0;
    }
}
