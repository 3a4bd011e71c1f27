package org.mlem.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A fit's JSON result as one {@link TidyRow} per parameter. Two shapes cover every model:
 *
 * <ul>
 *   <li>a coefficient table ({@code coefficients} or {@code parameters}: name → value, with
 *       {@code standardErrors}, {@code zValues} or {@code tValues}, {@code pValues} and
 *       {@code confidenceIntervals} by the same names) — distributions, GLMs, nonlinear and
 *       survival regressions; a two-part count model has one under {@code count} and one under
 *       {@code zero}, which become the rows' group as in broom's tidy of pscl fits;</li>
 *   <li>a latent model's arrays, one group per component or state. A row's standard error and
 *       bootstrap interval are looked up under the name the standard-error table gives it
 *       ({@code mean[1][waiting]}: the term {@code mean[waiting]} with its group put after the
 *       prefix).</li>
 * </ul>
 */
final class TidyRows {
    private final JsonNode root;
    private final List<TidyRow> rows = new ArrayList<>();

    private TidyRows(JsonNode root) {
        this.root = root;
    }

    /** The rows of {@code result}, a fit's JSON or model file; empty for a model with no parameters to list. */
    static List<TidyRow> of(JsonNode result) {
        TidyRows t = new TidyRows(result);
        t.collect(result, null);
        return List.copyOf(t.rows);
    }

    private void collect(JsonNode node, String group) {
        String model = node.path("model").asText("");
        switch (model) {
            case "gmm" -> gmm(node, group);
            case "tmix" -> tmix(node);
            case "mixture" -> mixture(node);
            case "regmix" -> regmix(node);
            case "hmm" -> hmm(node);
            case "mvn" -> mvn(node);
            case "gmmda" -> gmmda(node);
            case "turnbull" -> turnbull(node);
            default -> coefficientTables(node);
        }
    }

    /** {@code coefficients} or {@code parameters} at the top, or under {@code count} and {@code zero}. */
    private void coefficientTables(JsonNode node) {
        for (String part : List.of("count", "zero")) {
            if (node.path(part).isObject()) {
                coefficientTable(node.get(part), part);
            }
        }
        coefficientTable(node, null);
        logParameter(node, "scale", "Log(scale)", null, "standardErrors");
        logParameter(node, "theta", "Log(theta)", "count", "logThetaStandardError");
    }

    /**
     * A scale or dispersion that survival's and pscl's summaries list on the log scale, with the
     * standard error the fit gives there ({@code seField}: a field, or the standard-error table).
     */
    private void logParameter(JsonNode node, String field, String term, String group, String seField) {
        if (!node.path(field).isNumber()) {
            return;
        }
        JsonNode se = node.path(seField);
        se = se.isObject() ? se.path(term) : se;
        rows.add(new TidyRow(term, group, Math.log(node.get(field).asDouble()), number(se), Double.NaN, Double.NaN,
                Double.NaN, Double.NaN));
    }

