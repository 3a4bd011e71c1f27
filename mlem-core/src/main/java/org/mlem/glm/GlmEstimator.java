package org.mlem.glm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mlem.MlemUserException;
import org.mlem.formula.Design;
import org.mlem.formula.DesignSpec;
import org.mlem.formula.Frame;

/**
 * A generalised linear model to fit by maximum likelihood (IRLS), as R's {@code glm} and, for the
 * negative binomial with theta estimated, {@code MASS::glm.nb}.
 *
 * @param family the response distribution
 * @param link the link; null means the family's canonical link
 * @param options iteration control; null means {@link GlmOptions#DEFAULTS}
 */
public record GlmEstimator(Family family, Link link, GlmOptions options) {
    private static final Map<String, Set<Link>> LINKS = Map.of(
            "gaussian", Set.of(Link.IDENTITY, Link.LOG, Link.INVERSE),
            "binomial", Set.of(Link.LOGIT, Link.PROBIT, Link.CLOGLOG, Link.LOG),
            "poisson", Set.of(Link.LOG, Link.IDENTITY, Link.SQRT),
            "gamma", Set.of(Link.INVERSE, Link.LOG, Link.IDENTITY),
            "negbin", Set.of(Link.LOG, Link.IDENTITY, Link.SQRT),
            "inverse.gaussian", Set.of(Link.INVERSE_SQUARED, Link.INVERSE, Link.LOG, Link.IDENTITY),
            "tweedie", Set.of(Link.LOG, Link.IDENTITY));

    /** The links a family takes (a quasi family its base's; every Tweedie power the same). */
    private static Set<Link> links(Family family) {
        return LINKS.get(family.base().name().replaceFirst(":.*", ""));
    }

    public GlmEstimator {
        if (family == null) {
            throw new IllegalArgumentException("a GLM needs a family");
        }
        link = link == null ? family.defaultLink() : link;
        options = options == null ? GlmOptions.DEFAULTS : options;
        if (!links(family).contains(link)) {
            throw new MlemUserException("the " + family.name() + " family does not take the " + link.rName()
                    + " link; use one of " + links(family).stream().map(Link::rName).sorted().toList());
        }
    }

    /** The family with its canonical link and R's iteration defaults. */
    public static GlmEstimator of(Family family) {
        return new GlmEstimator(family, null, null);
    }

    /** Builds the design of {@code formula} over {@code frame} and fits it. */
    public GlmFit fit(String formula, Frame frame, DesignSpec spec) {
        return fit(Design.build(formula, frame, spec));
    }

    /**
     * Refuses, in one line, a response this family cannot take as such: {@code cbind(successes,
     * failures)} or a factor (yes/no, TRUE/FALSE) response outside the binomial family.
     */
    public void checkResponseKind(Design design) {
        InputChecks.responseKind(design, family);
    }

    /**
     * Fits the model to a design.
     *
     * @throws MlemUserException naming the first data row whose response or weight the family
     *     cannot take, a constant response the family cannot fit, or fewer rows than columns
     */
    public GlmFit fit(Design design) {
        double[] y = design.response();
        double[] wt = design.weights();
        double[] offset = design.offset();
        InputChecks.check(design, family, y, wt);
        List<String> warnings = new ArrayList<>(InputChecks.warnings(family, y, wt));
        int n = design.rows();
        int p = design.columns();
        double[] x = design.matrixColumnMajor();
        Irls.Result fit;
        Family used = family;
        double theta = Double.NaN;
        double thetaSe = Double.NaN;
        double negbinLogLik = Double.NaN;
        boolean converged;
        if (family instanceof Family.NegativeBinomial nb && nb.thetaEstimated()) {
            NegativeBinomialFitter.Result r = NegativeBinomialFitter.fit(x, n, p, y, wt, offset, link, options);
            fit = r.fit();
            used = r.fitFamily();
            theta = r.theta();
            thetaSe = r.thetaStandardError();
            negbinLogLik = r.logLikelihood();
            converged = r.converged();
            warnings.addAll(r.warnings());
            double nullDev = nullDeviance(design, y, wt, offset, fit, new Family.NegativeBinomial(theta), used, false);
            return Summary.of(this, design, fit, used, nullDev, theta, thetaSe, negbinLogLik, converged, warnings);
        }
        fit = Irls.fit(x, n, p, y, wt, offset, family, link, options, null);
        warnings.addAll(fit.warnings());
        if (family instanceof Family.NegativeBinomial nb) {
            theta = nb.theta();
        }
        double nullDev = nullDeviance(design, y, wt, offset, fit, family, family, true);
        return Summary.of(this, design, fit, used, nullDev, theta, thetaSe, negbinLogLik, fit.converged(), warnings);
    }

    /**
     * R's null deviance: with an intercept and an offset, the deviance of an intercept-only refit
     * (started from the full fit's means in {@code glm}, from the family's start in {@code glm.nb});
     * otherwise that of the weighted mean (intercept) or of mu = g^-1(offset) (no intercept).
     */
    private double nullDeviance(Design design, double[] y, double[] wt, double[] offset, Irls.Result fit,
            Family refitFamily, Family fitFamily, boolean startFromFit) {
        int n = y.length;
        if (design.hasIntercept() && design.hasOffset()) {
            double[] ones = new double[n];
            Arrays.fill(ones, 1);
            double[] eta = null;
            if (startFromFit) {
                eta = new double[n];
                for (int i = 0; i < n; i++) {
                    eta[i] = link.link(fit.mu()[i]);
                }
            }
            return Irls.fit(ones, n, 1, y, wt, offset, refitFamily, link, options, eta).deviance();
        }
        double[] mu = new double[n];
        if (design.hasIntercept()) {
            double sw = 0;
            double swy = 0;
            for (int i = 0; i < n; i++) {
                sw += wt[i];
                swy += wt[i] * y[i];
            }
            Arrays.fill(mu, swy / sw);
        } else {
            for (int i = 0; i < n; i++) {
                mu[i] = link.inverse(offset[i]);
            }
        }
        return Irls.deviance(fitFamily, y, mu, wt);
    }
}
