package org.mlem.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlem.dist.Distribution;
import org.mlem.dist.Families;
import org.mlem.dist.UnivariateFamily;
import org.mlem.survival.Truncation;

/**
 * Nonlinear-regression ({@code nls}) and distribution ({@code distribution}) model files read back,
 * in the fields {@link FitJson} writes.
 */
public final class OneShotJson {
    private OneShotJson() {}

    /**
     * A nonlinear regression: its formula, its parameters in order, the residual sum of squares
     * and the rows it was fit on (for the maximum-likelihood variance RSS / n).
     */
    public record Nls(String formula, Map<String, Double> parameters, double residualSumOfSquares, int n,
            List<String> columns) {
        public Nls {
            parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
            columns = columns == null ? null : List.copyOf(columns);
        }

        /** {@code model}, {@code n}, {@code formula}, {@code parameters}, {@code residualSumOfSquares}, {@code columns}. */
        public ObjectNode node() {
            ObjectNode node = ModelJson.mapper().createObjectNode();
            node.put("model", "nls");
            node.put("n", n);
            node.put("formula", formula);
            ObjectNode p = node.putObject("parameters");
            parameters.forEach(p::put);
            node.put("residualSumOfSquares", residualSumOfSquares);
            if (columns != null) {
                node.set("columns", ModelJson.mapper().valueToTree(columns));
            }
            return node;
        }
    }

    /** An nls file. Required: {@code model} = "nls", {@code formula}, {@code parameters}, {@code residualSumOfSquares}, {@code n}. */
    public static Nls nls(JsonNode root, String source) {
        JsonFields f = new JsonFields(root, source);
        f.requireModel("nls", "a nonlinear-regression");
        String formula = f.text("formula");
        Map<String, Double> parameters = numbers(f, "parameters");
        return new Nls(formula, parameters, f.number("residualSumOfSquares"), f.positiveInt("n"),
                f.has("columns") ? f.strings("columns", -1) : null);
    }

    /**
     * A fitted distribution: the family (with its trials for the binomial), its parameters, the
     * column it was fit to, and the categories of a text column (categorical), or null.
     */
    public record Dist(Distribution distribution, String column, List<String> categories, Truncation truncation) {
        public Dist {
            categories = categories == null ? null : List.copyOf(categories);
            truncation = truncation == null ? Truncation.NONE : truncation;
        }

        /**
         * {@code model}, {@code family}, {@code size} (binomial), {@code parameters}, {@code columns},
         * {@code categories}, {@code truncation} (when it truncates).
         */
        public ObjectNode node() {
            ObjectNode node = ModelJson.mapper().createObjectNode();
            node.put("model", "distribution");
            UnivariateFamily fam = distribution.family();
            node.put("family", fam.name());
            if (fam instanceof org.mlem.dist.BinomialFamily b && fam.name().equals("binomial")) {
                node.put("size", b.size());
            }
            ObjectNode p = node.putObject("parameters");
            distribution.parameters().forEach(p::put);
            node.putArray("columns").add(column);
            if (categories != null) {
                node.set("categories", ModelJson.mapper().valueToTree(categories));
            }
            if (truncation.truncates()) {
                ObjectNode t = node.putObject("truncation");
                FitJson.number(t, "below", truncation.below());
                FitJson.number(t, "above", truncation.above());
            }
            return node;
        }
    }

    /** A distribution file. Required: {@code model} = "distribution", {@code family}, {@code parameters}; {@code size} for the binomial. */
    public static Dist dist(JsonNode root, String source) {
        JsonFields f = new JsonFields(root, source);
        f.requireModel("distribution", "a distribution");
        String name = f.text("family");
        if (name.equals("binomial")) {
            name = "binomial:" + f.positiveInt("size");
        }
        Map<String, Double> values = numbers(f, "parameters");
        List<String> categories = f.has("categories") ? f.strings("categories", -1) : null;
        if (name.equals("categorical")) {
            name = "categorical:" + values.size();
        }
        UnivariateFamily family = Families.byName(name);
        double[] p = new double[family.parameterNames().size()];
        for (int a = 0; a < p.length; a++) {
            String pn = family.parameterNames().get(a);
            if (!values.containsKey(pn)) {
                throw f.error("parameters", "lacks '" + pn + "'; a " + family.name() + " has " + family.parameterNames());
            }
            p[a] = values.get(pn);
        }
        List<String> columns = f.has("columns") ? f.strings("columns", -1) : List.of("x1");
        return new Dist(family.of(p), columns.get(0), categories, truncation(f));
    }

    /** {@code truncation}'s {@code below} and {@code above} (null or absent: that end is open); none when absent. */
    private static Truncation truncation(JsonFields f) {
        if (!f.has("truncation")) {
            return Truncation.NONE;
        }
        JsonFields t = f.object("truncation");
        return new Truncation(t.has("below") ? t.number("below") : Double.NEGATIVE_INFINITY,
                t.has("above") ? t.number("above") : Double.POSITIVE_INFINITY);
    }

    private static Map<String, Double> numbers(JsonFields f, String field) {
        JsonNode o = f.required(field);
        if (!o.isObject() || o.size() == 0) {
            throw f.error(field, "must be an object {name: value}");
        }
        Map<String, Double> out = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        for (String n : names) {
            JsonNode v = o.get(n);
            if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
                throw f.error(field + "." + n, "must be a finite number, found " + v);
            }
            out.put(n, v.asDouble());
        }
        return out;
    }
}
