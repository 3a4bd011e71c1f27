package org.mlem.survival;

import java.util.Arrays;
import java.util.List;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.DecompositionSolver;
import org.hipparchus.linear.QRDecomposition;
import org.mlem.MlemUserException;

/**
 * Parametric accelerated-failure-time regression by maximum likelihood, as {@code survival::survreg}:
 * y = log T (or T) = xᵀβ + σW. An exact row contributes log f(z)/σ (and −log t on the log scale),
 * a right-censored one log S(z), a left-censored one log F(z), an interval log(F(z₂) − F(z₁)), with
 * z = (y − xᵀβ)/σ. Newton–Raphson in (β, log σ) with the analytic gradient and Hessian, step halving,
 * and a ridge on the information while it is not positive definite; standard errors from the inverse
 * of the observed information at the estimate (survreg's {@code vcov}).
 *
 * <p>Start: least squares of each row's midpoint (a censored row's finite bound) on x, σ from the
 * residual standard deviation over W's.
 *
 * @param distribution the error distribution and time scale
 */
public record SurvivalRegression(AftDistribution distribution) {
    private static final int MAX_ITERATIONS = 200;

    /**
     * Fits the model.
     *
     * @param x the design, column-major n × p
     * @param names the p column names
     * @param y the responses as bounds on T (exact, censored, interval)
     * @throws RowException a time that is not positive on a log-time distribution
     */
    public SurvivalFit fit(double[] x, List<String> names, CensoredSample y) {
        int n = y.rows();
        int p = names.size();
        if (x.length != (long) n * p) {
            throw new IllegalArgumentException("the design has " + x.length + " cells, not " + n + " × " + p);
        }
        if (n <= p) {
            throw new MlemUserException("survreg: " + n + " rows for " + p + " coefficients; the model needs more rows"
                    + " than coefficients");
        }
        Problem problem = new Problem(distribution, x, n, p, y);
        double[] theta = problem.start();
        Evaluation current = problem.evaluate(theta);
        boolean converged = false;
        int iter = 0;
        while (iter < MAX_ITERATIONS && !converged) {
            iter++;
            double[] step = newtonStep(current);
            double factor = 1;
            Evaluation trial = null;
            for (int halving = 0; halving < 40; halving++, factor /= 2) {
                double[] next = theta.clone();
                for (int j = 0; j < next.length; j++) {
                    next[j] += factor * step[j];
                }
                trial = problem.evaluate(next);
                if (trial.logLikelihood >= current.logLikelihood - 1e-15 * Math.abs(current.logLikelihood)) {
                    theta = next;
                    break;
                }
                trial = null;
            }
            if (trial == null) {
                break;
            }
            double change = Math.abs(trial.logLikelihood - current.logLikelihood);
            converged = factor == 1 && change <= 1e-13 * Math.max(1, Math.abs(trial.logLikelihood));
            current = trial;
        }
        double[][] cov = covariance(current.hessian);
        double[] beta = Arrays.copyOf(theta, p);
        double scale = distribution.fixedScale ? 1 : Math.exp(theta[p]);
        return new SurvivalFit(distribution, names, beta, scale, cov, current.logLikelihood, n, y.counts(), iter,
                converged);
    }

    /** (−H + λI)⁻¹ g, λ = 0 when −H is positive definite, else the smallest tenfold ridge that makes it so. */
    private static double[] newtonStep(Evaluation e) {
        int q = e.gradient.length;
        double ridge = 0;
        double trace = 0;
        for (int j = 0; j < q; j++) {
            trace += Math.abs(e.hessian[j][j]);
        }
        for (int attempt = 0; attempt < 60; attempt++) {
            double[][] info = new double[q][q];
            for (int i = 0; i < q; i++) {
                for (int j = 0; j < q; j++) {
                    info[i][j] = -e.hessian[i][j] + (i == j ? ridge : 0);
                }
            }
            DecompositionSolver solver = cholesky(info);
            if (solver != null) {
                return solver.solve(new ArrayRealVector(e.gradient, false)).toArray();
            }
            ridge = ridge == 0 ? 1e-8 * Math.max(trace / q, 1e-300) : ridge * 10;
        }
        throw new MlemUserException("survreg: the information matrix cannot be made positive definite; check the"
                + " design for constant or collinear columns");
    }

