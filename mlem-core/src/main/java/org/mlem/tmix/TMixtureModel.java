package org.mlem.tmix;

import java.util.EnumSet;
import java.util.Set;
import org.mlem.special.SpecialFunctions;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;
import org.hipparchus.analysis.solvers.BrentSolver;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.univariate.BrentOptimizer;
import org.hipparchus.optim.univariate.SearchInterval;
import org.hipparchus.optim.univariate.UnivariateObjectiveFunction;
import org.hipparchus.optim.univariate.UnivariatePointValuePair;
import org.hipparchus.special.Gamma;
import org.mlem.data.Block;
import org.mlem.data.BlockSource;
import org.mlem.em.BlockReducer;
import org.mlem.em.LatentModel;
import org.mlem.em.ParameterVector;
import org.mlem.gmm.DegenerateComponentException;
import org.mlem.kernel.GaussianKernels;

/**
 * The multivariate t mixture as a latent model (Peel and McLachlan, 2000): the latent variables
 * are the component label and the precision weight u of each row. The M-step is their ECM: π, μ
 * and Σ in closed form, then each ν from its one-dimensional score equation, solved by Brent's
 * method in [{@link #MIN_DF}, {@link #MAX_DF}] (at the upper end the component is as good as
 * Gaussian). That ν step maximises the expected complete-data log-likelihood with the precision
 * weights u of the previous ν, and is very slow where the data say little about ν (ν drifting
 * towards a Gaussian component moved by a few units per iteration for thousands of iterations).
 * So after it (unless the estimator asks for ECM alone) each ν is moved, one component at a time, to the maximum of the observed-data
 * log-likelihood with the other parameters held ({@link #maximizeObserved}: ECME, Liu and Rubin,
 * 1995; McLachlan and Peel, 2000, §7.5), which takes a few dozen passes over the data per
 * iteration and reaches the maximum in tens of iterations rather than thousands.
 */
final class TMixtureModel implements java.io.Serializable, LatentModel<TMixture, TMixtureStats> {

    static final double MIN_DF = 1e-3;
    static final double MAX_DF = 1e4;
    /** Added to each component's weight sums so that an empty component divides by a tiny number, not zero. */
    private static final double EMPTY_GUARD = 10 * Math.ulp(1.0);

    private final boolean estimateDf;
    private final boolean ecme;
    private final double regCovar;
    private final Set<TMixtureParameter> fixed;
    private final TMixture fixedValues;

    TMixtureModel(boolean estimateDf, double regCovar, boolean ecme) {
        this(estimateDf, regCovar, ecme, Set.of(), null);
    }

    /**
     * A model whose M-step leaves the {@code fixed} groups at their values in {@code values}, bit
     * for bit. With the locations fixed, the scales are estimated about them.
     */
    TMixtureModel(boolean estimateDf, double regCovar, boolean ecme, Set<TMixtureParameter> fixed, TMixture values) {
        if (!fixed.isEmpty() && values == null) {
            throw new IllegalArgumentException("fixed parameters need their values");
        }
        this.estimateDf = estimateDf && !fixed.contains(TMixtureParameter.DF);
        this.regCovar = regCovar;
        this.ecme = ecme;
        this.fixed = fixed.isEmpty() ? Set.of() : EnumSet.copyOf(fixed);
        this.fixedValues = values;
    }

    @Override
    public TMixtureStats emptyStats(TMixture p) {
        return new TMixtureStats(p.components(), p.dimension(), p.means, p.df);
    }

    @Override
    public double accumulate(TMixture p, Block rows, TMixtureStats into) {
        int k = p.components();
        int d = p.dimension();
        int nr = rows.rows();
        double[] joint = new double[nr * k];
        double[] maha = new double[nr * k];
        p.logJoint(rows, joint, maha);
        double ll = GaussianKernels.normalizeRows(joint, nr, k, rows.weights(), rows.labels(), rows.start());
        double[] delta = new double[d];
        double[] x = rows.x();
        for (int i = 0; i < nr; i++) {
            double w = rows.weight(i);
            int off = rows.offset(i);
            for (int j = 0; j < k; j++) {
                double tau = joint[i * k + j] * w;
                if (tau == 0) {
                    continue;
                }
                double u = (p.df[j] + d) / (p.df[j] + maha[i * k + j]);
                double tu = tau * u;
                into.n[j] += tau;
                into.su[j] += tu;
                into.slog[j] += tau * (Math.log(u) - u);
                for (int a = 0; a < d; a++) {
                    delta[a] = x[off + a] - into.shift[j * d + a];
                    into.s1[j * d + a] += tu * delta[a];
                }
                int base = j * d * d;
                for (int a = 0; a < d; a++) {
                    double ta = tu * delta[a];
                    for (int b = a; b < d; b++) {
                        into.s2[base + a * d + b] += ta * delta[b];
                    }
                }
            }
        }
        return ll;
    }

