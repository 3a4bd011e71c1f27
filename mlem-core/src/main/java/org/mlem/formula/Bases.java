package org.mlem.formula;

import java.util.Arrays;
import org.mlem.MlemUserException;

/**
 * The columns of {@code poly}, {@code ns} and {@code bs} over the rows used, built as R's
 * {@code stats::poly} and the splines package build them (the formulas, not their code):
 * <ul>
 * <li>{@code poly(x, d)}: the monic polynomials orthogonal over the centred x (Stieltjes' three-term
 *     recurrence, which is what R's QR of the centred powers computes), each scaled to unit length;
 *     {@code raw = TRUE}: x, x², ..., x^d.</li>
 * <li>{@code bs(x, df)}: the cubic B-splines on knots = the range of x (each 4 times) and
 *     {@code df − 3} interior knots at the quantiles (type 7) of x at equally spaced
 *     probabilities, the first B-spline dropped (R's {@code intercept = FALSE}).</li>
 * <li>{@code ns(x, df)}: the same with {@code df − 1} interior knots, the first B-spline dropped,
 *     then projected onto the splines with zero second derivative at both boundary knots: the rows
 *     of the basis times Qᵀ of a Householder QR (LINPACK's {@code dqrdc2}, as R's {@code qr}) of the
 *     two boundary constraints, less its first two entries.</li>
 * </ul>
 */
final class Bases {
    private static final int ORDER = 4;

    private Bases() {
    }

    /** A basis's columns over the rows used, and what new rows are coded with (null for a raw poly). */
    record Built(double[][] columns, BasisCoefs coefs) {}

    /** The columns of {@code basis} at {@code x} (the rows used), each of length {@code x.length}. */
    static double[][] columns(Variable v, double[] x) {
        return build(v, x).columns();
    }

    /** The columns of {@code basis} at {@code x} (the rows used) and their coefficients or knots. */
    static Built build(Variable v, double[] x) {
        int distinct = (int) Arrays.stream(x).distinct().count();
        if (v.basis() instanceof Basis.Poly p) {
            requireDistinct(v, p.degree(), distinct, "degree");
            if (p.raw()) {
                return new Built(raw(x, p.degree()), null);
            }
            double[] alpha = new double[p.degree()];
            double[] norm2 = new double[p.degree() + 2];
            double[][] cols = orthogonal(x, p.degree(), alpha, norm2);
            return new Built(cols, new BasisCoefs.Polynomial(alpha, norm2));
        }
        Basis.Spline s = (Basis.Spline) v.basis();
        requireDistinct(v, s.df(), distinct, "df");
        if (!s.natural() && s.df() < ORDER - 1) {
            throw new MlemUserException("'" + v.label() + "': a cubic B-spline needs df >= 3; raise df, or use ns()");
        }
        double[] knots = knots(x, s.natural() ? s.df() - 1 : s.df() - ORDER + 1);
        double[][] cols = s.natural() ? natural(knots, x) : bspline(knots, x);
        return new Built(cols, new BasisCoefs.Knots(Arrays.copyOfRange(knots, ORDER, knots.length - ORDER),
                new double[] {knots[0], knots[knots.length - 1]}));
    }

    /**
     * The columns of {@code basis} at new rows {@code x}, coded with the fit's {@code coefs}, as R's
     * {@code predict.poly} (the three-term recurrence with the fit's centres and norms) and
     * {@code predict} of ns/bs on the fit's knots do.
     *
     * @throws MlemUserException for a spline at a value outside its boundary knots (R extrapolates there)
     */
    static double[][] columns(Variable v, double[] x, BasisCoefs coefs) {
        if (coefs instanceof BasisCoefs.Polynomial p) {
            return polynomial(x, p.alpha(), p.norm2());
        }
        BasisCoefs.Knots k = (BasisCoefs.Knots) coefs;
        double[] boundary = k.boundary();
        for (double u : x) {
            if (u < boundary[0] || u > boundary[1]) {
                throw new MlemUserException("'" + v.label() + "' is " + u + " on a new row, outside the boundary knots ["
                        + boundary[0] + ", " + boundary[1] + "] of the fit; mlem does not extrapolate a spline yet, "
                        + "so predict only within that range (or refit with the row's range covered)");
            }
        }
        double[] interior = k.interior();
        double[] knots = new double[2 * ORDER + interior.length];
        Arrays.fill(knots, 0, ORDER, boundary[0]);
        System.arraycopy(interior, 0, knots, ORDER, interior.length);
        Arrays.fill(knots, ORDER + interior.length, knots.length, boundary[1]);
        return ((Basis.Spline) v.basis()).natural() ? natural(knots, x) : bspline(knots, x);
    }