    private static DecompositionSolver cholesky(double[][] info) {
        try {
            return new CholeskyDecomposition(new Array2DRowRealMatrix(info, false), 1e-14, 1e-300).getSolver();
        } catch (RuntimeException notPositiveDefinite) {
            return null;
        }
    }

    private static double[][] covariance(double[][] hessian) {
        int q = hessian.length;
        double[][] info = new double[q][q];
        for (int i = 0; i < q; i++) {
            for (int j = 0; j < q; j++) {
                info[i][j] = -hessian[i][j];
            }
        }
        DecompositionSolver solver = cholesky(info);
        if (solver == null) {
            double[][] nan = new double[q][q];
            for (double[] row : nan) {
                Arrays.fill(row, Double.NaN);
            }
            return nan;
        }
        return solver.getInverse().getData();
    }

    /** ℓ, its gradient and Hessian in (β, log σ) at one θ. */
    record Evaluation(double logLikelihood, double[] gradient, double[][] hessian) {
    }

    /** The data on the model's scale: y bounds (log t for the log-time distributions) and weights. */
    static final class Problem {
        private final AftDistribution dist;
        private final ErrorDistribution w;
        private final double[] x;
        private final int n;
        private final int p;
        private final double[] lo;
        private final double[] hi;
        private final double[] weight;
        private final double jacobian;

        Problem(AftDistribution dist, double[] x, int n, int p, CensoredSample y) {
            this.dist = dist;
            this.w = dist.error;
            this.x = x;
            this.n = n;
            this.p = p;
            this.lo = y.lower();
            this.hi = y.upper();
            this.weight = new double[n];
            double jac = 0;
            for (int i = 0; i < n; i++) {
                weight[i] = y.weight(i);
                if (dist.logTime) {
                    if (lo[i] == hi[i] ? lo[i] <= 0 : hi[i] <= 0 || (lo[i] < 0 && lo[i] != Double.NEGATIVE_INFINITY)) {
                        throw new RowException(i, "the " + dist.rName() + " model is for positive times, got "
                                + (lo[i] == hi[i] ? String.valueOf(lo[i]) : "[" + lo[i] + ", " + hi[i] + "]")
                                + "; remove the row or choose --dist gaussian");
                    }
                    if (lo[i] == hi[i]) {
                        jac += weight[i] * Math.log(lo[i]);
                    }
                    lo[i] = lo[i] <= 0 ? Double.NEGATIVE_INFINITY : Math.log(lo[i]);
                    hi[i] = Math.log(hi[i]);
                }
            }
            this.jacobian = jac;
        }

        int parameters() {
            return dist.fixedScale ? p : p + 1;
        }

        double[] start() {
            double[] mid = new double[n];
            for (int i = 0; i < n; i++) {
                mid[i] = lo[i] == Double.NEGATIVE_INFINITY ? hi[i]
                        : hi[i] == Double.POSITIVE_INFINITY ? lo[i] : (lo[i] + hi[i]) / 2;
            }
            Array2DRowRealMatrix design = new Array2DRowRealMatrix(n, p);
            for (int j = 0; j < p; j++) {
                for (int i = 0; i < n; i++) {
                    design.setEntry(i, j, x[j * n + i]);
                }
            }
            double[] beta = new QRDecomposition(design, 1e-12).getSolver()
                    .solve(new ArrayRealVector(mid, false)).toArray();
            double ss = 0;
            for (int i = 0; i < n; i++) {
                double r = mid[i] - eta(beta, i);
                ss += r * r;
            }
            double sd = Math.sqrt(ss / (n - p));
            double[] theta = Arrays.copyOf(beta, parameters());
            if (!dist.fixedScale) {
                theta[p] = Math.log(sd > 0 && Double.isFinite(sd) ? sd / w.sdPerScale() : 1);
            }
            return theta;
        }

        private double eta(double[] theta, int i) {
            double e = 0;
            for (int j = 0; j < p; j++) {
                e += x[j * n + i] * theta[j];
            }
            return e;
        }

