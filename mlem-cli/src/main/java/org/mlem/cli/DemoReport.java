package org.mlem.cli;

import java.util.Locale;
import org.mlem.em.MixtureFit;
import org.mlem.em.Restarts;
import org.mlem.gmm.GaussianMixture;

/** The words and numbers {@code mlem demo} prints. */
final class DemoReport {
    private DemoReport() {}

    static String text(DemoCommand.Result r) {
        StringBuilder sb = new StringBuilder();
        GaussianMixture em = r.em().model();
        GaussianMixture mle = r.mle().model();
        f(sb, "mlem demo: maximum likelihood with the labels (MLE) and without them (EM)%n%n");
        f(sb, "Data: %d points drawn from %s, N(mean, variance)%n", r.data().rows(), formula(r.truth()));
        f(sb, "(seed %d). The generator also records which component drew each point: its label.%n%n", DemoCommand.SEED);
        f(sb, "1. Labels known: maximum likelihood is closed form: each component's share of the points,%n");
        f(sb, "   and the mean and variance (divisor n) of its points. One pass, no iterations.%n");
        f(sb, "2. Labels hidden: EM, from a deliberately poor start (weights 0.5/0.5, means %s and %s, sd %s).%n",
                num(DemoCommand.POOR_MEANS[0]), num(DemoCommand.POOR_MEANS[1]), num(DemoCommand.POOR_SD));
        f(sb, "   Each iteration: E-step, each point's probability of belonging to each component;%n");
        f(sb, "   M-step, the closed-form MLE of step 1 with those probabilities as fractional labels.%n%n");

        TextTable t = new TextTable().row("", "true", "MLE (labels)", "EM (no labels)");
        int[] te = order(r.truth());
        int[] me = order(mle);
        int[] ee = order(em);
        for (int c = 0; c < 2; c++) {
            String n = " " + c;
            t.row("weight" + n, r.truth().weights()[te[c]], mle.weights()[me[c]], em.weights()[ee[c]]);
            t.row("mean" + n, mean(r.truth(), te[c]), mean(mle, me[c]), mean(em, ee[c]));
            t.row("sd" + n, sd(r.truth(), te[c]), sd(mle, me[c]), sd(em, ee[c]));
        }
        t.row("log-likelihood*", ll(r.truth().logLikelihood(r.data())), ll(mle.logLikelihood(r.data())),
                ll(r.em().logLikelihood()));
        sb.append(indent(t.render()));
        f(sb, "%n   * of the points without their labels. EM's is the highest of the three: it is the quantity EM%n");
        f(sb, "     climbs. MLE with labels maximises the likelihood of points and labels together instead.%n%n");

        f(sb, "   EM's log-likelihood at each iteration (it never decreases):%n");
        sb.append(indent(traceLines(r.em().trace())));
        f(sb, "   %s after %d iterations (tolerance %s on the mean log-likelihood per point).%n%n",
                r.em().converged() ? "Converged" : "Stopped", r.em().iterations(), num(DemoCommand.DEMO_TOL));

        GaussianMixture local = r.local().model();
        int narrow = local.weights()[0] < local.weights()[1] ? 0 : 1;
        f(sb, "3. A badly placed start: %s.%n", formula(startOf(DemoCommand.LOCAL_WEIGHTS, DemoCommand.LOCAL_MEANS,
                DemoCommand.LOCAL_SDS)));
        sb.append(indent(traceLines(r.local().trace())));
        f(sb, "   %s after %d iterations at %s:%n", r.local().converged() ? "Converged" : "Stopped",
                r.local().iterations(), formula(local));
        f(sb, "   log-likelihood %s, below EM's %s in step 2. It is a local maximum: the narrow component%n",
                ll(r.local().logLikelihood()), ll(r.em().logLikelihood()));
        f(sb, "   (weight %s) holds a tight clump of the left tail, and every small change of the parameters%n",
                num(local.weights()[narrow]));
        f(sb, "   lowers the likelihood, so EM cannot leave it.%n%n");

        GaussianMixture stuck = r.symmetric().model();
        f(sb, "   A symmetric start is worse still: both components N(%s, %s), weights 0.5/0.5. Every%n",
                num(DemoCommand.SYMMETRIC_MEAN), num(DemoCommand.SYMMETRIC_SD * DemoCommand.SYMMETRIC_SD));
        f(sb, "   point then gets equal probability under each, so the M-step gives both the same mean and%n");
        f(sb, "   variance again: EM goes to the one-Gaussian fit and stays there.%n");
        sb.append(indent(traceLines(r.symmetric().trace())));
        f(sb, "   Both components end at mean %s, sd %s; log-likelihood %s, which is the closed-form%n",
                num(mean(stuck, 0)), num(sd(stuck, 0)), ll(r.symmetric().logLikelihood()));
        f(sb, "   maximum for a single normal (%s). That is a stationary point of the mixture likelihood%n",
                ll(r.oneGaussianLogLikelihood()));
        f(sb, "   but not a maximum: moving the two means apart raises it, to EM's %s above.%n%n",
                ll(r.em().logLikelihood()));

        MixtureFit<GaussianMixture> best = r.restarts();
        f(sb, "4. Restarts fix it: %d starts (--n-init %d), the first from k-means++, each later one the best of%n",
                DemoCommand.RESTARTS, DemoCommand.RESTARTS);
        f(sb, "   %d short runs from new draws; the best kept.%n", Restarts.CANDIDATES);
        double[] finals = best.startLogLikelihoods();
        for (int s = 0; s < finals.length; s++) {
            f(sb, "   start %d: log-likelihood %s%s%n", s + 1, ll(finals[s]), s == best.bestStart() ? "  (kept)" : "");
        }
        f(sb, "   Best: %s, the maximum EM reached in step 2 (%s); %d distinct %s, the best reached by %d.%n",
                ll(best.logLikelihood()), ll(r.em().logLikelihood()), best.distinctOptima(),
                best.distinctOptima() == 1 ? "optimum" : "optima", best.bestReachedBy());
        f(sb, "   A k-means++ start places the two components where the data are dense, away from the starts%n");
        f(sb, "   of step 3.%n");
        return sb.toString();
    }