    @Override
    public TMixture maximize(TMixtureStats s) {
        int k = s.k;
        int d = s.d;
        double total = 0;
        double guard = EMPTY_GUARD;
        for (int j = 0; j < k; j++) {
            total += s.n[j] + guard;
        }
        double[] w = new double[k];
        double[] means = new double[k * d];
        double[] scales = new double[k * d * d];
        double[] df = s.oldDf.clone();
        boolean meansFixed = fixed.contains(TMixtureParameter.MEANS);
        for (int j = 0; j < k; j++) {
            double nj = s.n[j] + guard;
            double suj = s.su[j] + guard;
            w[j] = nj / total;
            for (int a = 0; a < d; a++) {
                means[j * d + a] = meansFixed ? fixedValues.means[j * d + a] : s.shift[j * d + a] + s.s1[j * d + a] / suj;
            }
            if (meansFixed) {
                scatterAbout(s, j, fixedValues.means, scales);
            } else {
                for (int a = 0; a < d; a++) {
                    double da = s.s1[j * d + a] / suj;
                    for (int b = a; b < d; b++) {
                        double db = s.s1[j * d + b] / suj;
                        double v = (s.s2[j * d * d + a * d + b] - suj * da * db) / nj;
                        scales[j * d * d + a * d + b] = v;
                        scales[j * d * d + b * d + a] = v;
                    }
                }
            }
            for (int a = 0; a < d; a++) {
                scales[j * d * d + a * d + a] += regCovar;
            }
            if (estimateDf && s.n[j] > 0) {
                df[j] = solveDf(s.oldDf[j], d, s.slog[j] / s.n[j]);
            }
        }
        if (fixed.contains(TMixtureParameter.WEIGHTS)) {
            w = fixedValues.weights.clone();
        }
        if (fixed.contains(TMixtureParameter.SCALES)) {
            scales = fixedValues.scales.clone();
        }
        if (fixed.contains(TMixtureParameter.DF)) {
            df = fixedValues.df.clone();
        }
        try {
            return new TMixture(w, means, scales, df, d);
        } catch (TMixture.NotPositiveDefinite e) {
            throw new DegenerateComponentException(e.component, s.n[e.component], regCovar);
        }
    }

