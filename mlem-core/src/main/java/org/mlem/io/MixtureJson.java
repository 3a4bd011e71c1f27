package org.mlem.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlem.MlemUserException;
import org.mlem.dist.BinomialFamily;
import org.mlem.dist.CategoricalFamily;
import org.mlem.dist.Families;
import org.mlem.dist.Multinomial;
import org.mlem.dist.UnivariateFamily;
import org.mlem.mixture.ComponentPart;
import org.mlem.mixture.ProductComponent;
import org.mlem.mixture.ProductMixture;

/**
 * A mixture of any families ({@link ProductMixture}) as the contract's {@code mixture} model file:
 * {@code model} = "mixture", {@code family} (the shared family's name, or {@code product}),
 * {@code k}, {@code weights} [k], {@code components} [k] of {parameter: value} (R's names; with
 * several columns {column: {parameter: value}}, a multinomial factor under
 * {@code multinomial(a,b)} with {@code prob[a]}, ...), {@code columns} [d] and
 * {@code columnFamilies} {column: family} in the spelling {@link Families#byName} reads back
 * ({@code binomial:10}, {@code categorical:3}, {@code multinomial}).
 */
public final class MixtureJson {
    private MixtureJson() {}

    /** The parameters of {@code m} as the fields above. */
    public static ObjectNode node(ProductMixture m) {
        ObjectNode node = ModelJson.mapper().createObjectNode();
        node.put("model", "mixture");
        node.put("family", m.family());
        node.put("k", m.k());
        node.set("weights", ModelJson.mapper().valueToTree(m.weights()));
        node.set("components", ModelJson.mapper().valueToTree(m.componentParameters()));
        node.set("columns", ModelJson.mapper().valueToTree(m.columns()));
        node.set("columnFamilies", ModelJson.mapper().valueToTree(familySpecs(m)));
        return node;
    }

    /** Column → the family spelling that reads back to the same family (size and K included). */
    static Map<String, String> familySpecs(ProductMixture m) {
        Map<String, String> out = new LinkedHashMap<>();
        String[] byColumn = new String[m.dimension()];
        for (ComponentPart p : m.component(0).parts()) {
            String spec = p instanceof ComponentPart.UnivariatePart u ? spec(u.model().family(), u.parameterValues().length)
                    : "multinomial";
            for (int c : p.model().columns()) {
                byColumn[c] = spec;
            }
        }
        for (int c = 0; c < byColumn.length; c++) {
            out.put(m.columns().get(c), byColumn[c]);
        }
        return out;
    }

    private static String spec(UnivariateFamily f, int parameters) {
        if (f instanceof BinomialFamily b && f.name().equals("binomial")) {
            return "binomial:" + b.size();
        }
        if (f instanceof CategoricalFamily) {
            return "categorical:" + parameters;
        }
        return f.name();
    }

    /**
     * A mixture from a parsed model file. Required: {@code model} = "mixture", {@code k},
     * {@code weights}, {@code components}, and {@code family} or {@code columnFamilies};
     * {@code columns} defaults to x1..xd (d = 1 for a single family without {@code columnFamilies}).
     */
    public static ProductMixture from(JsonNode root, String source) {
        JsonFields f = new JsonFields(root, source);
        String model = f.text("model");
        if (!model.equals("mixture")) {
            throw f.error("model", "is '" + model + "' but a mixture model file (\"mixture\") is needed here");
        }
        int k = f.positiveInt("k");
        double[] weights = (double[]) f.numbers("weights", k);
        Map<String, String> families = families(f, root);
        List<String> columns = new ArrayList<>(families.keySet());
        JsonNode comps = f.required("components");
        if (!comps.isArray() || comps.size() != k) {
            throw f.error("components", "must be an array of " + k + " objects, one per component");
        }
        boolean multinomial = families.values().stream().anyMatch("multinomial"::equals);
        if (multinomial && !families.values().stream().allMatch("multinomial"::equals)) {
            throw f.error("columnFamilies", "mixes multinomial with other families; a multinomial must cover every column");
        }
        List<ProductComponent> components = new ArrayList<>(k);
        for (int j = 0; j < k; j++) {
            JsonNode c = comps.get(j);
            String path = "components[" + j + "]";
            if (!c.isObject()) {
                throw f.error(path, "must be an object of parameters");
            }
            components.add(multinomial ? multinomialComponent(f, c, path, columns)
                    : univariateComponents(f, c, path, columns, families));
        }
        try {
            return ProductMixture.of(weights, components, columns);
        } catch (MlemUserException e) {
            throw new MlemUserException(e.getMessage(), source, -1, -1);
        }
    }

    private static Map<String, String> families(JsonFields f, JsonNode root) {
        Map<String, String> out = new LinkedHashMap<>();
        if (f.has("columnFamilies")) {
            JsonNode n = root.get("columnFamilies");
            if (!n.isObject() || n.size() == 0) {
                throw f.error("columnFamilies", "must be an object {column: family}");
            }
            n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
            return out;
        }
        String family = f.text("family");
        List<String> columns = f.has("columns") ? f.strings("columns", -1) : List.of("x1");
        for (String c : columns) {
            out.put(c, family);
        }
        return out;
    }

    private static ProductComponent univariateComponents(JsonFields f, JsonNode c, String path, List<String> columns,
            Map<String, String> families) {
        List<ComponentPart> parts = new ArrayList<>();
        for (int a = 0; a < columns.size(); a++) {
            String column = columns.get(a);
            JsonNode params = columns.size() == 1 && !c.has(column) ? c : c.get(column);
            String where = columns.size() == 1 && !c.has(column) ? path : path + "." + column;
            if (params == null || !params.isObject()) {
                throw f.error(where, "must hold the parameters of column '" + column + "'");
            }
            UnivariateFamily family;
            try {
                family = Families.byName(families.get(column));
            } catch (MlemUserException e) {
                throw f.error("family of column '" + column + "'", e.getMessage());
            }
            List<String> names = family.parameterNames();
            if (names.isEmpty()) {
                names = new ArrayList<>();
                params.fieldNames().forEachRemaining(names::add);
            }
            double[] values = new double[names.size()];
            for (int q = 0; q < values.length; q++) {
                values[q] = number(f, params, where, names.get(q));
            }
            try {
                parts.add(ComponentPart.univariate(a, family.of(values)));
            } catch (MlemUserException e) {
                throw f.error(where, "is not valid: " + e.getMessage());
            }
        }
        return new ProductComponent(parts);
    }

    private static ProductComponent multinomialComponent(JsonFields f, JsonNode c, String path, List<String> columns) {
        JsonNode params = c.size() == 1 && c.elements().next().isObject() ? c.elements().next() : c;
        double[] prob = new double[columns.size()];
        for (int a = 0; a < prob.length; a++) {
            prob[a] = number(f, params, path, "prob[" + columns.get(a) + "]");
        }
        int[] cols = new int[prob.length];
        for (int a = 0; a < cols.length; a++) {
            cols[a] = a;
        }
        try {
            return ProductComponent.of(ComponentPart.multinomial(cols, Multinomial.of(prob)));
        } catch (MlemUserException e) {
            throw f.error(path, "is not valid: " + e.getMessage());
        }
    }

    private static double number(JsonFields f, JsonNode params, String path, String name) {
        JsonNode v = params.get(name);
        if (v == null || !v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw f.error(path + "." + name, v == null ? "is missing" : "must be a finite number, found " + v);
        }
        return v.asDouble();
    }
}
