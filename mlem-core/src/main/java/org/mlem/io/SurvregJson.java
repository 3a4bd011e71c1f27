package org.mlem.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlem.MlemUserException;
import org.mlem.survival.AftDistribution;

/**
 * The model fields of a {@code survreg} file ({@code fit survreg}, {@code fit tobit}): what
 * predict, score and sample need.
 *
 * @param distribution survreg's {@code dist}
 * @param formula {@code Surv(time, event) ~ terms}, or for a Tobit model {@code y ~ terms}
 * @param terms the coefficients' names, in order
 * @param coefficients β
 * @param scale σ
 * @param covariance survreg's {@code vcov} in (β, log σ), or null when the file has none
 * @param levels each factor's levels as fitted, baseline first
 * @param weightsColumn the prior-weights column, or null
 * @param left a Tobit model's left censoring point (−∞ for none); NaN for a survreg formula
 * @param right a Tobit model's right censoring point (+∞ for none); NaN for a survreg formula
 * @param oneTwo the event codes the fit read: true for survival's 2 = event, 1 = censored, false for
 *     1 = event, 0 = censored, null when the file does not say (read from the codes)
 * @param n rows fitted (0 when the file does not say)
 * @param nParameters free parameters
 */
public record SurvregJson(AftDistribution distribution, String formula, List<String> terms, double[] coefficients,
        double scale, double[][] covariance, Map<String, List<String>> levels, String weightsColumn, double left,
        double right, Boolean oneTwo, int n, int nParameters) {

    /** The {@code eventCodes} field's values. */
    public static final String ONE_TWO = "2=event,1=censored";
    public static final String ZERO_ONE = "1=event,0=censored";

    public SurvregJson {
        terms = List.copyOf(terms);
        coefficients = coefficients.clone();
        levels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(levels));
    }

    /** Whether this is a Tobit model (a formula without {@code Surv(...)}). */
    public boolean tobit() {
        return !Double.isNaN(left);
    }

    @Override
    public double[] coefficients() {
        return coefficients.clone();
    }

    /**
     * A survreg file. Required: {@code model} = "survreg", {@code dist}, {@code formula},
     * {@code coefficients} {term: value}, {@code scale}; optional: {@code covariance},
     * {@code levels}, {@code weightsColumn}, {@code eventCodes}, {@code n}, {@code nParameters}, and
     * for a Tobit formula {@code left} (AER's default 0; null for none) and {@code right} (null or
     * absent for none).
     */
    public static SurvregJson from(JsonNode root, String source) {
        JsonFields f = new JsonFields(root, source);
        f.requireModel("survreg", "a survival regression");
        AftDistribution dist;
        try {
            dist = AftDistribution.byName(f.text("dist"));
        } catch (MlemUserException e) {
            throw f.error("dist", e.getMessage());
        }
        String formula = f.text("formula");
        LinkedHashMap<String, Double> coef = f.namedNumbers("coefficients");
        List<String> terms = new ArrayList<>(coef.keySet());
        double[] beta = coef.values().stream().mapToDouble(Double::doubleValue).toArray();
        double scale = dist.fixedScale() ? 1 : f.number("scale");
        if (!(scale > 0)) {
            throw f.error("scale", "must be positive, found " + scale);
        }
        int q = beta.length + (dist.fixedScale() ? 0 : 1);
        double[][] cov = f.has("covariance") ? GlmJson.covariance(f, q) : null;
        boolean surv = formula.trim().startsWith("Surv");
        double left = surv ? Double.NaN : bound(f, root, "left", 0, Double.NEGATIVE_INFINITY);
        double right = surv ? Double.NaN : bound(f, root, "right", Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
        if (!surv && !(left < right)) {
            throw f.error("left", "(" + left + ") must be below 'right' (" + right + ")");
        }
        Boolean oneTwo = null;
        if (f.has("eventCodes")) {
            String codes = f.text("eventCodes");
            if (!codes.equals(ONE_TWO) && !codes.equals(ZERO_ONE)) {
                throw f.error("eventCodes", "must be \"" + ZERO_ONE + "\" or \"" + ONE_TWO + "\", found '" + codes + "'");
            }
            oneTwo = codes.equals(ONE_TWO);
        }
        return new SurvregJson(dist, formula, terms, beta, scale, cov, GlmJson.levels(root),
                f.has("weightsColumn") ? f.text("weightsColumn") : null, left, right, oneTwo,
                f.has("n") ? f.positiveInt("n") : 0, f.has("nParameters") ? f.positiveInt("nParameters") : q);
    }

    /** A censoring point: {@code absent} when the field is not there, {@code none} when it is null. */
    private static double bound(JsonFields f, JsonNode root, String field, double absent, double none) {
        if (!root.has(field)) {
            return absent;
        }
        return root.get(field).isNull() ? none : f.number(field);
    }

    /** The fields above, as {@code fit survreg} and {@code fit tobit} name them. */
    public ObjectNode node() {
        ObjectNode node = ModelJson.mapper().createObjectNode();
        node.put("model", "survreg");
        if (n > 0) {
            node.put("n", n);
        }
        node.put("nParameters", nParameters);
        node.put("dist", distribution.rName());
        node.put("formula", formula);
        ObjectNode c = node.putObject("coefficients");
        for (int t = 0; t < terms.size(); t++) {
            FitJson.number(c, terms.get(t), coefficients[t]);
        }
        FitJson.number(node, "scale", scale);
        if (covariance != null) {
            node.set("covariance", GlmJson.covarianceNode(covariance));
        }
        if (tobit()) {
            FitJson.number(node, "left", left);
            FitJson.number(node, "right", right);
        }
        if (oneTwo != null) {
            node.put("eventCodes", oneTwo ? ONE_TWO : ZERO_ONE);
        }
        GlmJson.extras(node, weightsColumn, null, levels);
        return node;
    }
}
