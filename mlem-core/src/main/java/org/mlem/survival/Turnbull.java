package org.mlem.survival;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Turnbull's (1976) nonparametric maximum-likelihood estimate of a distribution from censored rows:
 * the mass sits on the innermost intervals (a left end followed by a right end when every row's
 * ends are sorted), and the self-consistency iteration — EM with each row's membership of the
 * innermost intervals as the latent variable — moves the masses s_j to
 * {@code Σ_i w_i α_ij s_j / Σ_k α_ik s_k / Σ w} until none moves by {@code tolerance}. Rows are read
 * as {@code Surv(l, r, type = "interval2")}: exact [t, t], left-censored (−∞, r], right-censored
 * (l, ∞), interval (l, r]; ends are ordered so that an exact row's t comes before right ends at t and
 * an open left end after them.
 */
public final class Turnbull {
    private static final int EXACT_LEFT = 0;
    private static final int RIGHT = 1;
    private static final int OPEN_LEFT = 2;

    private Turnbull() {
    }

    /**
     * The estimate: innermost intervals (lower[j], upper[j]] (closed when equal) and their masses.
     *
     * @param iterations EM iterations
     * @param converged whether the largest change of a mass fell below the tolerance
     * @param logLikelihood Σ w log Σ_j α_ij s_j
     */
    public record Fit(double[] lower, double[] upper, double[] mass, double logLikelihood, int iterations,
                      boolean converged) {
        /** S(t) = the mass of the innermost intervals ending after t (defined outside their insides). */
        public double survival(double t) {
            double s = 0;
            for (int j = 0; j < mass.length; j++) {
                if (upper[j] > t) {
                    s += mass[j];
                }
            }
            return s;
        }
    }

    private record End(double value, int rank, boolean left) {
    }

    private static boolean atMost(double v1, int r1, double v2, int r2) {
        return v1 < v2 || (v1 == v2 && r1 <= r2);
    }

    /** Fits by at most {@code maxIterations} self-consistency steps, stopping at a largest change below {@code tolerance}. */
    public static Fit fit(CensoredSample s, double tolerance, int maxIterations) {
        int n = s.rows();
        double[] lo = s.lower();
        double[] hi = s.upper();
        int[] loRank = new int[n];
        List<End> ends = new ArrayList<>(2 * n);
        for (int i = 0; i < n; i++) {
            loRank[i] = lo[i] == hi[i] ? EXACT_LEFT : OPEN_LEFT;
            ends.add(new End(lo[i], loRank[i], true));
            ends.add(new End(hi[i], RIGHT, false));
        }
        ends.sort(Comparator.comparingDouble(End::value).thenComparingInt(End::rank));
        List<double[]> inner = new ArrayList<>();
        for (int k = 0; k + 1 < ends.size(); k++) {
            End a = ends.get(k);
            End b = ends.get(k + 1);
            if (a.left() && !b.left()) {
                double[] cell = {a.value(), a.rank(), b.value()};
                if (inner.isEmpty() || !Arrays.equals(inner.get(inner.size() - 1), cell)) {
                    inner.add(cell);
                }
            }
        }
        int m = inner.size();
        boolean[][] member = new boolean[n][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double[] c = inner.get(j);
                member[i][j] = atMost(lo[i], loRank[i], c[0], (int) c[1]) && c[2] <= hi[i];
            }
        }
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += s.weight(i);
        }
        double[] mass = new double[m];
        Arrays.fill(mass, 1.0 / m);
        int iter = 0;
        boolean converged = false;
        while (iter < maxIterations && !converged) {
            iter++;
            double[] next = new double[m];
            for (int i = 0; i < n; i++) {
                double mu = rowMass(member[i], mass);
                for (int j = 0; j < m; j++) {
                    if (member[i][j]) {
                        next[j] += s.weight(i) * mass[j] / mu;
                    }
                }
            }
            double change = 0;
            for (int j = 0; j < m; j++) {
                next[j] /= total;
                change = Math.max(change, Math.abs(next[j] - mass[j]));
            }
            mass = next;
            converged = change < tolerance;
        }
        double ll = 0;
        for (int i = 0; i < n; i++) {
            ll += s.weight(i) * Math.log(rowMass(member[i], mass));
        }
        double[] lower = new double[m];
        double[] upper = new double[m];
        for (int j = 0; j < m; j++) {
            lower[j] = inner.get(j)[0];
            upper[j] = inner.get(j)[2];
        }
        return new Fit(lower, upper, mass, ll, iter, converged);
    }

    private static double rowMass(boolean[] member, double[] mass) {
        double mu = 0;
        for (int j = 0; j < mass.length; j++) {
            if (member[j]) {
                mu += mass[j];
            }
        }
        return mu;
    }
}
