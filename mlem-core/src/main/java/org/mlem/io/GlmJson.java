package org.mlem.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlem.MlemUserException;
import org.mlem.formula.BasisCoefs;
import org.mlem.glm.Family;
import org.mlem.glm.Link;

/**
 * A generalised linear model file ({@code fit glm --out}) read back for prediction and scoring:
 * the fields of {@link FitJson#glm} it needs, and those written beside them for new data:
 * {@code covariance} [p][p] (the estimates' covariance, dispersion included, in the terms' order;
 * null where a term is aliased), {@code weightsColumn}, {@code offsetColumn}, {@code levels}
 * {column: [level, ...]} (every factor's levels in the fit, baseline first) and
 * {@code totalWeight}, and {@code bases} {term label: {alpha, norm2} or {knots, boundaryKnots}} (the
 * fit's orthogonal poly coefficients and ns/bs knots, as R's attributes, so new rows are coded as
 * R's predict codes them).
 *
 * @param family the family (negbin with the file's {@code theta})
 * @param link the link
 * @param formula the formula as fitted
 * @param terms the model matrix's column names, in order
 * @param coefficients one per term, NaN where aliased
 * @param covariance p×p, NaN where aliased; null when the file has none (standard errors of the fit unavailable)
 * @param dispersion the dispersion (1 for binomial, poisson, negbin)
 * @param deviance the residual deviance
 * @param n rows used
 * @param totalWeight the sum of the prior weights over the rows used
 * @param weightsColumn the prior weights' column, or null
 * @param offsetColumn the offset column, or null
 * @param levels factor level orders, possibly empty
 * @param nParameters parameters counted for AIC and BIC
 * @param bases the data-dependent bases' coefficients by term label, possibly empty
 */
