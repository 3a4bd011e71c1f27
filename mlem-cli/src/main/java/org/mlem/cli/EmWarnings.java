package org.mlem.cli;

import org.mlem.em.TraceFalls;

/** Warnings an EM fit owes its user on standard error, in JSON mode as in the summary's. */
final class EmWarnings {
    private EmWarnings() {}

    /** Warns when the trace fell beyond rounding ({@link TraceFalls}); the JSON lists the falls. */
    static void report(String command, double[] trace, double totalWeight, Terminal terminal) {
        String falls = TraceFalls.warning(TraceFalls.of(trace, totalWeight));
        if (falls != null) {
            terminal.err().println("mlem: " + command + ": warning: " + falls);
        }
    }
}
