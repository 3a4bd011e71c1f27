package org.mlem.io;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mlem.dist.FittedDistribution;
import org.mlem.glm.Coefficient;
import org.mlem.glm.ConfidenceIntervals;
import org.mlem.glm.GlmFit;
import org.mlem.nls.NlsFit;
import org.mlem.survival.CensoredSample;
import org.mlem.survival.SurvivalFit;

/**
 * The JSON of the command line's one-shot fits, in the contract's field names: a univariate
 * distribution ({@code model} "distribution"), a generalised linear model ("glm") and a nonlinear
 * regression ("nls"). Each node starts with the common fields ({@link #common}). A number that is
 * not defined (NaN: the standard error of an aliased coefficient, of a singular fit) is written as
 * {@code null}, never as a non-JSON {@code NaN}.
 */
public final class FitJson {
    private FitJson() {}

    /**
     * The common fields: {@code model}, {@code n}, {@code logLikelihood}, {@code nParameters},
     * {@code aic}, {@code bic}, {@code converged}, {@code iterations} (omitted when negative: a
     * closed-form fit has none), {@code columns}, {@code seconds} {read, init, fit}.
     */
    public static ObjectNode common(String model, int n, double logLikelihood, int nParameters, double aic, double bic,
            boolean converged, int iterations, List<String> columns, double readSeconds, double fitSeconds) {
        ObjectNode node = ModelJson.mapper().createObjectNode();
        node.put("model", model);
        node.put("n", n);
        number(node, "logLikelihood", logLikelihood);
        node.put("nParameters", nParameters);
        number(node, "aic", aic);
        number(node, "bic", bic);
        node.put("converged", converged);
        if (iterations >= 0) {
            node.put("iterations", iterations);
        }
        ArrayNode cols = node.putArray("columns");
        columns.forEach(cols::add);
        ObjectNode seconds = node.putObject("seconds");
        seconds.put("read", readSeconds);
        seconds.put("init", 0.0);
        seconds.put("fit", fitSeconds);
        return node;
    }

    /**
     * A distribution's fields: {@code family}, {@code parameters} and {@code standardErrors} by R's
     * parameter names, {@code ksStatistic} (continuous families), {@code totalWeight} (the sum of
     * the weights, which AIC/BIC's n is) and the binomial's {@code size}. No {@code iterations}: the fit reports none.
     */
    public static ObjectNode distribution(FittedDistribution fit, String family, int rows, List<String> columns,
            double readSeconds, double fitSeconds) {
        ObjectNode node = common("distribution", rows, fit.logLikelihood(), fit.nParameters(), fit.aic(), fit.bic(), true,
                -1, columns, readSeconds, fitSeconds);
        node.put("family", family);
        node.set("parameters", numbers(fit.estimates()));
        node.set("standardErrors", numbers(fit.standardErrors()));
        number(node, "ksStatistic", fit.ksStatistic());
        node.put("totalWeight", fit.n());
        if (fit.distribution().family() instanceof org.mlem.dist.BinomialFamily b && b.name().equals("binomial")) {
            node.put("size", b.size());
        }
        return node;
    }