    /** R's predict.poly: Z0 = 1, Z1 = x - alpha1, Z(d+1) = (x - alpha(d+1)) Zd - norm2(d+2)/norm2(d+1) Z(d-1), each / sqrt(norm2). */
    static double[][] polynomial(double[] x, double[] alpha, double[] norm2) {
        int degree = alpha.length;
        int n = x.length;
        double[][] out = new double[degree][n];
        for (int i = 0; i < n; i++) {
            double prev = 1;
            double cur = x[i] - alpha[0];
            out[0][i] = cur / Math.sqrt(norm2[2]);
            for (int d = 1; d < degree; d++) {
                double next = (x[i] - alpha[d]) * cur - norm2[d + 1] / norm2[d] * prev;
                prev = cur;
                cur = next;
                out[d][i] = cur / Math.sqrt(norm2[d + 2]);
            }
        }
        return out;
    }

    private static void requireDistinct(Variable v, int df, int distinct, String what) {
        if (df > distinct - 1) {
            throw new MlemUserException("'" + v.label() + "': " + RDeparse.of(v.expr()) + " has " + distinct
                    + " distinct value" + (distinct == 1 ? "" : "s") + " in the rows used, so " + what
                    + " can be at most " + Math.max(0, distinct - 1) + "; lower " + what + " to "
                    + Math.max(0, distinct - 1) + " or less (or drop the term)");
        }
    }

    static double[][] raw(double[] x, int degree) {
        double[][] out = new double[degree][x.length];
        for (int i = 0; i < x.length; i++) {
            double p = 1;
            for (int d = 0; d < degree; d++) {
                p *= x[i];
                out[d][i] = p;
            }
        }
        return out;
    }

    static double[][] orthogonal(double[] x, int degree) {
        return orthogonal(x, degree, new double[degree], new double[degree + 2]);
    }