    /**
     * Component j's scale about the fixed location m: {@code Σ wτu (x − m)(x − m)ᵀ / Σ wτ}, from
     * the moments about the shift c by {@code S2 − S1 eᵀ − e S1ᵀ + su e eᵀ} with e = m − c (zero
     * when the shift is the fixed location, as it is at every E-step of a fit that holds it).
     */
    private static void scatterAbout(TMixtureStats s, int j, double[] m, double[] scales) {
        int d = s.d;
        double nj = s.n[j] + EMPTY_GUARD;
        double[] e = new double[d];
        for (int a = 0; a < d; a++) {
            e[a] = m[j * d + a] - s.shift[j * d + a];
        }
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                double v = (s.s2[j * d * d + a * d + b] - s.s1[j * d + a] * e[b] - e[a] * s.s1[j * d + b]
                        + s.su[j] * e[a] * e[b]) / nj;
                scales[j * d * d + a * d + b] = v;
                scales[j * d * d + b * d + a] = v;
            }
        }
    }

    /**
     * The log-likelihood's relative rounding as a function of ν: log Γ((ν + d)/2) − log Γ(ν/2) and
     * the (ν + d)/2 log(1 + δ/ν) terms cancel to about 1e-12 relative at ν near its upper end.
     */
    private static final double ECME_ROUNDING = 1e-11;

    /** A maximum this close (in log ν) to an end of the range is taken at the end. */
    private static final double ECME_SNAP = 1e-3;

    /**
     * {@code -Dmlem.tmix.ecme=plain} evaluates the ECME step's objective by full E-steps (the
     * reference {@link DfProfile} is tested against) even where the rows are at hand.
     */
    static final boolean PLAIN_ECME = "plain".equals(System.getProperty("mlem.tmix.ecme"));

    /**
     * {@code -Dmlem.tmix.profile=separate} takes a pass of its own for each component's profile
     * ({@link DfProfile#of}) instead of the one pass the k profiles share ({@link DfProfile#stored}):
     * the same bits, by more passes.
     */
    static final boolean SEPARATE_PROFILES = "separate".equals(System.getProperty("mlem.tmix.profile"));

    /** Half the width, in log ν, of the window the ECME step searches first. */
    private static final double ECME_WINDOW = 0.5;

    /** Relative and absolute tolerances on log ν of the ECME step's Brent search. */
    private static final double ECME_RELATIVE = 1e-9;
    private static final double ECME_ABSOLUTE = 1e-11;

    /**
     * The ECME step: each free ν<sub>j</sub> in turn moved to the maximum over log ν of the
     * observed-data log-likelihood, the other parameters held (Brent's search in
     * [{@link #MIN_DF}, {@link #MAX_DF}], first in a window about the current ν); a move is kept
     * unless it lowers the log-likelihood beyond rounding ({@value #ECME_ROUNDING} relative), and a
     * maximum within that rounding of an end of the range is that end exactly.
     */
    @Override
    public TMixture maximizeObserved(TMixture p, ToDoubleFunction<TMixture> logLikelihood) {
        return ecme(p, logLikelihood, null, null);
    }

    /**
     * The ECME step with each component's objective from a {@link DfProfile} when the rows are at
     * hand (one pass for all k components, {@link DfProfile#stored}, then one pass a Newton step);
     * by E-steps otherwise.
     */
    @Override
    public TMixture maximizeObserved(TMixture p, ToDoubleFunction<TMixture> logLikelihood, BlockSource data,
            BlockReducer reducer) {
        return ecme(p, logLikelihood, data, reducer);
    }

    private TMixture ecme(TMixture p, ToDoubleFunction<TMixture> logLikelihood, BlockSource data, BlockReducer reducer) {
        if (!estimateDf || !ecme) {
            return p;
        }
        TMixture current = p;
        double best = Double.NaN;
        double lo = Math.log(MIN_DF);
        double hi = Math.log(MAX_DF);
        DfProfile.Stored stored = data == null || PLAIN_ECME || SEPARATE_PROFILES ? null : DfProfile.stored(p, data, reducer);
        if (stored != null && !stored.finite()) {
            stored = null;
        }
        double[] atStart = new double[1];
        for (int j = 0; j < p.components(); j++) {
            final int c = j;
            final TMixture base = current;
            DfProfile profile = stored != null ? stored.profile(base, c, j == 0 ? atStart : null)
                    : data == null || PLAIN_ECME ? null : DfProfile.of(base, c, data, reducer);
            DoubleUnaryOperator atDf = profile != null && profile.exact()
                    ? profile::logLikelihood
                    : nu -> logLikelihood.applyAsDouble(base.withDegreesOfFreedom(c, nu));
            if (j == 0) {
                best = stored != null ? atStart[0] : atDf.applyAsDouble(base.df[c]);
            }
            UnivariateObjectiveFunction f = new UnivariateObjectiveFunction(x -> {
                double ll = atDf.applyAsDouble(Math.exp(x));
                return Double.isNaN(ll) ? Double.NEGATIVE_INFINITY : ll;
            });
            double from = Math.min(hi, Math.max(lo, Math.log(base.df[c])));
            UnivariatePointValuePair top = profile != null && profile.exact() && !PLAIN_ECME_SEARCH
                    ? newton(profile, from, lo, hi) : null;
            // ν moves little between iterations: search a window about the current log ν, widened
            // while the maximum sits on an edge of it that is not an end of the whole range
            double half = ECME_WINDOW;
            while (top == null) {
                double a = Math.max(lo, from - half);
                double b = Math.min(hi, from + half);
                top = new BrentOptimizer(ECME_RELATIVE, ECME_ABSOLUTE)
                        .optimize(new MaxEval(500), f, GoalType.MAXIMIZE, new SearchInterval(a, b, from));
                double edge = 1e-6 * (b - a);
                boolean onLow = a > lo && top.getPoint() - a < edge;
                boolean onHigh = b < hi && b - top.getPoint() < edge;
                if (!onLow && !onHigh) {
                    break;
                }
                top = null;
                half *= 4;
            }
            // a maximum on an end of the range is that end exactly, so that ν does not jitter along
            // a flat profile from one iteration to the next (a component as good as Gaussian)
            double point = top.getPoint();
            double value = top.getValue();
            for (double end : new double[] {lo, hi}) {
                if (Math.abs(point - end) < ECME_SNAP) {
                    double atEnd = f.getObjectiveFunction().value(end);
                    if (atEnd >= value - ECME_ROUNDING * Math.max(1, Math.abs(value))) {
                        point = end;
                        value = atEnd;
                    }
                }
            }
            // the profile's maximiser is taken unless it is worse beyond rounding, so that ν sits where
            // the observed likelihood puts it, not where the ECM step's proposal happened to land
            if (value >= best - ECME_ROUNDING * Math.max(1, Math.abs(best))) {
                current = base.withDegreesOfFreedom(c, point == hi ? MAX_DF : point == lo ? MIN_DF : Math.exp(point));
                best = value;
            }
        }
        return current;
    }

    /**
     * {@code -Dmlem.tmix.ecmesearch=plain}: the ECME step's maximiser found by Brent's search on the
     * profile's values (the reference) instead of {@link #newton}.
     */
    static final boolean PLAIN_ECME_SEARCH = "plain".equals(System.getProperty("mlem.tmix.ecmesearch"));

    /**
     * A Newton step proposed below this (in log ν, where the profile is concave) ends the search
     * where it is: the pass that would take it changes the profile's value by about its square.
     * Most ECME steps end so: late in a fit ν barely moves between iterations, and quadratic
     * convergence brings the step below it one pass earlier than the 1e-7 rule on steps taken.
     */
    static final double NEWTON_CLOSE = 1e-8;

    /** Newton steps at most this long in log ν. */
    private static final double NEWTON_MAX_STEP = 1;

    /**
     * The profile's maximum over x = log ν in [lo, hi] by safeguarded Newton steps from {@code from}
     * on {@link DfProfile#derivatives} (one pass a step, where Brent's search takes one a value and
     * about fifteen values): a step is at most {@value #NEWTON_MAX_STEP}, kept inside the range, and
     * halved until the profile does not fall beyond rounding; it stops once a step moves x by less
     * than 1e-7 (Newton's error after it is about that squared: below Brent's 1e-9 tolerance), or,
     * without that last pass, where the profile is concave and the step it proposes is below
     * {@value #NEWTON_CLOSE} (x is then that close to the maximum, to first order), or at an end of
     * the range whose slope points outward. Where the profile is not concave the step is
     * the longest uphill, halved likewise. Null, so that the caller searches by Brent, where the
     * steps do not settle in 50 or a value is not finite.
     */
    static UnivariatePointValuePair newton(DfProfile profile, double from, double lo, double hi) {
        double x = from;
        double[] g = profile.derivatives(Math.exp(x));
        for (int it = 0; it < 50; it++) {
            if (!Double.isFinite(g[0]) || !Double.isFinite(g[1])) {
                return null;
            }
            if ((x == hi && g[1] >= 0) || (x == lo && g[1] <= 0)) {
                return new UnivariatePointValuePair(x, g[0]);
            }
            // where the profile is not concave (its tails in log ν flatten out), the longest step uphill
            double step = g[2] < 0 ? Math.max(-NEWTON_MAX_STEP, Math.min(NEWTON_MAX_STEP, -g[1] / g[2]))
                    : Math.copySign(NEWTON_MAX_STEP, g[1]);
            if (g[2] < 0 && Math.abs(step) < NEWTON_CLOSE) {
                return new UnivariatePointValuePair(x, g[0]);
            }
            double next = Math.max(lo, Math.min(hi, x + step));
            double[] gn = profile.derivatives(Math.exp(next));
            for (int halvings = 0; !(gn[0] >= g[0] - ECME_ROUNDING * Math.max(1, Math.abs(g[0]))); halvings++) {
                if (halvings == 30) {
                    return null;
                }
                next = x + 0.5 * (next - x);
                gn = profile.derivatives(Math.exp(next));
            }
            boolean settled = Math.abs(next - x) < 1e-7;
            x = next;
            g = gn;
            if (settled) {
                return new UnivariatePointValuePair(x, g[0]);
            }
        }
        return null;
    }

    @Override
    public ParameterVector<TMixture> parameterVector() {
        return VECTORS;
    }

    private static final TMixtureVectors VECTORS = new TMixtureVectors();

    /** The root in ν of −ψ(ν/2) + log(ν/2) + 1 + mean(log u − u) + ψ((ν₀+d)/2) − log((ν₀+d)/2). */
    static double solveDf(double oldDf, int d, double meanLogUMinusU) {
        double c = 1 + meanLogUMinusU + SpecialFunctions.digamma((oldDf + d) / 2) - Math.log((oldDf + d) / 2);
        org.hipparchus.analysis.UnivariateFunction g = nu -> -SpecialFunctions.digamma(nu / 2) + Math.log(nu / 2) + c;
        if (g.value(MAX_DF) >= 0) {
            return MAX_DF;
        }
        if (g.value(MIN_DF) <= 0) {
            return MIN_DF;
        }
        return new BrentSolver(1e-12, 1e-10).solve(200, g, MIN_DF, MAX_DF);
    }
}