    /**
     * A GLM's fields: {@code family}, {@code link}, {@code formula}, {@code coefficients} and
     * {@code standardErrors} by term (null for an aliased term), {@code zValues} or {@code tValues}
     * (t when the dispersion is estimated), {@code pValues}, {@code confidenceIntervals} (95% Wald,
     * [lower, upper]), {@code deviance}, {@code nullDeviance}, {@code dfResidual}, {@code dfNull},
     * {@code covariance} [p][p] (the estimates', dispersion included, null where aliased; for
     * {@code predict}'s standard errors), {@code dispersion}, {@code rank}, {@code droppedRows}, {@code theta} and
     * {@code thetaStandardError} (negbin only) and {@code warnings}.
     */
    public static ObjectNode glm(GlmFit fit, List<String> columns, double readSeconds, double fitSeconds) {
        ObjectNode node = common("glm", fit.rows(), fit.logLikelihood(), fit.nParameters(), fit.aic(), fit.bic(),
                fit.converged(), fit.iterations(), columns, readSeconds, fitSeconds);
        node.put("family", fit.family());
        node.put("link", fit.link());
        node.put("formula", fit.formula());
        ObjectNode coefficients = node.putObject("coefficients");
        ObjectNode se = node.putObject("standardErrors");
        ObjectNode stat = node.putObject(fit.tStatistics() ? "tValues" : "zValues");
        ObjectNode p = node.putObject("pValues");
        ObjectNode ci = node.putObject("confidenceIntervals");
        for (Coefficient c : fit.coefficients()) {
            number(coefficients, c.term(), c.estimate());
            number(se, c.term(), c.standardError());
            number(stat, c.term(), c.statistic());
            number(p, c.term(), c.pValue());
            if (c.aliased()) {
                ci.putNull(c.term());
            } else {
                ci.putArray(c.term()).add(c.lower()).add(c.upper());
            }
        }
        int terms = fit.coefficients().size();
        double[] flat = fit.covariance();
        double[][] cov = new double[terms][terms];
        for (int a = 0; a < terms; a++) {
            System.arraycopy(flat, a * terms, cov[a], 0, terms);
        }
        node.set("covariance", GlmJson.covarianceNode(cov));
        number(node, "deviance", fit.deviance());
        number(node, "nullDeviance", fit.nullDeviance());
        node.put("dfResidual", fit.dfResidual());
        node.put("dfNull", fit.dfNull());
        number(node, "dispersion", fit.dispersion());
        node.put("rank", fit.rank());
        node.put("droppedRows", fit.droppedRows());
        if (!Double.isNaN(fit.theta())) {
            number(node, "theta", fit.theta());
            number(node, "thetaStandardError", fit.thetaStandardError());
        }
        ArrayNode warnings = node.putArray("warnings");
        fit.warnings().forEach(warnings::add);
        return node;
    }

    /**
     * Adds a GLM's {@code sandwich}: {@code type} ({@code hc0}..{@code hc3}), {@code standardErrors}
     * by column and the p × p {@code covariance} {@code v} (row-major over {@code columns}).
     */
    public static void glmSandwich(ObjectNode json, List<String> columns, org.mlem.glm.Sandwich.Type type, double[] v) {
        int p = columns.size();
        ObjectNode node = json.putObject("sandwich");
        node.put("type", type.label());
        ObjectNode se = node.putObject("standardErrors");
        double[][] rows = new double[p][p];
        for (int j = 0; j < p; j++) {
            number(se, columns.get(j), Math.sqrt(v[j * p + j]));
            for (int k = 0; k < p; k++) {
                rows[j][k] = v[j * p + k];
            }
        }
        node.set("covariance", GlmJson.covarianceNode(rows));
    }

    /** Adds a GLM's {@code anova} (R's sequential table, one object per row; the first row's term {@code NULL}). */
    public static void glmAnova(ObjectNode json, List<org.mlem.glm.Anova.Row> rows) {
        ArrayNode a = json.putArray("anova");
        for (org.mlem.glm.Anova.Row r : rows) {
            ObjectNode o = a.addObject();
            o.put("term", r.term() == null ? "NULL" : r.term());
            number(o, "df", r.df());
            number(o, "deviance", r.deviance());
            o.put("residualDf", r.residualDf());
            number(o, "residualDeviance", r.residualDeviance());
            number(o, "pValue", r.pValue());
        }
    }

    /**
     * Replaces a GLM's {@code confidenceIntervals} by {@code intervals} (null for an end R gives as
     * NA) and says what they are: {@code interval} ({@code wald} or {@code profile}) and
     * {@code confidenceLevel}.
     */
    public static void glmIntervals(ObjectNode node, ConfidenceIntervals.Kind kind, double level,
            List<ConfidenceIntervals.Interval> intervals) {
        ObjectNode ci = node.putObject("confidenceIntervals");
        for (ConfidenceIntervals.Interval i : intervals) {
            if (Double.isNaN(i.lower()) && Double.isNaN(i.upper())) {
                ci.putNull(i.term());
            } else {
                ArrayNode a = ci.putArray(i.term());
                for (double end : new double[] {i.lower(), i.upper()}) {
                    if (Double.isFinite(end)) {
                        a.add(end);
                    } else {
                        a.addNull();
                    }
                }
            }
        }
        node.put("interval", kind.label());
        node.put("confidenceLevel", level);
    }

