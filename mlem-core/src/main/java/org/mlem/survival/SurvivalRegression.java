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
        return newton(problem.start(), problem::evaluate, names, n, y.counts());
    }

    /**
     * The fit's Newton iterations from {@code theta}, ℓ and its derivatives given by {@code evaluate}:
     * a block's {@link Block#evaluate} on one machine, or the sum of every part's over a partitioned
     * data set (Spark's survreg), which then takes the same steps, step halving and stopping rule.
     *
     * @param theta the start in (β, log σ) (β alone for a fixed scale), e.g. {@link #start(double[], double, long, int)}
     * @param evaluate ℓ, gradient and Hessian at a point, summed over every row
     * @param names the coefficients' names
     * @param n rows
     * @param counts rows by {@link CensoredSample.Kind}
     */
    public SurvivalFit newton(double[] theta, java.util.function.Function<double[], Evaluation> evaluate,
            List<String> names, int n, int[] counts) {
        int p = names.size();
        Evaluation current = evaluate.apply(theta);
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
                trial = evaluate.apply(next);
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
        return new SurvivalFit(distribution, names, beta, scale, cov, current.logLikelihood, n, counts, iter,
                converged);
    }

    /**
     * The start in (β, log σ) from the least-squares coefficients of the rows' midpoints on x and
     * the residual sum of squares {@code ss} over {@code n} rows: σ from the residual standard
     * deviation over W's, as on one machine.
     */
    public double[] start(double[] beta, double ss, long n, int p) {
        double sd = Math.sqrt(ss / (n - p));
        double[] theta = Arrays.copyOf(beta, distribution.fixedScale ? p : p + 1);
        if (!distribution.fixedScale) {
            theta[p] = Math.log(sd > 0 && Double.isFinite(sd) ? sd / distribution.error.sdPerScale() : 1);
        }
        return theta;
    }

    /**
     * One part of the rows (a Spark partition): its ℓ and derivatives at any point, and the sums its
     * start needs. {@link SurvivalRegression#newton} over the sum of every part's
     * {@link #evaluate} is the fit of all the rows.
     */
    public static final class Block implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        private final Problem problem;
        private final int[] counts;

        /**
         * @param x the part's design, column-major n × p
         * @param y its responses
         * @throws RowException a time that is not positive on a log-time distribution (the part's row)
         */
        public Block(AftDistribution distribution, double[] x, int p, CensoredSample y) {
            this.problem = new Problem(distribution, x, y.rows(), p, y);
            this.counts = y.counts();
        }

        /** ℓ, gradient and Hessian of this part's rows at θ. */
        public Evaluation evaluate(double[] theta) {
            return problem.evaluate(theta);
        }

        /** Rows by {@link CensoredSample.Kind}. */
        public int[] counts() {
            return counts.clone();
        }

        /** Rows. */
        public int rows() {
            return problem.n;
        }

        /** The start's normal equations over this part: XᵀX (p × p, row-major) then Xᵀm, m each row's midpoint. */
        public double[] normalEquations() {
            int p = problem.p;
            double[] out = new double[p * p + p];
            for (int i = 0; i < problem.n; i++) {
                double m = problem.midpoint(i);
                for (int a = 0; a < p; a++) {
                    double xa = problem.x[a * problem.n + i];
                    for (int b = 0; b < p; b++) {
                        out[a * p + b] += xa * problem.x[b * problem.n + i];
                    }
                    out[p * p + a] += xa * m;
                }
            }
            return out;
        }

        /** Σ (m − xᵀβ)² over this part's rows. */
        public double residualSquares(double[] beta) {
            double ss = 0;
            for (int i = 0; i < problem.n; i++) {
                double r = problem.midpoint(i) - problem.eta(beta, i);
                ss += r * r;
            }
            return ss;
        }
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

    /**
     * ℓ, its gradient and Hessian in (β, log σ) at one θ.
     *
     * @param logLikelihood ℓ
     * @param gradient ∂ℓ/∂θ
     * @param hessian ∂²ℓ/∂θ²
     */
    public record Evaluation(double logLikelihood, double[] gradient, double[][] hessian)
            implements java.io.Serializable {

        /** The sum of this and {@code other} (two parts' rows). */
        public Evaluation plus(Evaluation other) {
            double[] g = gradient.clone();
            double[][] h = new double[hessian.length][];
            for (int a = 0; a < g.length; a++) {
                g[a] += other.gradient[a];
                h[a] = hessian[a].clone();
                for (int b = 0; b < h[a].length; b++) {
                    h[a][b] += other.hessian[a][b];
                }
            }
            return new Evaluation(logLikelihood + other.logLikelihood, g, h);
        }
    }

    /** The data on the model's scale: y bounds (log t for the log-time distributions) and weights. */
    static final class Problem implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
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

        /** Row i's midpoint on the model's scale (a censored row's finite bound). */
        double midpoint(int i) {
            return lo[i] == Double.NEGATIVE_INFINITY ? hi[i]
                    : hi[i] == Double.POSITIVE_INFINITY ? lo[i] : (lo[i] + hi[i]) / 2;
        }

        double[] start() {
            double[] mid = new double[n];
            for (int i = 0; i < n; i++) {
                mid[i] = midpoint(i);
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
            return new SurvivalRegression(dist).start(beta, ss, n, p);
        }

        double eta(double[] theta, int i) {
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
