package org.mlem.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.mlem.MlemUserException;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The {@code mlem} command's entry point. Exit status: 0 done, 2 a mistake in the command line or
 * the data (one line on standard error; running out of memory is one too, saying how much the input
 * needs), 1 an internal fault.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        StderrFilter.awaitAtExit();
        // a raw stream, not System.out: a PrintStream swallows write errors (a full disk, a closed pipe)
        int status;
        try {
            status = run(args, System.in, new FileOutputStream(FileDescriptor.out), System.err, System.console() != null);
        } catch (OutOfMemoryError again) { // even the one line could not be built: a constant, still status 2
            status = Failures.USER_ERROR;
            System.err.println(MemoryNeed.OUT_OF_MEMORY_LAST_RESORT);
        }
        System.exit(status);
    }

    /**
     * Runs {@code mlem args} against the given streams and returns the exit status. A command that
     * succeeds but whose standard output could not be written (a full disk) fails with status 1
     * and one line saying so.
     */
    public static int run(String[] args, InputStream in, OutputStream out, PrintStream err, boolean interactive) {
        return run(args, in, out, err, interactive, CommandTree.fullTreeRequested());
    }

    /** {@link #run(String[], InputStream, OutputStream, PrintStream, boolean)} on the whole command tree when {@code fullTree}. */
    static int run(String[] args, InputStream in, OutputStream out, PrintStream err, boolean interactive, boolean fullTree) {
        StandardOutput stdout = new StandardOutput(out);
        PrintWriter o = new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), false);
        PrintWriter e = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        MemoryNeed.reset();
        MemoryNeed.reserve();
        CommandLine cl = commandLine(new Terminal(in, o, e, interactive), args, fullTree);
        try {
            int status = cl.execute(args);
            o.flush();
            String failure = stdout.failure(o.checkError());
            return status == 0 && failure != null ? Failures.outputError(leaf(cl), failure) : status;
        } catch (OutOfMemoryError oom) {
            MemoryNeed.release();
            return Failures.outOfMemory(e, oom);
        } finally {
            o.flush();
            e.flush();
        }
    }

    /** The command that ran ({@code fit gmm}), or {@code cl} when parsing failed. */
    private static CommandLine leaf(CommandLine cl) {
        ParseResult r = cl.getParseResult();
        if (r == null) {
            return cl;
        }
        while (r.hasSubcommand()) {
            r = r.subcommand();
        }
        return r.commandSpec().commandLine();
    }

    /** The whole configured command tree, writing to {@code terminal}. */
    static CommandLine commandLine(Terminal terminal) {
        return configure(CommandTree.whole(new MlemCommand(terminal)), terminal);
    }

    /**
     * The configured command tree that runs {@code args}, writing to {@code terminal}: the branch
     * {@code args} invokes, or the whole tree when {@code fullTree} or when it may be needed
     * ({@link CommandTree}).
     */
    static CommandLine commandLine(Terminal terminal, String[] args, boolean fullTree) {
        return configure(CommandTree.forArguments(new MlemCommand(terminal), args, fullTree), terminal);
    }

    /** {@code cl} writing to {@code terminal}, with mlem's defaults, error handling and parser settings. */
    private static CommandLine configure(CommandLine cl, Terminal terminal) {
        cl.setOut(terminal.out());
        cl.setErr(terminal.err());
        cl.setDefaultValueProvider(new CoreDefaults());
        cl.setParameterExceptionHandler(Failures::parameterError);
        cl.setExecutionExceptionHandler(Failures::executionError);
        cl.setExecutionStrategy(Main::checkPathsThenRun);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setUsageHelpAutoWidth(true);
        return cl;
    }

    /** Refuses clashing output paths ({@link OutputPaths}) before the command does any work. */
    private static int checkPathsThenRun(ParseResult parsed) {
        ParseResult r = parsed;
        boolean help = r.isUsageHelpRequested() || r.isVersionHelpRequested();
        while (r.hasSubcommand()) {
            r = r.subcommand();
            help |= r.isUsageHelpRequested() || r.isVersionHelpRequested();
        }
        if (!help) {
            try {
                OutputPaths.check(r.commandSpec());
            } catch (MlemUserException ex) {
                throw new CommandLine.ExecutionException(r.commandSpec().commandLine(), ex.getMessage(), ex);
            }
        }
        return new CommandLine.RunLast().execute(parsed);
    }
}