    /**
     * A nonlinear regression's fields: {@code formula}, {@code parameters} and {@code standardErrors}
     * by name (null when the gradient is singular), {@code residualSumOfSquares}, {@code residualSd}
     * (R's sigma), {@code dfResidual}, {@code relativeOffset} (the convergence criterion's value) and
     * {@code message} (why the iteration stopped).
     */
    public static ObjectNode nls(NlsFit fit, String formula, List<String> columns, double readSeconds, double fitSeconds) {
        ObjectNode node = common("nls", fit.observations(), fit.logLikelihood(), fit.parameterNames().size() + 1,
                fit.aic(), fit.bic(), fit.converged(), fit.iterations(), columns, readSeconds, fitSeconds);
        node.put("formula", formula);
        ObjectNode parameters = node.putObject("parameters");
        ObjectNode se = node.putObject("standardErrors");
        double[] est = fit.estimates();
        double[] ses = fit.standardErrors();
        for (int j = 0; j < est.length; j++) {
            number(parameters, fit.parameterNames().get(j), est[j]);
            number(se, fit.parameterNames().get(j), ses[j]);
        }
        number(node, "residualSumOfSquares", fit.residualSumOfSquares());
        number(node, "residualSd", fit.residualSd());
        node.put("dfResidual", fit.dfResidual());
        number(node, "relativeOffset", fit.relativeOffset());
        node.put("message", fit.message());
        return node;
    }

    /** {@code value} under {@code key}, or null when it is NaN or infinite (not representable in JSON). */
    /**
     * The file of {@code fit turnbull}: the common fields (model {@code turnbull}, the innermost
     * intervals less one as parameters, AIC and BIC null), then {@code intervals}, each
     * {lower, upper (null for an open end), mass, survival after it}.
     */
    public static ObjectNode turnbull(org.mlem.survival.Turnbull.Fit fit, int n, List<String> columns,
            double readSeconds, double fitSeconds) {
        ObjectNode json = common("turnbull", n, fit.logLikelihood(), fit.mass().length - 1, Double.NaN, Double.NaN,
                fit.converged(), fit.iterations(), columns, readSeconds, fitSeconds);
        double[] survival = fit.survivalAfter();
        ArrayNode intervals = json.putArray("intervals");
        for (int j = 0; j < fit.mass().length; j++) {
            ObjectNode row = intervals.addObject();
            number(row, "lower", fit.lower()[j]);
            number(row, "upper", fit.upper()[j]);
            row.put("mass", fit.mass()[j]);
            row.put("survival", survival[j]);
        }
        return json;
    }

    public static void number(ObjectNode node, String key, double value) {
        if (Double.isFinite(value)) {
            node.put(key, value);
        } else {
            node.putNull(key);
        }
    }

    static ObjectNode numbers(Map<String, Double> values) {
        ObjectNode node = ModelJson.mapper().createObjectNode();
        values.forEach((k, v) -> number(node, k, v));
        return node;
    }

    /** The fit's JSON: the common fields, {@code dist}, {@code formula}, coefficients and SEs by name, scale, covariance, censoring counts. */
    public static ObjectNode survreg(SurvivalFit fit, String formula, List<String> columns, double readSeconds, double fitSeconds) {
        ObjectNode node = FitJson.common("survreg", fit.rows(), fit.logLikelihood(), fit.nParameters(), fit.aic(),
                fit.bic(), fit.converged(), fit.iterations(), columns, readSeconds, fitSeconds);
        node.put("dist", fit.distribution().rName());
        node.put("formula", formula);
        ObjectNode coefficients = node.putObject("coefficients");
        fit.coefficientMap().forEach((k, v) -> FitJson.number(coefficients, k, v));
        ObjectNode se = node.putObject("standardErrors");
        fit.standardErrors().forEach((k, v) -> FitJson.number(se, k, v));
        FitJson.number(node, "scale", fit.scale());
        ArrayNode cov = node.putArray("covariance");
        for (double[] row : fit.covariance()) {
            ArrayNode r = cov.addArray();
            for (double v : row) {
                r.add(v);
            }
        }
        ObjectNode censoring = node.putObject("censoring");
        int[] counts = fit.censoring();
        for (CensoredSample.Kind k : CensoredSample.Kind.values()) {
            censoring.put(k.name().toLowerCase(Locale.ROOT), counts[k.ordinal()]);
        }
        return node;
    }
}