    /** {@link #orthogonal(double[], int)}, filling R's coefs: {@code alpha} [degree], {@code norm2} [degree + 2]. */
    static double[][] orthogonal(double[] x, int degree, double[] alphaOut, double[] norm2Out) {
        int n = x.length;
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= n;
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            c[i] = x[i] - mean;
        }
        double[] prev = new double[n];
        double[] cur = new double[n];
        Arrays.fill(cur, 1.0);
        norm2Out[0] = 1;
        norm2Out[1] = n;
        double prevNorm2 = 0;
        double curNorm2 = n;
        double[][] out = new double[degree][];
        for (int d = 0; d < degree; d++) {
            double alpha = 0;
            for (int i = 0; i < n; i++) {
                alpha += c[i] * cur[i] * cur[i];
            }
            alpha /= curNorm2;
            alphaOut[d] = alpha + mean;
            double beta = d == 0 ? 0 : curNorm2 / prevNorm2;
            double[] next = new double[n];
            for (int i = 0; i < n; i++) {
                next[i] = (c[i] - alpha) * cur[i] - beta * prev[i];
            }
            reorthogonalise(next, cur, curNorm2);
            if (d > 0) {
                reorthogonalise(next, prev, prevNorm2);
            }
            double nextNorm2 = 0;
            for (double v : next) {
                nextNorm2 += v * v;
            }
            norm2Out[d + 2] = nextNorm2;
            double scale = 1 / Math.sqrt(nextNorm2);
            out[d] = new double[n];
            for (int i = 0; i < n; i++) {
                out[d][i] = next[i] * scale;
            }
            prev = cur;
            prevNorm2 = curNorm2;
            cur = next;
            curNorm2 = nextNorm2;
        }
        return out;
    }

    /** One more Gram–Schmidt pass of {@code v} against {@code q} (squared length {@code q2}): the recurrence's rounding. */
    private static void reorthogonalise(double[] v, double[] q, double q2) {
        double dot = 0;
        for (int i = 0; i < v.length; i++) {
            dot += v[i] * q[i];
        }
        double r = dot / q2;
        for (int i = 0; i < v.length; i++) {
            v[i] -= r * q[i];
        }
    }

    static double[][] bspline(double[] x, int df) {
        return bspline(knots(x, df - ORDER + 1), x);
    }

    /** The cubic B-splines on the full knot sequence {@code knots} at x, the first dropped. */
    static double[][] bspline(double[] knots, double[] x) {
        double[][] full = design(knots, x, 0);
        return Arrays.copyOfRange(full, 1, full.length);
    }

    static double[][] natural(double[] x, int df) {
        return natural(knots(x, df - 1), x);
    }

    /** The natural cubic splines on the full knot sequence {@code knots} at x. */
    static double[][] natural(double[] knots, double[] x) {
        double[][] basis = design(knots, x, 0);
        double[] boundary = {knots[0], knots[knots.length - 1]};
        double[][] constraint = design(knots, boundary, 2); // [B-spline][boundary]
        int p = basis.length - 1;
        // t(const) without the first B-spline: p rows, 2 columns, column-major.
        double[] a = new double[p * 2];
        for (int j = 0; j < 2; j++) {
            for (int i = 0; i < p; i++) {
                a[i + j * p] = constraint[i + 1][j];
            }
        }
        double[] qraux = householder(a, p, 2);
        int n = x.length;
        double[][] out = new double[p - 2][n];
        double[] y = new double[p];
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < p; i++) {
                y[i] = basis[i + 1][r];
            }
            qty(a, p, 2, qraux, y);
            for (int i = 2; i < p; i++) {
                out[i - 2][r] = y[i];
            }
        }
        return out;
    }

    /** The full knot sequence: the range of x {@link #ORDER} times at each end, {@code interior} quantile knots between. */
    static double[] knots(double[] x, int interior) {
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        double lo = sorted[0];
        double hi = sorted[sorted.length - 1];
        double[] k = new double[2 * ORDER + interior];
        Arrays.fill(k, 0, ORDER, lo);
        for (int j = 1; j <= interior; j++) {
            k[ORDER + j - 1] = quantile(sorted, j * (1.0 / (interior + 1))); // seq(0, 1, length.out) as R steps it
        }
        Arrays.fill(k, ORDER + interior, k.length, hi);
        Arrays.sort(k);
        return k;
    }

    /** R's type-7 quantile of sorted values. */
    static double quantile(double[] sorted, double prob) {
        double index = (sorted.length - 1) * prob;
        int lo = (int) Math.floor(index);
        int hi = Math.min(lo + 1, sorted.length - 1);
        double h = index - lo;
        return h == 0 || sorted[hi] == sorted[lo] ? sorted[lo] : (1 - h) * sorted[lo] + h * sorted[hi];
    }

    /**
     * The {@code deriv}-th derivative of every B-spline of order {@link #ORDER} on {@code knots} at
     * each of {@code x}: [spline][point]. A point at the right boundary knot takes the last interval
     * (the limit from the left), as R's splineDesign does.
     */
    static double[][] design(double[] knots, double[] x, int deriv) {
        int count = knots.length - ORDER;
        double[][] out = new double[count][x.length];
        double[] b = new double[ORDER];
        for (int r = 0; r < x.length; r++) {
            int mu = interval(knots, x[r]);
            // Cox–de Boor: b[j] is B_{mu-k+1+j, k} for the current order k.
            Arrays.fill(b, 0);
            b[0] = 1;
            int lowOrder = ORDER - deriv;
            for (int k = 1; k < lowOrder; k++) {
                double[] next = new double[k + 1];
                for (int j = 0; j <= k; j++) {
                    int i = mu - k + j; // B_{i, k+1}
                    double left = j == 0 ? 0 : b[j - 1] * ratio(x[r] - knots[i], knots[i + k] - knots[i]);
                    double right = j == k ? 0 : b[j] * ratio(knots[i + k + 1] - x[r], knots[i + k + 1] - knots[i + 1]);
                    next[j] = left + right;
                }
                System.arraycopy(next, 0, b, 0, k + 1);
            }
            for (int k = lowOrder; k < ORDER; k++) {
                // derivative step: B'_{i,k+1} = k (B_{i,k}/(t_{i+k}-t_i) - B_{i+1,k}/(t_{i+k+1}-t_{i+1}))
                double[] next = new double[k + 1];
                for (int j = 0; j <= k; j++) {
                    int i = mu - k + j;
                    double left = j == 0 ? 0 : b[j - 1] * ratio(1, knots[i + k] - knots[i]);
                    double right = j == k ? 0 : b[j] * ratio(1, knots[i + k + 1] - knots[i + 1]);
                    next[j] = k * (left - right);
                }
                System.arraycopy(next, 0, b, 0, k + 1);
            }
            for (int j = 0; j < ORDER; j++) {
                out[mu - ORDER + 1 + j][r] = b[j];
            }
        }
        return out;
    }

    private static double ratio(double num, double den) {
        return den == 0 ? 0 : num / den;
    }

    /** The largest mu with knots[mu] <= x < knots[mu+1] among the spline's intervals; the last one at the right end. */
    private static int interval(double[] knots, double x) {
        int last = knots.length - ORDER - 1;
        int mu = ORDER - 1;
        for (int i = ORDER - 1; i <= last; i++) {
            if (knots[i] <= x && knots[i] < knots[i + 1]) {
                mu = i;
            }
        }
        return mu;
    }

    /**
     * LINPACK's Householder QR without pivoting (R's {@code dqrdc2} when no column is dropped), in
     * place on the column-major n×p {@code a}; returns qraux.
     */
    static double[] householder(double[] a, int n, int p) {
        double[] qraux = new double[p];
        for (int l = 0; l < p; l++) {
            double norm = 0;
            for (int i = l; i < n; i++) {
                norm = Math.hypot(norm, a[i + l * n]);
            }
            if (norm == 0) {
                continue;
            }
            if (a[l + l * n] != 0) {
                norm = Math.copySign(norm, a[l + l * n]);
            }
            for (int i = l; i < n; i++) {
                a[i + l * n] /= norm;
            }
            a[l + l * n] += 1;
            for (int j = l + 1; j < p; j++) {
                double t = 0;
                for (int i = l; i < n; i++) {
                    t -= a[i + l * n] * a[i + j * n];
                }
                t /= a[l + l * n];
                for (int i = l; i < n; i++) {
                    a[i + j * n] += t * a[i + l * n];
                }
            }
            qraux[l] = a[l + l * n];
            a[l + l * n] = -norm;
        }
        return qraux;
    }

    /** y := Qᵀ y for the QR {@link #householder} left in {@code a}, {@code qraux} (LINPACK's dqrsl). */
    static void qty(double[] a, int n, int p, double[] qraux, double[] y) {
        for (int j = 0; j < p; j++) {
            if (qraux[j] == 0) {
                continue;
            }
            double diag = a[j + j * n];
            a[j + j * n] = qraux[j];
            double t = 0;
            for (int i = j; i < n; i++) {
                t -= a[i + j * n] * y[i];
            }
            t /= a[j + j * n];
            for (int i = j; i < n; i++) {
                y[i] += t * a[i + j * n];
            }
            a[j + j * n] = diag;
        }
    }
}
