package org.mlem.cli;

import java.util.Locale;
import org.mlem.em.EmListener;

/**
 * EM progress on standard error for fits that run longer than a second, and only when a person
 * is watching a terminal; one line rewritten in place, never on standard output.
 */
final class Progress implements EmListener {
    private static final long QUIET_NANOS = 1_000_000_000L;
    private static final long EVERY_NANOS = 200_000_000L;

    private final Terminal terminal;
    private final int starts;
    private final long t0 = System.nanoTime();
    private long lastShown;
    private boolean shown;

    Progress(Terminal terminal, int starts) {
        this.terminal = terminal;
        this.starts = starts;
    }

    @Override
    public void iteration(int start, int iteration, double logLikelihood) {
        if (!terminal.interactive()) {
            return;
        }
        long now = System.nanoTime();
        if (now - t0 < QUIET_NANOS || now - lastShown < EVERY_NANOS) {
            return;
        }
        lastShown = now;
        shown = true;
        terminal.err().print(String.format(Locale.ROOT, "\rstart %d%s  iteration %d  log-likelihood %.6g   ",
                start + 1, starts > 0 ? "/" + starts : "", iteration, logLikelihood));
        terminal.err().flush();
    }

    /** Ends the progress line, if one was printed. */
    void finish() {
        if (shown) {
            terminal.err().println();
            shown = false;
        }
    }
}
