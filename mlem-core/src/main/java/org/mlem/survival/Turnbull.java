package org.mlem.survival;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * Turnbull's (1976) nonparametric maximum-likelihood estimate of a distribution from censored rows:
 * the mass sits on the innermost intervals (a left end followed by a right end when every row's
 * ends are sorted), and the self-consistency iteration — EM with each row's membership of the
 * innermost intervals as the latent variable — moves the masses s_j to
 * {@code Σ_i w_i α_ij s_j / Σ_k α_ik s_k / Σ w} until none moves by {@code tolerance}. Rows are read
 * as {@code Surv(l, r, type = "interval2")}: exact [t, t], left-censored (−∞, r], right-censored
 * (l, ∞), interval (l, r]; ends are ordered so that an exact row's t comes before right ends at t and
 * an open left end after them.
 *
 * <p>A row's innermost intervals are a run j = first..last of them, so the rows enter the
 * iteration only through the total weight of each distinct run ({@link Runs}): the fit is three
 * steps — the rows' {@link #ends}, the {@link #innermost} intervals among them, the runs'
 * weights — each of which merges over parts of the rows (mlem-spark's partitions) before
 * {@link #fit(Cells, Runs, double, int)} iterates on them.
 */
public final class Turnbull {
    /** The default stopping rule ({@code fit turnbull --tol}): no innermost interval's mass moves by more. */
    public static final double DEFAULT_TOLERANCE = 1e-12;
    /** The default most iterations ({@code fit turnbull --max-iter}). */
    public static final int DEFAULT_MAX_ITERATIONS = 1_000_000;

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
        /**
         * S after each innermost interval: 1 minus the masses up to it, read as 0 below 1e-14 (the
         * table and file of {@code fit turnbull}).
         */
        public double[] survivalAfter() {
            double[] out = new double[mass.length];
            double s = 1;
            for (int j = 0; j < mass.length; j++) {
                s -= mass[j];
                out[j] = s < 1e-14 ? 0 : s;
            }
            return out;
        }

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

    /**
     * The innermost intervals, in order: cell j is (lower[j], upper[j]], its lower end of rank
     * {@code lowerRank[j]} (0 an exact value's, 2 an open end: the order of ends at one value).
     */
    public record Cells(double[] lower, int[] lowerRank, double[] upper) implements Serializable {
        private static final long serialVersionUID = 1L;

        public int size() {
            return lower.length;
        }
    }

    /**
     * Rows grouped by their run of innermost intervals: run r covers cells first[r]..last[r] (empty
     * when last &lt; first) and holds rows of total weight weight[r]; runs sorted by first, then last.
     */
    public record Runs(int[] first, int[] last, double[] weight) implements Serializable {
        private static final long serialVersionUID = 1L;

        /** These runs and {@code other}'s, equal runs' weights added (this one's first). */
        public Runs merge(Runs other) {
            TreeMap<Long, Double> m = map();
            for (int r = 0; r < other.first.length; r++) {
                m.merge(key(other.first[r], other.last[r]), other.weight[r], Double::sum);
            }
            return of(m);
        }

        private TreeMap<Long, Double> map() {
            TreeMap<Long, Double> m = new TreeMap<>();
            for (int r = 0; r < first.length; r++) {
                m.merge(key(first[r], last[r]), weight[r], Double::sum);
            }
            return m;
        }

        private static long key(int first, int last) {
            return ((long) first << 32) | (last + 1L); // last is at least first - 1 >= -1
        }

        private static Runs of(TreeMap<Long, Double> m) {
            int[] a = new int[m.size()];
            int[] b = new int[m.size()];
            double[] w = new double[m.size()];
            int r = 0;
            for (var e : m.entrySet()) {
                a[r] = (int) (e.getKey() >>> 32);
                b[r] = (int) (e.getKey() & 0xffffffffL) - 1;
                w[r++] = e.getValue();
            }
            return new Runs(a, b, w);
        }
    }

    /** Fits by at most {@code maxIterations} self-consistency steps, stopping at a largest change below {@code tolerance}. */
    public static Fit fit(CensoredSample s, double tolerance, int maxIterations) {
        Cells cells = innermost(ends(s));
        return fit(cells, runs(s, cells), tolerance, maxIterations);
    }

    /** Each row's two ends as {value, rank}: its lower end (rank 0 exact, 2 open), its upper end (rank 1). */
    public static double[][] ends(CensoredSample s) {
        double[] lo = s.lower();
        double[] hi = s.upper();
        double[][] ends = new double[2 * lo.length][];
        for (int i = 0; i < lo.length; i++) {
            ends[2 * i] = new double[] {lo[i], lowerRank(lo[i], hi[i])};
            ends[2 * i + 1] = new double[] {hi[i], RIGHT};
        }
        return ends;
    }

    private static int lowerRank(double lo, double hi) {
        return lo == hi ? EXACT_LEFT : OPEN_LEFT;
    }

    /** The innermost intervals among {@code ends} ({value, rank} pairs in any order; repeats change nothing). */
    public static Cells innermost(double[][] ends) {
        double[][] sorted = ends.clone();
        Arrays.sort(sorted, Comparator.<double[]>comparingDouble(e -> e[0]).thenComparingDouble(e -> e[1]));
        List<double[]> inner = new ArrayList<>();
        for (int k = 0; k + 1 < sorted.length; k++) {
            double[] a = sorted[k];
            double[] b = sorted[k + 1];
            if (a[1] != RIGHT && b[1] == RIGHT) {
                double[] cell = {a[0], a[1], b[0]};
                if (inner.isEmpty() || !Arrays.equals(inner.get(inner.size() - 1), cell)) {
                    inner.add(cell);
                }
            }
        }
        int m = inner.size();
        double[] lower = new double[m];
        int[] rank = new int[m];
        double[] upper = new double[m];
        for (int j = 0; j < m; j++) {
            lower[j] = inner.get(j)[0];
            rank[j] = (int) inner.get(j)[1];
            upper[j] = inner.get(j)[2];
        }
        return new Cells(lower, rank, upper);
    }

    /**
     * The rows of {@code s} grouped by their run of {@code cells}: row i holds cell j when its lower
     * end is at most the cell's (by value, then rank) and the cell's upper end at most its upper end.
     */
    public static Runs runs(CensoredSample s, Cells cells) {
        double[] lo = s.lower();
        double[] hi = s.upper();
        TreeMap<Long, Double> m = new TreeMap<>();
        int n = cells.size();
        for (int i = 0; i < lo.length; i++) {
            int rank = lowerRank(lo[i], hi[i]);
            int first = 0;
            while (first < n && !atMost(lo[i], rank, cells.lower()[first], cells.lowerRank()[first])) {
                first++;
            }
            int last = first - 1;
            while (last + 1 < n && cells.upper()[last + 1] <= hi[i]) {
                last++;
            }
            m.merge(Runs.key(first, last), s.weight(i), Double::sum);
        }
        return Runs.of(m);
    }

    private static boolean atMost(double v1, int r1, double v2, int r2) {
        return v1 < v2 || (v1 == v2 && r1 <= r2);
    }

    /** The self-consistency iteration from equal masses on {@code cells}, the rows given by their {@code runs}. */
    public static Fit fit(Cells cells, Runs runs, double tolerance, int maxIterations) {
        int m = cells.size();
        int[] first = runs.first();
        int[] last = runs.last();
        double[] w = runs.weight();
        double total = 0;
        for (double v : w) {
            total += v;
        }
        double[] mass = new double[m];
        Arrays.fill(mass, 1.0 / m);
        int iter = 0;
        boolean converged = false;
        while (iter < maxIterations && !converged) {
            iter++;
            double[] next = new double[m];
            for (int r = 0; r < w.length; r++) {
                double mu = runMass(first[r], last[r], mass);
                for (int j = first[r]; j <= last[r]; j++) {
                    next[j] += w[r] * mass[j] / mu;
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
        for (int r = 0; r < w.length; r++) {
            ll += w[r] * Math.log(runMass(first[r], last[r], mass));
        }
        return new Fit(cells.lower().clone(), cells.upper().clone(), mass, ll, iter, converged);
    }

    private static double runMass(int first, int last, double[] mass) {
        double mu = 0;
        for (int j = first; j <= last; j++) {
            mu += mass[j];
        }
        return mu;
    }
}