    private void coefficientTable(JsonNode node, String group) {
        JsonNode values = node.path("coefficients").isObject() ? node.get("coefficients") : node.path("parameters");
        JsonNode statistic = node.path("zValues").isObject() ? node.get("zValues") : node.path("tValues");
        for (Iterator<Map.Entry<String, JsonNode>> it = values.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isNumber()) {
                continue;
            }
            String name = e.getKey();
            JsonNode interval = node.path("confidenceIntervals").path(name);
            rows.add(new TidyRow(name, group, e.getValue().asDouble(), number(node.path("standardErrors").path(name)),
                    number(interval.path(0)), number(interval.path(1)), number(statistic.path(name)),
                    number(node.path("pValues").path(name))));
        }
    }

    private void gmm(JsonNode node, String classGroup) {
        List<String> cols = columns(node);
        JsonNode weights = node.path("weights");
        for (int j = 0; j < weights.size(); j++) {
            latent("weight", "", group(classGroup, j), j, weights.get(j).asDouble(), classGroup == null);
        }
        JsonNode means = node.path("means");
        for (int j = 0; j < means.size(); j++) {
            vector("mean", means.get(j), cols, group(classGroup, j), j, classGroup == null);
        }
        JsonNode cov = node.path("covariances");
        switch (node.path("covariance").asText("full")) {
            case "tied" -> matrix("cov", cov, cols, null, -1, classGroup == null);
            case "diag" -> {
                for (int j = 0; j < cov.size(); j++) {
                    vector("var", cov.get(j), cols, group(classGroup, j), j, classGroup == null);
                }
            }
            case "spherical" -> {
                for (int j = 0; j < cov.size(); j++) {
                    latent("var", "", group(classGroup, j), j, cov.get(j).asDouble(), classGroup == null);
                }
            }
            default -> {
                for (int j = 0; j < cov.size(); j++) {
                    matrix("cov", cov.get(j), cols, group(classGroup, j), j, classGroup == null);
                }
            }
        }
    }

    private static String group(String classGroup, int j) {
        return classGroup == null ? String.valueOf(j) : classGroup + ":" + j;
    }

    private void tmix(JsonNode node) {
        List<String> cols = columns(node);
        JsonNode weights = node.path("weights");
        for (int j = 0; j < weights.size(); j++) {
            latent("weight", "", String.valueOf(j), j, weights.get(j).asDouble(), true);
            vector("mean", node.path("means").path(j), cols, String.valueOf(j), j, true);
            matrix("scale", node.path("scales").path(j), cols, String.valueOf(j), j, true);
            latent("df", "", String.valueOf(j), j, node.path("df").path(j).asDouble(), true);
        }
    }

    /**
     * Weights, then each component's parameters, column by column ({@code {column: {name: value}}},
     * or {@code {name: value}} for one column): the term {@code name[column]}.
     */
    private void mixture(JsonNode node) {
        List<String> cols = columns(node);
        perUnit("weight", node.path("weights"));
        JsonNode comps = node.path("components");
        for (int j = 0; j < comps.size(); j++) {
            JsonNode c = comps.get(j);
            for (String col : cols) {
                JsonNode params = c.path(col).isObject() ? c.get(col) : c;
                for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (e.getValue().isNumber()) {
                        latent(e.getKey(), "[" + col + "]", String.valueOf(j), j, e.getValue().asDouble(), true);
                    }
                }
            }
        }
    }

    /** Each field of a state's emission: a number, a vector over the columns, or a symmetric matrix. */
    private void fields(JsonNode component, List<String> cols, String group, int j) {
        for (Iterator<Map.Entry<String, JsonNode>> it = component.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (v.isNumber()) {
                latent(e.getKey(), "", group, j, v.asDouble(), true);
            } else if (v.isArray() && v.size() > 0 && v.get(0).isArray()) {
                matrix(e.getKey(), v, cols, group, j, true);
            } else if (v.isArray()) {
                vector(e.getKey(), v, v.size() == cols.size() ? cols : indices(v.size()), group, j, true);
            }
        }
    }

    private void regmix(JsonNode node) {
        perUnit("weight", node.path("weights"));
        JsonNode comps = node.path("components");
        for (int j = 0; j < comps.size(); j++) {
            JsonNode c = comps.get(j);
            for (Iterator<Map.Entry<String, JsonNode>> it = c.path("coefficients").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                add(e.getKey(), String.valueOf(j), e.getValue().asDouble(), "coef[" + j + "][" + e.getKey() + "]");
            }
            if (c.path("sd").isNumber()) {
                latent("sd", "", String.valueOf(j), j, c.get("sd").asDouble(), true);
            }
        }
    }

    private void hmm(JsonNode node) {
        List<String> cols = columns(node);
        perUnit("start", node.path("startProbabilities"));
        JsonNode transition = node.path("transitionMatrix");
        for (int a = 0; a < transition.size(); a++) {
            for (int b = 0; b < transition.get(a).size(); b++) {
                latent("transition", "[" + b + "]", String.valueOf(a), a, transition.get(a).get(b).asDouble(), true);
            }
        }
        JsonNode emissions = node.path("emissions");
        for (int j = 0; j < emissions.size(); j++) {
            fields(emissions.get(j), cols, String.valueOf(j), j);
        }
    }

    private void mvn(JsonNode node) {
        List<String> cols = columns(node);
        vector("mean", node.path("mean"), cols, null, -1, true);
        matrix("cov", node.path("covariance"), cols, null, -1, true);
    }

    /** Each class's prior, then its density's components under the group {@code class:j}. */
    private void gmmda(JsonNode node) {
        JsonNode classes = node.path("classes");
        for (int c = 0; c < classes.size(); c++) {
            String name = classes.get(c).asText();
            add("prior", name, node.path("priors").path(c).asDouble(), null);
            JsonNode density = node.path("densities").path(c);
            if (density.isObject()) {
                com.fasterxml.jackson.databind.node.ObjectNode withColumns = density.deepCopy();
                withColumns.set("columns", node.path("columns"));
                gmm(withColumns, name);
            }
        }
    }

    /** The self-consistent estimate's mass on each of its intervals: the term {@code mass[lower,upper]}. */
    private void turnbull(JsonNode node) {
        for (JsonNode i : node.path("intervals")) {
            add("mass[" + i.path("lower").asText() + "," + i.path("upper").asText() + "]", null, i.path("mass").asDouble(), null);
        }
    }

    /** One {@code prefix} per component or state: its weight, or an HMM's start probability. */
    private void perUnit(String prefix, JsonNode values) {
        for (int j = 0; j < values.size(); j++) {
            latent(prefix, "", String.valueOf(j), j, values.get(j).asDouble(), true);
        }
    }

    /** {@code prefix[col]} for each column: a component's vector, or a shared one ({@code j} = −1). */
    private void vector(String prefix, JsonNode values, List<String> cols, String group, int j, boolean uncertain) {
        for (int a = 0; a < values.size(); a++) {
            latent(prefix, "[" + cols.get(a) + "]", group, j, values.get(a).asDouble(), uncertain);
        }
    }

    /** {@code prefix[a,b]} for the upper triangle of a symmetric matrix. */
    private void matrix(String prefix, JsonNode values, List<String> cols, String group, int j, boolean uncertain) {
        for (int a = 0; a < values.size(); a++) {
            for (int b = a; b < values.get(a).size(); b++) {
                latent(prefix, "[" + cols.get(a) + "," + cols.get(b) + "]", group, j, values.get(a).get(b).asDouble(), uncertain);
            }
        }
    }

    /**
     * The term {@code prefix + rest} of group {@code group}; its standard error is named
     * {@code prefix[j]rest} ({@code prefix + rest} when shared, j = −1).
     */
    private void latent(String prefix, String rest, String group, int j, double value, boolean uncertain) {
        String key = j < 0 ? prefix + rest : prefix + "[" + j + "]" + rest;
        add(prefix + rest, group, value, uncertain ? key : null);
    }

    /** A row whose standard error and interval, when the fit has them, are under {@code key}. */
    private void add(String term, String group, double value, String key) {
        if (key == null) {
            rows.add(TidyRow.of(term, group, value));
            return;
        }
        JsonNode interval = root.path("intervals").path(key);
        double se = number(root.path("standardErrors").path(key));
        rows.add(new TidyRow(term, group, value, se, number(interval.path(0)), number(interval.path(1)), Double.NaN,
                Double.NaN));
    }

    private static List<String> columns(JsonNode node) {
        List<String> cols = new ArrayList<>();
        node.path("columns").forEach(c -> cols.add(c.asText()));
        return cols;
    }

    private static List<String> indices(int n) {
        List<String> ix = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ix.add(String.valueOf(i));
        }
        return ix;
    }

    private static double number(JsonNode v) {
        return v.isNumber() ? v.asDouble() : Double.NaN;
    }
}
