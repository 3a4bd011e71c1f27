package org.mlem.glm;

/**
 * The interpolating cubic spline of Forsythe, Malcolm and Moler (Computer Methods for Mathematical
 * Computations, 1977, section 4.4), R's {@code spline(method = "fmm")}: at each end the third
 * derivative equals that of the cubic through the four nearest points (with three points, a
 * parabola; with two, the line). Written from the book's equations in the second derivatives.
 */
final class FmmSpline {
    private final double[] x;
    private final double[] y;
    private final double[] b;
    private final double[] c;
    private final double[] d;

    /** The spline through (x[i], y[i]); x strictly increasing, at least two points. */
    FmmSpline(double[] x, double[] y) {
        int n = x.length;
        if (n < 2 || y.length != n) {
            throw new IllegalArgumentException("a spline needs at least two points, got " + n);
        }
        this.x = x.clone();
        this.y = y.clone();
        b = new double[n];
        c = new double[n];
        d = new double[n];
        double[] h = new double[n - 1];
        double[] slope = new double[n - 1];
        for (int i = 0; i < n - 1; i++) {
            h[i] = x[i + 1] - x[i];
            slope[i] = (y[i + 1] - y[i]) / h[i];
        }
        if (n == 2) {
            b[0] = slope[0];
            b[1] = slope[0];
            return;
        }
        // sigma = S''/6 at the knots: h[i-1] s[i-1] + 2 (h[i-1] + h[i]) s[i] + h[i] s[i+1] = slope[i] - slope[i-1]
        double[] lower = new double[n];
        double[] diag = new double[n];
        double[] upper = new double[n];
        double[] rhs = new double[n];
        for (int i = 1; i < n - 1; i++) {
            lower[i] = h[i - 1];
            diag[i] = 2 * (h[i - 1] + h[i]);
            upper[i] = h[i];
            rhs[i] = slope[i] - slope[i - 1];
        }
        // ends: (s[1] - s[0]) / h[0] = f[x0..x3], (s[n-1] - s[n-2]) / h[n-2] = f[x(n-4)..x(n-1)]
        double third0 = n > 3 ? thirdDifference(0) : 0;
        double thirdN = n > 3 ? thirdDifference(n - 4) : 0;
        diag[0] = -h[0];
        upper[0] = h[0];
        rhs[0] = h[0] * h[0] * third0;
        lower[n - 1] = h[n - 2];
        diag[n - 1] = -h[n - 2];
        rhs[n - 1] = -h[n - 2] * h[n - 2] * thirdN;
        double[] s = tridiagonal(lower, diag, upper, rhs);
        for (int i = 0; i < n - 1; i++) {
            b[i] = slope[i] - h[i] * (s[i + 1] + 2 * s[i]);
            c[i] = 3 * s[i];
            d[i] = (s[i + 1] - s[i]) / h[i];
        }
        b[n - 1] = b[n - 2] + h[n - 2] * (2 * c[n - 2] + 3 * h[n - 2] * d[n - 2]);
        c[n - 1] = 3 * s[n - 1];
        d[n - 1] = d[n - 2];
    }

    /** The third divided difference f[x(k), x(k+1), x(k+2), x(k+3)]. */
    private double thirdDifference(int k) {
        double d01 = (y[k + 1] - y[k]) / (x[k + 1] - x[k]);
        double d12 = (y[k + 2] - y[k + 1]) / (x[k + 2] - x[k + 1]);
        double d23 = (y[k + 3] - y[k + 2]) / (x[k + 3] - x[k + 2]);
        double d012 = (d12 - d01) / (x[k + 2] - x[k]);
        double d123 = (d23 - d12) / (x[k + 3] - x[k + 1]);
        return (d123 - d012) / (x[k + 3] - x[k]);
    }

    /** Gaussian elimination without pivoting on a tridiagonal system (the spline's is well conditioned). */
    private static double[] tridiagonal(double[] lower, double[] diag, double[] upper, double[] rhs) {
        int n = diag.length;
        double[] dd = diag.clone();
        double[] r = rhs.clone();
        for (int i = 1; i < n; i++) {
            double m = lower[i] / dd[i - 1];
            dd[i] -= m * upper[i - 1];
            r[i] -= m * r[i - 1];
        }
        double[] s = new double[n];
        s[n - 1] = r[n - 1] / dd[n - 1];
        for (int i = n - 2; i >= 0; i--) {
            s[i] = (r[i] - upper[i] * s[i + 1]) / dd[i];
        }
        return s;
    }

    /** The spline at u (beyond the knots, the end pieces continued). */
    double value(double u) {
        int n = x.length;
        int k = u >= x[n - 1] ? n - 1 : segment(x, u);
        double dx = u - x[k];
        return y[k] + dx * (b[k] + dx * (c[k] + dx * d[k]));
    }

    /** The k in [0, n - 2] with x[k] <= u < x[k + 1] (0 below x[0], n - 2 from x[n - 1] on); x increasing, n >= 2. */
    static int segment(double[] x, double u) {
        int lo = 0;
        int hi = x.length - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (u < x[mid]) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return lo;
    }
}
