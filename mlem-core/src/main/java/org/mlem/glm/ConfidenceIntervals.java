package org.mlem.glm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hipparchus.distribution.continuous.TDistribution;
import org.mlem.MlemUserException;
import org.mlem.formula.Design;

/**
 * Confidence intervals for a GLM's coefficients: Wald's, as R's {@code confint.default}, and the
 * profile-likelihood ones R 4.2 gives for {@code confint(fit)} (MASS 7.3's {@code profile.glm} and
 * {@code confint.profile.glm}).
 *
 * <p>The profile of coefficient j fixes it at b_j ± k δ se_j (k = 1..9, δ = zmax / 5, stopping once
 * |z| reaches zmax), refits the other columns by IRLS from the previous step's linear predictor, and
 * records the signed root z = ±sqrt((D - D̂) / φ) of the deviance increase over the dispersion of
 * the fit. zmax is the normal quantile at 1 - α/2, α = (1 - level)/4, for the binomial and Poisson
 * families and the t quantile on n - p degrees of freedom for every other (as MASS switches on R's
 * family name, so glm.nb's "Negative Binomial(θ)" profile, θ held at its estimate, is t-scaled
 * too). The interval's ends are where the FMM spline of z against b_j, read at 3 m equally spaced
 * values over the m profiled ones, crosses the normal quantiles of (1 ∓ level)/2, by linear
 * interpolation (R's {@code approx(spline(b, z)$y, spline(b, z)$x, qnorm(a))}); an end the profile
 * did not reach is NaN (R's NA).
 */
public final class ConfidenceIntervals {
    /** How far a profile step may fall below the fit's deviance (over the dispersion) before the fit counts as unconverged. */
    private static final double BETTER_FIT_TOLERANCE = 1e-3;
    private static final int MAX_STEPS = 10;
    /** The confidence level when none is given (R's {@code confint}'s). */
    public static final double DEFAULT_LEVEL = 0.95;

    /** Which interval: Wald's or the profile likelihood's. */
    public enum Kind {
        WALD, PROFILE;

        /** The name the JSON and the CLI use: {@code wald} or {@code profile}. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** {@code wald} or {@code profile}, as the CLI takes it. */
        public static Kind byName(String name) {
            for (Kind k : values()) {
                if (k.label().equalsIgnoreCase(name.trim())) {
                    return k;
                }
            }
            throw new MlemUserException("--confint '" + name + "' is not an interval kind; use wald or profile");
        }
    }

    /** One coefficient's interval; both ends NaN for an aliased term, one end NaN where a profile stopped short. */
    public record Interval(String term, double lower, double upper) {}

    private ConfidenceIntervals() {
    }

    /** The {@code level} intervals of {@code kind} for every coefficient of {@code fit}, the fit of {@code design}. */
    public static List<Interval> of(Kind kind, GlmEstimator estimator, Design design, GlmFit fit, double level) {
        if (!(level > 0 && level < 1)) {
            throw new MlemUserException("--level must be between 0 and 1 (e.g. 0.95), got " + level);
        }
        return kind == Kind.WALD ? wald(fit, level) : profile(estimator, design, fit, level);
    }

    /** estimate ∓ qnorm((1 + level)/2) se, as R's {@code confint.default} (normal quantiles for every family). */
    public static List<Interval> wald(GlmFit fit, double level) {
        double q = Distributions.normalQuantile((1 + level) / 2);
        List<Interval> out = new ArrayList<>();
        for (Coefficient c : fit.coefficients()) {
            out.add(new Interval(c.term(), c.estimate() - q * c.standardError(), c.estimate() + q * c.standardError()));
        }
        return out;
    }

    /** The profile-likelihood intervals, as MASS's {@code confint.glm}. */
    public static List<Interval> profile(GlmEstimator estimator, Design design, GlmFit fit, double level) {
        Family family = estimator.family();
        if (family instanceof Family.NegativeBinomial nb && nb.thetaEstimated()) {
            family = new Family.NegativeBinomial(fit.theta());
        }
        return profile(family, fit, design.rows(), level, new OneMachine(estimator, design, fit, family));
    }

