package org.mlem.cli;

import java.io.PrintWriter;
import java.util.List;
import org.mlem.MlemUserException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns every failure into the contract's one line on standard error: {@code mlem: place:
 * message} with exit status 2 for the user's mistakes, and a short line with status 1 for faults
 * of mlem itself (the stack trace follows only when {@code MLEM_DEBUG} is set).
 */
final class Failures {
    static final int USER_ERROR = 2;
    static final int INTERNAL_ERROR = 1;

    private Failures() {}

    static int parameterError(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        String message;
        if (ex instanceof UnmatchedArgumentException u) {
            List<String> unmatched = u.getUnmatched();
            String arg = unmatched.isEmpty() ? "?" : unmatched.get(0);
            message = (arg.startsWith("-") ? "unknown option '" : "unexpected argument '") + arg + "'";
            List<String> suggestions = u.getSuggestions();
            if (!suggestions.isEmpty()) {
                message += "; did you mean " + String.join(" or ", suggestions.subList(0, Math.min(3, suggestions.size()))) + "?";
            }
        } else {
            message = ex.getMessage();
        }
        message = oneLine(message) + "; see '" + cl.getCommandSpec().qualifiedName() + " --help'";
        print(cl, place(cl), message);
        return USER_ERROR;
    }

    /** Out of memory: one line saying what the input needs and how to proceed; status 2. */
    static int outOfMemory(PrintWriter err, OutOfMemoryError oom) {
        String line;
        try {
            line = MemoryNeed.outOfMemory();
        } catch (Error | RuntimeException formatting) {
            try {
                line = MemoryNeed.outOfMemoryPlain();
            } catch (OutOfMemoryError again) {
                err.println(MemoryNeed.OUT_OF_MEMORY_LAST_RESORT);
                err.flush();
                return USER_ERROR;
            }
        }
        err.println("mlem: " + line);
        if (debug()) {
            oom.printStackTrace(err);
        }
        err.flush();
        return USER_ERROR;
    }

    static int executionError(Exception ex, CommandLine cl, ParseResult parsed) {
        if (ex instanceof MlemUserException u) {
            String place = u.place().isEmpty() ? place(cl) : u.place();
            print(cl, place, oneLine(u.getMessage()));
            return USER_ERROR;
        }
        if (ex instanceof ParameterException p) {
            return parameterError(p, new String[0]);
        }
        print(cl, "internal error", oneLine(ex.getClass().getSimpleName() + ": " + ex.getMessage())
                + (debug() ? "" : " (set MLEM_DEBUG=1 for the stack trace; please report it)"));
        if (debug()) {
            ex.printStackTrace(cl.getErr());
        }
        return INTERNAL_ERROR;
    }

    /**
     * Standard output could not be written (a full disk, a closed pipe): the results are lost, so
     * the command fails, with status 1, since nothing in its command line or data is wrong. A pipe
     * closed by its reader ({@code mlem sample ... | head}) is the reader's choice, and fails
     * silently, as a program killed by SIGPIPE does.
     */
    static int outputError(CommandLine cl, String reason) {
        if (!reason.equalsIgnoreCase(BROKEN_PIPE)) {
            print(cl, place(cl), "cannot write to standard output (" + oneLine(reason) + "); the output is incomplete: "
                    + "free some space or send it elsewhere");
        }
        return INTERNAL_ERROR;
    }

    /** The operating system's reason when the reader of a pipe has gone. */
    static final String BROKEN_PIPE = "Broken pipe";

    private static boolean debug() {
        String v = System.getenv("MLEM_DEBUG");
        return v != null && !v.isEmpty() && !v.equals("0");
    }

    /** The command's name below {@code mlem}, e.g. {@code fit gmm}; empty for {@code mlem} itself. */
    static String place(CommandLine cl) {
        String name = cl.getCommandSpec().qualifiedName(" ");
        return name.equals("mlem") ? "" : name.substring("mlem ".length());
    }

    private static void print(CommandLine cl, String place, String message) {
        cl.getErr().println("mlem: " + (place.isEmpty() ? "" : place + ": ") + message);
        cl.getErr().flush();
    }

    /**
     * The message on one line, other control characters (a NUL or an escape read from the data)
     * shown as {@code \\uXXXX} so that the line stays text.
     */
    private static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        String line = s.strip().replaceAll("\\s*\\R\\s*", "; ");
        StringBuilder b = new StringBuilder(line.length());
        line.chars().forEach(c -> b.append(Character.isISOControl(c) ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return b.toString();
    }
}
