package org.mlem.cli;

import java.util.Locale;
import org.mlem.em.MixtureFit;
import org.mlem.em.Optima;

/** What the starts of an EM fit reached, for the summary and as warnings on standard error. */
final class StartsReport {
    private StartsReport() {}

    /** The summary's "starts" value: how many, which was kept, the distinct optima and the final log-likelihoods. */
    static String line(MixtureFit<?> fit) {
        double[] finals = fit.startLogLikelihoods();
        if (finals.length == 1) {
            return "1";
        }
        Optima o = fit.optima();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%d, best #%d; %d distinct %s, best reached by %d",
                o.starts(), fit.bestStart() + 1, o.distinct(), o.distinct() == 1 ? "optimum" : "optima", o.atBest()));
        if (o.failed() > 0) {
            sb.append(String.format(Locale.ROOT, "; %d failed", o.failed()));
        }
        sb.append("; log-likelihoods");
        for (double ll : finals) {
            sb.append(' ').append(Double.isFinite(ll) ? CsvNumbers.brief(ll) : "failed");
        }
        return sb.toString();
    }

    /**
     * Warns on standard error when the best optimum was reached by a single start of several (a
     * higher one may exist) and when starts failed.
     *
     * @param command the command's name as the user typed it ("fit gmm")
     */
    static void warn(Terminal terminal, String command, MixtureFit<?> fit) {
        Optima o = fit.optima();
        String single = singleStartWarning(fit);
        if (single != null) {
            terminal.err().printf(Locale.ROOT, "mlem: %s: warning: %s%n", command, single);
        }
        if (o.failed() > 0) {
            terminal.err().printf(Locale.ROOT, "mlem: %s: warning: %d of %d starts failed (a component or state collapsed,"
                    + " or a non-finite log-likelihood) and were skipped%n", command, o.failed(), o.starts());
        }
    }

    /** The warning when the best of several starts was reached by one start only, or null. */
    static String singleStartWarning(MixtureFit<?> fit) {
        Optima o = fit.optima();
        if (!o.bestReachedOnce()) {
            return null;
        }
        return String.format(Locale.ROOT, "the best log-likelihood was reached by 1 of %d starts (%d distinct optima);"
                + " a higher maximum may exist: raise --n-init", o.starts() - o.failed(), o.distinct());
    }
}