    /**
     * The refits a profile runs, wherever the rows are: {@link #from} starts a chain at the fit,
     * each of whose refits starts IRLS from the linear predictor the chain's last refit ended at.
     */
    @FunctionalInterface
    public interface Refits {
        /** A chain of refits with model-matrix column {@code column} held fixed, starting at the fit. */
        Chain from(int column);
    }

    /** Refits of one coefficient's profile in one direction. */
    @FunctionalInterface
    public interface Chain {
        /** The deviance of the refit with the held column's coefficient at {@code value}. */
        double deviance(double value);
    }

    /**
     * The profile-likelihood intervals of {@code fit} (a fit by {@code family}, theta fixed for a
     * negative binomial, to {@code rows} rows) whose refits {@code refits} runs, as MASS's
     * {@code confint.glm}.
     */
    public static List<Interval> profile(Family family, GlmFit fit, long rows, double level, Refits refits) {
        if (!(level > 0 && level < 1)) {
            throw new MlemUserException("--level must be between 0 and 1 (e.g. 0.95), got " + level);
        }
        int p = fit.coefficients().size();
        double alpha = (1 - level) / 4;
        double zmax = family instanceof Family.Binomial || family instanceof Family.Poisson
                ? Distributions.normalQuantile(1 - alpha / 2)
                : new TDistribution(rows - p, 1e-15).inverseCumulativeProbability(1 - alpha / 2);
        double cutLow = Distributions.normalQuantile((1 - level) / 2);
        double cutHigh = -cutLow;
        List<Interval> out = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            Coefficient c = fit.coefficients().get(j);
            if (c.aliased() || !(zmax > 0)) {
                out.add(new Interval(c.term(), Double.NaN, Double.NaN));
                continue;
            }
            double[][] zb = profile(fit, j, zmax, refits);
            double[][] curve = splineCurve(zb[1], zb[0]);
            out.add(new Interval(c.term(), inverse(curve, cutLow), inverse(curve, cutHigh)));
        }
        return out;
    }

    /**
     * One coefficient's profile, as MASS's {@code profile.glm}: {z values, b_j values}, sorted by z,
     * the fit itself (z = 0) included.
     */
    private static double[][] profile(GlmFit fit, int j, double zmax, Refits refits) {
        Coefficient c = fit.coefficients().get(j);
        double bj = c.estimate();
        double se = c.standardError();
        double del = zmax / 5;
        List<double[]> points = new ArrayList<>();
        points.add(new double[] {0, bj});
        for (int sgn = -1; sgn <= 1; sgn += 2) {
            double z = 0;
            Chain chain = refits.from(j);
            for (int step = 1; step < MAX_STEPS && Math.abs(z) < zmax; step++) {
                double b = bj + sgn * step * del * se;
                double zz = (chain.deviance(b) - fit.deviance()) / fit.dispersion();
                if (zz <= -BETTER_FIT_TOLERANCE) {
                    throw new MlemUserException("profiling " + c.term() + " found a better fit than the one reported, "
                            + "so the fit had not converged; raise --max-iter or lower --epsilon");
                }
                z = sgn * Math.sqrt(Math.max(zz, 0));
                points.add(new double[] {z, b});
            }
        }
        // R's order(): stable, by z
        points.sort((a, b) -> a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
        double[][] out = new double[2][points.size()];
        for (int k = 0; k < points.size(); k++) {
            out[0][k] = points.get(k)[0];
            out[1][k] = points.get(k)[1];
        }
        return out;
    }

    /** The refits on one machine: IRLS on the model matrix without the held column, which joins the offset. */
    private record OneMachine(GlmEstimator estimator, Design design, GlmFit fit, Family family) implements Refits {
        @Override
        public Chain from(int j) {
            int n = design.rows();
            int p = design.columns();
            double[] x = design.matrixColumnMajor();
            List<Integer> others = new ArrayList<>();
            for (int k = 0; k < p; k++) {
                if (k != j && !fit.coefficients().get(k).aliased()) {
                    others.add(k);
                }
            }
            int q = others.size();
            double[] xi = new double[n * q];
            for (int k = 0; k < q; k++) {
                System.arraycopy(x, others.get(k) * n, xi, k * n, n);
            }
            double[] y = design.response();
            double[] wt = design.weights();
            double[] offset0 = design.offset();
            double[][] eta = {fit.linearPredictors()};
            return b -> {
                double[] offset = new double[n];
                for (int i = 0; i < n; i++) {
                    offset[i] = offset0[i] + x[j * n + i] * b;
                }
                if (q == 0) {
                    double[] mu = new double[n];
                    for (int i = 0; i < n; i++) {
                        mu[i] = estimator.link().inverse(offset[i]);
                    }
                    eta[0] = offset;
                    return Irls.deviance(family, y, mu, wt);
                }
                Irls.Result r = Irls.fit(xi, n, q, y, wt, offset, family, estimator.link(), estimator.options(), eta[0]);
                eta[0] = r.eta();
                return r.deviance();
            };
        }
    }

    /**
     * R's {@code spline(x, y)}: ties in x averaged, the FMM spline read at 3 m equally spaced points
     * from min to max of the m distinct x. Returns {xs, ys}.
     */
    static double[][] splineCurve(double[] x, double[] y) {
        double[][] xy = collapse(x, y);
        int m = xy[0].length;
        if (m < 2) {
            return xy;
        }
        FmmSpline s = new FmmSpline(xy[0], xy[1]);
        int count = 3 * m;
        double from = xy[0][0];
        double to = xy[0][m - 1];
        double by = (to - from) / (count - 1);
        double[] xs = new double[count];
        double[] ys = new double[count];
        for (int i = 0; i < count; i++) {
            // as R's seq.int(from, to, length.out): from the nearer end, both ends exact
            xs[i] = i == count - 1 ? to : i < count / 2 ? from + i * by : to - (count - 1 - i) * by;
            ys[i] = s.value(xs[i]);
        }
        return new double[][] {xs, ys};
    }

    /** Where the curve {xs, ys} takes the value {@code target}: R's {@code approx(ys, xs, xout = target)$y}. */
    static double inverse(double[][] curve, double target) {
        double[][] zb = collapse(curve[1], curve[0]);
        double[] z = zb[0];
        double[] b = zb[1];
        int m = z.length;
        if (m == 0 || !(target >= z[0] && target <= z[m - 1])) {
            return Double.NaN;
        }
        if (m == 1) {
            return b[0];
        }
        int lo = FmmSpline.segment(z, target);
        int hi = lo + 1;
        if (target == z[hi]) {
            return b[hi];
        }
        if (target == z[lo]) {
            return b[lo];
        }
        return b[lo] + (b[hi] - b[lo]) * ((target - z[lo]) / (z[hi] - z[lo]));
    }

    /** R's {@code regularize.values(x, y, mean)}: sorted by x (stably), the y of tied x averaged; NaN pairs dropped. */
    private static double[][] collapse(double[] x, double[] y) {
        Integer[] order = new Integer[x.length];
        int kept = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
                order[kept++] = i;
            }
        }
        Integer[] idx = Arrays.copyOf(order, kept);
        Arrays.sort(idx, (a, b) -> x[a] < x[b] ? -1 : x[a] > x[b] ? 1 : 0);
        double[] ux = new double[kept];
        double[] uy = new double[kept];
        int m = 0;
        for (int k = 0; k < kept;) {
            int end = k;
            double sum = 0;
            while (end < kept && x[idx[end]] == x[idx[k]]) {
                sum += y[idx[end]];
                end++;
            }
            ux[m] = x[idx[k]];
            uy[m] = sum / (end - k);
            m++;
            k = end;
        }
        return new double[][] {Arrays.copyOf(ux, m), Arrays.copyOf(uy, m)};
    }
}
