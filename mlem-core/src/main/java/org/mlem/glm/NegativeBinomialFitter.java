package org.mlem.glm;

import java.util.ArrayList;
import java.util.List;

/**
 * Negative binomial regression with theta estimated, step for step as {@code MASS::glm.nb}: a
 * Poisson fit, then alternate a GLM fit for the coefficients at fixed theta (started from the
 * current means) with {@link ThetaMl} for theta at the previous means, until
 * |L - L_old| / d1 + |theta change| / d2 < epsilon with d1 = sqrt(2 max(1, df residual)), d2 = 1.
 */
final class NegativeBinomialFitter {
    private NegativeBinomialFitter() {
    }

    /** The final GLM fit, the family it used (its theta), and the final theta. */
    record Result(Irls.Result fit, Family.NegativeBinomial fitFamily, double theta, double thetaStandardError,
            double logLikelihood, boolean converged, List<String> warnings) {
    }

    static Result fit(double[] x, int n, int p, double[] y, double[] wt, double[] offset, Link link, GlmOptions options) {
        Irls.Result fit = Irls.fit(x, n, p, y, wt, offset, new Family.Poisson(), link, options, null);
        double[] mu = fit.mu();
        ThetaMl.Estimate th = ThetaMl.estimate(y, mu, wt, options.maxIterations());
        Family.NegativeBinomial fitFamily = new Family.NegativeBinomial(th.theta());
        int nOk = 0;
        for (double w : wt) {
            nOk += w != 0 ? 1 : 0;
        }
        double d1 = Math.sqrt(2 * Math.max(1, nOk - fit.rank()));
        double del = 1;
        double lm = Family.NegativeBinomial.logLikelihood(th.theta(), y, mu, wt);
        double lm0 = lm + 2 * d1;
        int iter = 0;
        while (++iter <= options.maxIterations() && Math.abs(lm0 - lm) / d1 + Math.abs(del) > options.epsilon()) {
            double[] eta = new double[n];
            for (int i = 0; i < n; i++) {
                eta[i] = link.link(mu[i]);
            }
            fitFamily = new Family.NegativeBinomial(th.theta());
            fit = Irls.fit(x, n, p, y, wt, offset, fitFamily, link, options, eta);
            double t0 = th.theta();
            th = ThetaMl.estimate(y, mu, wt, options.maxIterations());
            mu = fit.mu();
            del = t0 - th.theta();
            lm0 = lm;
            lm = Family.NegativeBinomial.logLikelihood(th.theta(), y, mu, wt);
        }
        List<String> warnings = new ArrayList<>(fit.warnings());
        if (th.warning() != null) {
            warnings.add(th.warning());
        }
        boolean alternationConverged = iter <= options.maxIterations();
        if (!alternationConverged) {
            warnings.add("theta alternation limit reached");
        }
        return new Result(fit, fitFamily, th.theta(), th.standardError(), lm, alternationConverged && fit.converged(),
                warnings);
    }
}
