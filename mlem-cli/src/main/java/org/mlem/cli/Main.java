package org.mlem.cli;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * The {@code mlem} command's entry point. Exit status: 0 done, 2 a mistake in the command line or
 * the data (one line on standard error; running out of memory is one too, saying how much the input
 * needs), 1 an internal fault.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        StderrFilter.awaitAtExit();
        int status = run(args, System.in, System.out, System.err, System.console() != null);
        System.exit(status);
    }

    /** Runs {@code mlem args} against the given streams and returns the exit status. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err, boolean interactive) {
        PrintWriter o = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), false);
        PrintWriter e = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        MemoryNeed.reset();
        try {
            return commandLine(new Terminal(in, o, e, interactive)).execute(args);
        } catch (OutOfMemoryError oom) {
            return Failures.outOfMemory(e, oom);
        } finally {
            o.flush();
            e.flush();
        }
    }

    /** The configured command tree, writing to {@code terminal}. */
    static CommandLine commandLine(Terminal terminal) {
        CommandLine cl = new CommandLine(new MlemCommand(terminal));
        cl.setOut(terminal.out());
        cl.setErr(terminal.err());
        cl.setDefaultValueProvider(new CoreDefaults());
        cl.setParameterExceptionHandler(Failures::parameterError);
        cl.setExecutionExceptionHandler(Failures::executionError);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setUsageHelpAutoWidth(true);
        return cl;
    }
}
