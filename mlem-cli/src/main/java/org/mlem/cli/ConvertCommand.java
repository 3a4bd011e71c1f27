package org.mlem.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.mlem.MlemUserException;
import org.mlem.data.CsvFormat;
import org.mlem.data.npy.CsvToNpy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlem convert}: a numeric CSV table to NumPy's {@code .npy}, for fast and larger-than-memory fits. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        header = "Convert a numeric CSV table to a .npy file (float64).", versionProvider = Version.class,
        description = "Stream a CSV file (.gz allowed; - for standard input) into NumPy's .npy format, row-major "
                + "float64. fit gmm, predict and score read .npy files block by block, so a file larger than memory "
                + "can be fitted, and reading one is far faster than parsing CSV. Without --columns every column must "
                + "be numeric. A .npy file has no column names: commands call its columns x1..xd.")
public final class ConvertCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input;

    @OutputPaths.Reads
    @Parameters(index = "0", paramLabel = "FILE", description = "CSV file (.gz allowed; - for standard input).")
    String file;

    @OutputPaths.Writes
    @Parameters(index = "1", paramLabel = "OUT.npy",
            description = "The .npy file to write (an existing one is replaced only when the conversion succeeds).")
    Path out;

    @Override
    public Integer call() {
        Terminal terminal = MlemCommand.terminal(spec);
        if (!NpyInput.is(out.toString())) {
            throw new MlemUserException("the output file must end in .npy, got '" + out + "'");
        }
        CsvFormat format = input.format();
        CsvToNpy.Options options = new CsvToNpy.Options(format.header(), format.delimiter(), input.columns,
                input.dropMissing);
        long t0 = System.nanoTime();
        CsvToNpy.Result r = file.equals("-") ? CsvToNpy.convert(terminal.in(), "<stdin>", out, options)
                : CsvToNpy.convert(Path.of(file), out, options);
        double seconds = (System.nanoTime() - t0) * 1e-9;
        if (r.dropped() > 0) {
            terminal.err().println("mlem: " + file + ": dropped " + r.dropped() + " of " + (r.rows() + r.dropped())
                    + " rows with a missing cell (--drop-missing)");
        }
        terminal.out().println(String.format(java.util.Locale.ROOT, "%s: %d rows x %d columns (%s) in %.2f s",
                out, r.rows(), r.cols(), String.join(", ", r.columns()), seconds));
        return 0;
    }
}
