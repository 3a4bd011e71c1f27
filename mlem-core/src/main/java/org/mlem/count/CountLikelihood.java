package org.mlem.count;

import org.hipparchus.special.Gamma;

/**
 * The log-likelihood of a zero-inflated, hurdle or plain count regression and its analytic
 * gradient. Parameters are laid out as pscl lays them out: the count coefficients beta (p), then
 * the zero coefficients gamma (q, none for {@link CountModelKind#PLAIN}), then log(theta) for the
 * negative binomial. All terms are computed on the log scale (log-sum-exp for the mixed zero).
 * Designs are row-major: {@code x[i]} is row i. Prior weights w_i (null: all 1) multiply each row's
 * term in the total and the gradient, so whole weights equal the rows repeated.
 */
final class CountLikelihood {
    private final CountModelKind kind;
    private final CountDistribution dist;
    private final double[] y;
    private final double[][] x;
    private final double[][] z;
    private final double[] logFactorial;
    private final double[] w;

    CountLikelihood(CountModelKind kind, CountDistribution dist, double[] y, double[][] x, double[][] z) {
        this(kind, dist, y, x, z, null);
    }

    CountLikelihood(CountModelKind kind, CountDistribution dist, double[] y, double[][] x, double[][] z, double[] w) {
        this.w = w;
        this.kind = kind;
        this.dist = dist;
        this.y = y;
        this.x = x;
        this.z = kind.hasZeroPart() ? z : new double[y.length][0];
        this.logFactorial = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            logFactorial[i] = Gamma.logGamma(y[i] + 1);
        }
    }

    int countColumns() {
        return x[0].length;
    }

    int zeroColumns() {
        return z[0].length;
    }

    int parameters() {
        return countColumns() + zeroColumns() + (dist == CountDistribution.NEGBIN ? 1 : 0);
    }

    int rows() {
        return y.length;
    }

    /** The sum of the prior weights (the rows when unweighted). */
    double totalWeight() {
        if (w == null) {
            return y.length;
        }
        double t = 0;
        for (double v : w) {
            t += v;
        }
        return t;
    }

    /**
     * The total log-likelihood at {@code par}; when {@code grad} is not null it receives the
     * gradient, when {@code perRow} is not null each row's log-likelihood (unweighted).
     */
    double value(double[] par, double[] grad, double[] perRow) {
        int p = countColumns();
        int q = zeroColumns();
        boolean nb = dist == CountDistribution.NEGBIN;
        double logTheta = nb ? par[p + q] : 0;
        double theta = Math.exp(logTheta);
        double lgTheta = nb ? Gamma.logGamma(theta) : 0;
        double psiTheta = nb ? Gamma.digamma(theta) : 0;
        if (grad != null) {
            java.util.Arrays.fill(grad, 0);
        }
        double total = 0;
        for (int i = 0; i < y.length; i++) {
            double wi = w == null ? 1 : w[i];
            if (wi == 0 && perRow == null) {
                continue;
            }
            double eta = dot(x[i], par, 0);
            double mu = Math.exp(eta);
            double yi = y[i];
            // log f(0), log f(y) and their derivatives in eta and theta (theta only for negbin)
            double logF0;
            double dLogF0dEta;
            double dLogF0dTheta = 0;
            double logFy;
            double dLogFydEta;
            double dLogFydTheta = 0;
            if (nb) {
                double logRatio = Math.log(theta / (theta + mu));
                logF0 = theta * logRatio;
                dLogF0dEta = -theta * mu / (theta + mu);
                dLogF0dTheta = logRatio + mu / (theta + mu);
                logFy = Gamma.logGamma(yi + theta) - lgTheta - logFactorial[i] + logF0 + yi * (eta - Math.log(theta + mu));
                dLogFydEta = theta * (yi - mu) / (theta + mu);
                dLogFydTheta = Gamma.digamma(yi + theta) - psiTheta + logRatio + (mu - yi) / (theta + mu);
            } else {
                logF0 = -mu;
                dLogF0dEta = -mu;
                logFy = yi * eta - mu - logFactorial[i];
                dLogFydEta = yi - mu;
            }
            double zeta = kind.hasZeroPart() ? dot(z[i], par, p) : 0;
            double ll;
            double gEta;
            double gZeta = 0;
            double gTheta;
            switch (kind) {
                case PLAIN -> {
                    ll = logFy;
                    gEta = dLogFydEta;
                    gTheta = dLogFydTheta;
                }
                case ZEROINFL -> {
                    double logOnePlus = log1pExp(zeta);
                    if (yi == 0) {
                        double m = Math.max(zeta, logF0);
                        double lse = m + Math.log(Math.exp(zeta - m) + Math.exp(logF0 - m));
                        ll = lse - logOnePlus;
                        double countShare = Math.exp(logF0 - lse);
                        gZeta = Math.exp(zeta - lse) - Math.exp(zeta - logOnePlus);
                        gEta = countShare * dLogF0dEta;
                        gTheta = countShare * dLogF0dTheta;
                    } else {
                        ll = logFy - logOnePlus;
                        gZeta = -Math.exp(zeta - logOnePlus);
                        gEta = dLogFydEta;
                        gTheta = dLogFydTheta;
                    }
                }
                default -> { // HURDLE: zeta is the logit of P(y > 0)
                    double logOnePlus = log1pExp(zeta);
                    if (yi == 0) {
                        ll = -logOnePlus;
                        gZeta = -Math.exp(zeta - logOnePlus);
                        gEta = 0;
                        gTheta = 0;
                    } else {
                        double log1mF0 = log1mExp(logF0);
                        double odds = Math.exp(logF0 - log1mF0); // f0 / (1 - f0)
                        ll = zeta - logOnePlus + logFy - log1mF0;
                        gZeta = Math.exp(-logOnePlus);
                        gEta = dLogFydEta + odds * dLogF0dEta;
                        gTheta = dLogFydTheta + odds * dLogF0dTheta;
                    }
                }
            }
            total += wi == 0 ? 0 : wi * ll;
            if (perRow != null) {
                perRow[i] = ll;
            }
            if (grad != null && wi != 0) {
                gEta *= wi;
                gZeta *= wi;
                gTheta *= wi;
                for (int j = 0; j < p; j++) {
                    grad[j] += gEta * x[i][j];
                }
                for (int j = 0; j < q; j++) {
                    grad[p + j] += gZeta * z[i][j];
                }
                if (nb) {
                    grad[p + q] += gTheta * theta;
                }
            }
        }
        return total;
    }

    private static double dot(double[] row, double[] par, int offset) {
        double s = 0;
        for (int j = 0; j < row.length; j++) {
            s += row[j] * par[offset + j];
        }
        return s;
    }

    /** log(1 + e^v) without overflow. */
    static double log1pExp(double v) {
        return v > 0 ? v + Math.log1p(Math.exp(-v)) : Math.log1p(Math.exp(v));
    }

    /** log(1 - e^v) for v &lt; 0 (Maechler's two branches). */
    static double log1mExp(double v) {
        return v > -Math.log(2) ? Math.log(-Math.expm1(v)) : Math.log1p(-Math.exp(v));
    }
}
