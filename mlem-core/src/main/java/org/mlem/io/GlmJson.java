package org.mlem.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlem.MlemUserException;
import org.mlem.glm.Family;
import org.mlem.glm.Link;

/**
 * A generalised linear model file ({@code fit glm --out}) read back for prediction and scoring:
 * the fields of {@link FitJson#glm} it needs, and those written beside them for new data:
 * {@code covariance} [p][p] (the estimates' covariance, dispersion included, in the terms' order;
 * null where a term is aliased), {@code weightsColumn}, {@code offsetColumn}, {@code levels}
 * {column: [level, ...]} (every factor's levels in the fit, baseline first) and
 * {@code totalWeight}.
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
 */
public record GlmJson(Family family, Link link, String formula, List<String> terms, double[] coefficients,
        double[][] covariance, double dispersion, double deviance, int n, double totalWeight, String weightsColumn,
        String offsetColumn, Map<String, List<String>> levels, int nParameters) {

    public GlmJson {
        terms = List.copyOf(terms);
        levels = Map.copyOf(levels);
    }

    /** The fields above, as {@link FitJson#glm} names them. */
    public ObjectNode node() {
        ObjectNode node = ModelJson.MAPPER.createObjectNode();
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
        return node;
    }

    /** A p×p matrix as rows of numbers, null for NaN. */
    public static ArrayNode covarianceNode(double[][] v) {
        ArrayNode rows = ModelJson.MAPPER.createArrayNode();
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
        Map<String, List<String>> levels = new LinkedHashMap<>();
        JsonNode l = root.get("levels");
        if (l != null && l.isObject()) {
            l.fields().forEachRemaining(e -> {
                List<String> values = new ArrayList<>();
                e.getValue().forEach(v -> values.add(v.asText()));
                levels.put(e.getKey(), values);
            });
        }
        return new GlmJson(family, link, formula, terms, beta, cov, dispersion, deviance, n, totalWeight,
                f.has("weightsColumn") ? f.text("weightsColumn") : null,
                f.has("offsetColumn") ? f.text("offsetColumn") : null, levels, nParameters);
    }

    private static double[][] covariance(JsonFields f, int p) {
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
}