public record GlmJson(Family family, Link link, String formula, List<String> terms, double[] coefficients,
        double[][] covariance, double dispersion, double deviance, int n, double totalWeight, String weightsColumn,
        String offsetColumn, Map<String, List<String>> levels, int nParameters, Map<String, BasisCoefs> bases) {

    public GlmJson {
        terms = List.copyOf(terms);
        levels = Map.copyOf(levels);
        bases = Map.copyOf(bases);
    }

    /** The fields above, as {@link FitJson#glm} names them. */
    public ObjectNode node() {
        ObjectNode node = ModelJson.mapper().createObjectNode();
        node.put("model", "glm");
        node.put("n", n);
        node.put("nParameters", nParameters);
        node.put("family", family.name());
        node.put("link", link.rName());
        node.put("formula", formula);
        ObjectNode c = node.putObject("coefficients");
        for (int t = 0; t < terms.size(); t++) {
            FitJson.number(c, terms.get(t), coefficients[t]);
        }
        if (covariance != null) {
            node.set("covariance", covarianceNode(covariance));
        }
        FitJson.number(node, "deviance", deviance);
        FitJson.number(node, "dispersion", dispersion);
        if (family instanceof Family.NegativeBinomial nb) {
            FitJson.number(node, "theta", nb.theta());
        }
        node.put("totalWeight", totalWeight);
        extras(node, weightsColumn, offsetColumn, levels);
        bases(node, bases);
        return node;
    }

    /** Writes {@code bases} (nothing when there are none). */
    public static void bases(ObjectNode node, Map<String, BasisCoefs> bases) {
        if (bases.isEmpty()) {
            return;
        }
        ObjectNode b = node.putObject("bases");
        bases.forEach((label, c) -> {
            ObjectNode o = b.putObject(label);
            if (c instanceof BasisCoefs.Polynomial p) {
                o.set("alpha", ModelJson.mapper().valueToTree(p.alpha()));
                o.set("norm2", ModelJson.mapper().valueToTree(p.norm2()));
            } else if (c instanceof BasisCoefs.Knots k) {
                o.set("knots", ModelJson.mapper().valueToTree(k.interior()));
                o.set("boundaryKnots", ModelJson.mapper().valueToTree(k.boundary()));
            }
        });
    }

    static Map<String, BasisCoefs> bases(JsonFields f, JsonNode root) {
        Map<String, BasisCoefs> out = new LinkedHashMap<>();
        JsonNode b = root.get("bases");
        if (b == null || b.isNull()) {
            return out;
        }
        if (!b.isObject()) {
            throw f.error("bases", "must be an object {term: {alpha, norm2} or {knots, boundaryKnots}}");
        }
        b.fields().forEachRemaining(e -> {
            JsonNode o = e.getValue();
            String at = "bases." + e.getKey();
            if (o.has("alpha")) {
                out.put(e.getKey(), new BasisCoefs.Polynomial(finite(f, o.get("alpha"), at + ".alpha"),
                        finite(f, o.get("norm2"), at + ".norm2")));
            } else {
                double[] boundary = finite(f, o.get("boundaryKnots"), at + ".boundaryKnots");
                if (boundary.length != 2 || !(boundary[0] < boundary[1])) {
                    throw f.error(at + ".boundaryKnots", "must be two increasing numbers");
                }
                out.put(e.getKey(), new BasisCoefs.Knots(finite(f, o.get("knots"), at + ".knots"), boundary));
            }
        });
        return out;
    }

    private static double[] finite(JsonFields f, JsonNode a, String at) {
        if (a == null || !a.isArray()) {
            throw f.error(at, "must be an array of numbers");
        }
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            if (!a.get(i).isNumber() || !Double.isFinite(a.get(i).asDouble())) {
                throw f.error(at + "[" + i + "]", "must be a finite number, found " + a.get(i));
            }
            v[i] = a.get(i).asDouble();
        }
        return v;
    }

    /** A p×p matrix as rows of numbers, null for NaN. */
    public static ArrayNode covarianceNode(double[][] v) {
        ArrayNode rows = ModelJson.mapper().createArrayNode();
        for (double[] row : v) {
            ArrayNode r = rows.addArray();
            for (double x : row) {
                if (Double.isFinite(x)) {
                    r.add(x);
                } else {
                    r.addNull();
                }
            }
        }
        return rows;
    }

    /**
     * What {@code fit glm} writes after {@link FitJson#glm}'s fields: {@code totalWeight},
     * {@code responseLevels} (a factor response's levels, first = failure; null: none), then
     * {@link #extras}.
     */
    public static void fitFields(ObjectNode node, double totalWeight, List<String> responseLevels,
            String weightsColumn, String offsetColumn, Map<String, List<String>> levels) {
        node.put("totalWeight", totalWeight);
        if (responseLevels != null) {
            node.set("responseLevels", node.arrayNode().addAll(responseLevels.stream().map(node::textNode).toList()));
        }
        extras(node, weightsColumn, offsetColumn, levels);
    }

    /** The columns and level orders new data are read with: {@code weightsColumn}, {@code offsetColumn}, {@code levels}. */
    public static void extras(ObjectNode node, String weightsColumn, String offsetColumn, Map<String, List<String>> levels) {
        if (weightsColumn != null) {
            node.put("weightsColumn", weightsColumn);
        }
        if (offsetColumn != null) {
            node.put("offsetColumn", offsetColumn);
        }
        if (!levels.isEmpty()) {
            ObjectNode l = node.putObject("levels");
            levels.forEach((k, v) -> {
                ArrayNode a = l.putArray(k);
                v.forEach(a::add);
            });
        }
    }

    /**
     * A GLM from a parsed model file. Required: {@code model} = "glm", {@code family},
     * {@code formula}, {@code coefficients} {term: value or null}; optional: {@code link} (the
     * family's canonical one), {@code covariance}, {@code dispersion} (1), {@code deviance},
     * {@code n}, {@code totalWeight} (n), {@code theta} (negbin: required), {@code weightsColumn},
     * {@code offsetColumn}, {@code levels}, {@code nParameters}.
     */
    public static GlmJson from(JsonNode root, String source) {
        JsonFields f = new JsonFields(root, source);
        f.requireModel("glm", "a generalised linear model");
        Family family = Family.byName(f.text("family"));
        if (family instanceof Family.NegativeBinomial) {
            family = new Family.NegativeBinomial(f.number("theta"));
        }
        Link link;
        try {
            link = f.has("link") ? Link.byName(f.text("link")) : family.defaultLink();
        } catch (MlemUserException e) {
            throw f.error("link", e.getMessage());
        }
        String formula = f.text("formula");
        JsonNode coef = f.required("coefficients");
        if (!coef.isObject() || coef.size() == 0) {
            throw f.error("coefficients", "must be an object {term: value}");
        }
        List<String> terms = new ArrayList<>();
        coef.fieldNames().forEachRemaining(terms::add);
        int p = terms.size();
        double[] beta = new double[p];
        for (int t = 0; t < p; t++) {
            JsonNode v = coef.get(terms.get(t));
            if (v.isNull()) {
                beta[t] = Double.NaN;
            } else if (v.isNumber() && Double.isFinite(v.asDouble())) {
                beta[t] = v.asDouble();
            } else {
                throw f.error("coefficients." + terms.get(t), "must be a finite number or null (aliased), found " + v);
            }
        }
        double[][] cov = f.has("covariance") ? covariance(f, p) : null;
        int n = f.has("n") ? f.positiveInt("n") : 0;
        double dispersion = f.has("dispersion") ? f.number("dispersion") : 1;
        double deviance = f.has("deviance") ? f.number("deviance") : Double.NaN;
        double totalWeight = f.has("totalWeight") ? f.number("totalWeight") : n;
        int nParameters = f.has("nParameters") ? f.positiveInt("nParameters") : p;
        Map<String, List<String>> levels = levels(root);
        return new GlmJson(family, link, formula, terms, beta, cov, dispersion, deviance, n, totalWeight,
                f.has("weightsColumn") ? f.text("weightsColumn") : null,
                f.has("offsetColumn") ? f.text("offsetColumn") : null, levels, nParameters, bases(f, root));
    }

    /** The {@code levels} object {column: [level, ...]} of a formula model's file; empty when absent. */
    public static Map<String, List<String>> levels(JsonNode root) {
        Map<String, List<String>> levels = new LinkedHashMap<>();
        JsonNode l = root.get("levels");
        if (l != null && l.isObject()) {
            l.fields().forEachRemaining(e -> {
                List<String> values = new ArrayList<>();
                e.getValue().forEach(v -> values.add(v.asText()));
                levels.put(e.getKey(), values);
            });
        }
        return levels;
    }

    static double[][] covariance(JsonFields f, int p) {
        JsonNode rows = f.required("covariance");
        if (!rows.isArray() || rows.size() != p) {
            throw f.error("covariance", "must be " + p + " rows of " + p + " numbers (null where a term is aliased)");
        }
        double[][] v = new double[p][p];
        for (int a = 0; a < p; a++) {
            JsonNode r = rows.get(a);
            if (!r.isArray() || r.size() != p) {
                throw f.error("covariance[" + a + "]", "must be " + p + " numbers (null where a term is aliased)");
            }
            for (int b = 0; b < p; b++) {
                v[a][b] = r.get(b).isNumber() ? r.get(b).asDouble() : Double.NaN;
            }
        }
        return v;
    }

    /**
     * What {@code mlem anova} compares of a GLM model file ({@code fit glm --out}'s, a Spark
     * {@code GlmModel}'s {@code model.json}); a file that is not a GLM, or lacks dfResidual, is refused.
     */
    public static org.mlem.glm.NestedAnova.Model anovaModel(JsonNode root, String source) {
        GlmJson glm = GlmJson.from(root, source);
        JsonNode dfResidual = root.path("dfResidual");
        if (!dfResidual.canConvertToInt() || !dfResidual.isIntegralNumber()) {
            throw new org.mlem.MlemUserException("'dfResidual' is missing; anova needs the file 'fit glm --out' writes", source,
                    -1, -1);
        }
        String family = glm.family().name();
        if (family.equals("negbin")) {
            if (root.path("thetaStandardError").isNumber()) {
                throw new org.mlem.MlemUserException("anova between glm.nb fits (theta estimated) is not available (R's "
                        + "anova.negbin refits theta); fix theta with --family negbin:THETA in each fit", source, -1, -1);
            }
            family = "negbin:" + root.path("theta").asDouble();
        }
        java.util.List<String> terms = new java.util.ArrayList<>();
        root.path("coefficients").fieldNames().forEachRemaining(terms::add);
        double responseTotal = root.path("responseTotal").isNumber() ? root.get("responseTotal").asDouble() : Double.NaN;
        return new org.mlem.glm.NestedAnova.Model(source, family, glm.link().rName(), org.mlem.glm.NestedAnova.Model.responseOf(glm.formula()),
                glm.n(), glm.totalWeight(), responseTotal, glm.weightsColumn(), glm.offsetColumn(), terms,
                dfResidual.asInt(), glm.deviance(), glm.dispersion());
    }
}