        Evaluation evaluate(double[] theta) {
            int q = parameters();
            double s = dist.fixedScale ? 0 : theta[p];
            double sigma = Math.exp(s);
            double ll = -jacobian;
            double[] g = new double[q];
            double[][] h = new double[q][q];
            double[] d = new double[5]; // ℓ_η, ℓ_s, ℓ_ηη, ℓ_ηs, ℓ_ss of one row
            for (int i = 0; i < n; i++) {
                if (weight[i] == 0) {
                    continue;
                }
                double eta = eta(theta, i);
                ll += weight[i] * row(lo[i], hi[i], eta, s, sigma, d);
                for (int a = 0; a < p; a++) {
                    double xa = x[a * n + i] * weight[i];
                    g[a] += xa * d[0];
                    for (int b = 0; b <= a; b++) {
                        h[a][b] += xa * x[b * n + i] * d[2];
                    }
                    if (q > p) {
                        h[p][a] += xa * d[3];
                    }
                }
                if (q > p) {
                    g[p] += weight[i] * d[1];
                    h[p][p] += weight[i] * d[4];
                }
            }
            for (int a = 0; a < q; a++) {
                for (int b = a + 1; b < q; b++) {
                    h[a][b] = h[b][a];
                }
            }
            if (!Double.isFinite(ll)) {
                ll = Double.NEGATIVE_INFINITY;
            }
            return new Evaluation(ll, g, h);
        }

        /** One row's log-likelihood; its derivatives in (η, log σ) into d. */
        private double row(double l, double u, double eta, double s, double sigma, double[] d) {
            if (l == u) {
                double z = (l - eta) / sigma;
                double l1 = w.d1(z);
                double l2 = w.d2(z);
                d[0] = -l1 / sigma;
                d[1] = -z * l1 - 1;
                d[2] = l2 / (sigma * sigma);
                d[3] = (l1 + z * l2) / sigma;
                d[4] = z * l1 + z * z * l2;
                return w.logDensity(z) - s;
            }
            if (l == Double.NEGATIVE_INFINITY || u == Double.POSITIVE_INFINITY) {
                boolean right = u == Double.POSITIVE_INFINITY;
                double z = ((right ? l : u) - eta) / sigma;
                double logG = right ? w.logSurvival(z) : w.logCdf(z);
                double ratio = Math.exp(w.logDensity(z) - logG); // f/S or f/F
                double l1 = w.d1(z);
                double g1 = right ? -ratio : ratio;
                double g2 = right ? -ratio * l1 - ratio * ratio : ratio * l1 - ratio * ratio;
                d[0] = -g1 / sigma;
                d[1] = -z * g1;
                d[2] = g2 / (sigma * sigma);
                d[3] = (g1 + z * g2) / sigma;
                d[4] = z * g1 + z * z * g2;
                return logG;
            }
            double z1 = (l - eta) / sigma;
            double z2 = (u - eta) / sigma;
            double mass = w.mass(z1, z2);
            double f1 = Math.exp(w.logDensity(z1));
            double f2 = Math.exp(w.logDensity(z2));
            double fp1 = f1 * w.d1(z1);
            double fp2 = f2 * w.d1(z2);
            // ∂z/∂η = −1/σ, ∂z/∂s = −z; ∂²z/∂η² = 0, ∂²z/∂η∂s = 1/σ, ∂²z/∂s² = z
            double dEta = (-f2 + f1) / sigma;
            double dS = -f2 * z2 + f1 * z1;
            double dEtaEta = (fp2 - fp1) / (sigma * sigma);
            double dEtaS = (fp2 * z2 - fp1 * z1) / sigma + (f2 - f1) / sigma;
            double dSS = fp2 * z2 * z2 - fp1 * z1 * z1 + f2 * z2 - f1 * z1;
            d[0] = dEta / mass;
            d[1] = dS / mass;
            d[2] = dEtaEta / mass - d[0] * d[0];
            d[3] = dEtaS / mass - d[0] * d[1];
            d[4] = dSS / mass - d[1] * d[1];
            return Math.log(mass);
        }
    }
}