    private static GaussianMixture startOf(double[] w, double[] mu, double[] sd) {
        return DemoCommand.mixture(w, mu, sd);
    }

    private static String formula(GaussianMixture m) {
        StringBuilder sb = new StringBuilder();
        int[] o = order(m);
        for (int c = 0; c < o.length; c++) {
            sb.append(c > 0 ? " + " : "").append(num(m.weights()[o[c]])).append("·N(")
                    .append(num(mean(m, o[c]))).append(", ").append(num(sd(m, o[c]) * sd(m, o[c]))).append(')');
        }
        return sb.toString();
    }

    /** Component indices in order of their means, so that label switching does not confuse the table. */
    static int[] order(GaussianMixture m) {
        return mean(m, 0) <= mean(m, 1) ? new int[] {0, 1} : new int[] {1, 0};
    }

    static double mean(GaussianMixture m, int j) {
        return m.mean(j)[0];
    }

    static double sd(GaussianMixture m, int j) {
        return Math.sqrt(m.covariance(j)[0][0]);
    }

    private static String traceLines(double[] trace) {
        TextTable t = new TextTable().row("iteration", "log-likelihood");
        for (int i = 0; i < trace.length; i++) {
            t.row(String.valueOf(i), String.format(Locale.ROOT, "%.6f", trace[i]));
        }
        return t.render();
    }

    private static String indent(String block) {
        return block.replaceAll("(?m)^(?=.)", "   ");
    }

    private static String ll(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String num(double v) {
        return CsvNumbers.brief(v);
    }

    private static void f(StringBuilder sb, String format, Object... args) {
        sb.append(String.format(Locale.ROOT, format, args));
    }
}
