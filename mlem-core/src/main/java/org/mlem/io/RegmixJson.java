package org.mlem.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlem.MlemUserException;
import org.mlem.formula.BasisCoefs;
import org.mlem.formula.Design;
import org.mlem.glm.Family;
import org.mlem.glm.Link;
import org.mlem.regmix.RegressionMixture;

/**
 * A mixture of regressions ({@link RegressionMixture}) as the contract's {@code regmix} model
 * file: {@code model} = "regmix", {@code formula}, {@code family}, {@code link} (R's name),
 * {@code k}, {@code weights} [k], {@code components} [k] of {{@code coefficients} {term: value},
 * {@code sd}} ({@code sd} for the gaussian only), {@code trials} (the binomial's trials column)
 * when there is one, and {@code levels} {column: [level, ...]} (each factor's levels in the fit,
 * baseline first, as a GLM file keeps them: new rows with fewer levels are coded as the fit's rows;
 * an older file without them is read with the levels of the rows given), and {@code bases}
 * {term label: {alpha, norm2} or {knots, boundaryKnots}} (an orthogonal {@code poly}, {@code ns}
 * or {@code bs} term's fitted coefficients or knots, as a GLM file keeps them, so new rows are coded
 * with the fit's basis; an older file without them refuses such terms on new rows).
 *
 * @param mixture the parameters
 * @param formula the R-style formula the model was fit with
 * @param trials the binomial's trials column, or null
 * @param levels factor level orders, possibly empty
 * @param bases the data-dependent terms' fitted coefficients or knots by term label, possibly empty
 */
public record RegmixJson(RegressionMixture mixture, String formula, String trials, Map<String, List<String>> levels,
        Map<String, BasisCoefs> bases) {

    public RegmixJson {
        levels = Collections.unmodifiableMap(new LinkedHashMap<>(levels));
        bases = Collections.unmodifiableMap(new LinkedHashMap<>(bases));
    }

    /** A file without data-dependent bases (a formula with none, or a fit that refuses them). */
    public RegmixJson(RegressionMixture mixture, String formula, String trials, Map<String, List<String>> levels) {
        this(mixture, formula, trials, levels, Map.of());
    }

    /** The file of a fit whose model matrix on the fitted rows is {@code fitted}: its levels and bases kept. */
    public static RegmixJson of(RegressionMixture mixture, String formula, String trials, Design fitted) {
        return new RegmixJson(mixture, formula, trials, fitted.levels(), fitted.bases());
    }

    /** The fields above. */
    public ObjectNode node() {
        ObjectNode node = ModelJson.mapper().createObjectNode();
        node.put("model", "regmix");
        node.put("formula", formula);
        node.put("family", mixture.family().name());
        node.put("link", mixture.link().rName());
        if (trials != null) {
            node.put("trials", trials);
        }
        node.put("k", mixture.components());
        node.set("weights", ModelJson.mapper().valueToTree(mixture.weights()));
        ArrayNode comps = node.putArray("components");
        for (int j = 0; j < mixture.components(); j++) {
            ObjectNode c = comps.addObject();
            c.set("coefficients", ModelJson.mapper().valueToTree(mixture.coefficientMap(j)));
            if (mixture.hasSd()) {
                c.put("sd", mixture.sd(j));
            }
        }
        GlmJson.extras(node, null, null, levels);
        GlmJson.bases(node, bases);
        return node;
    }

    /**
     * A mixture of regressions from a parsed model file. Required: {@code model} = "regmix",
     * {@code formula}, {@code k}, {@code weights}, {@code components} (every component with the
     * same terms, in the same order); {@code family} defaults to gaussian, {@code link} to the
     * family's canonical link, {@code levels} and {@code bases} to none.
     */
    public static RegmixJson from(JsonNode root, String source) {
        JsonFields f = new JsonFields(root, source);
        String model = f.text("model");
        if (!model.equals("regmix")) {
            throw f.error("model", "is '" + model + "' but a mixture-of-regressions model file (\"regmix\") is needed here");
        }
        String formula = f.text("formula");
        Family family = f.has("family") ? Family.byName(f.text("family")) : Family.byName("gaussian");
        Link link;
        try {
            link = f.has("link") ? Link.byName(f.text("link")) : family.defaultLink();
        } catch (MlemUserException e) {
            throw f.error("link", e.getMessage());
        }
        int k = f.positiveInt("k");
        double[] weights = (double[]) f.numbers("weights", k);
        JsonNode comps = f.required("components");
        if (!comps.isArray() || comps.size() != k) {
            throw f.error("components", "must be an array of " + k + " objects, one per component");
        }
        List<String> terms = null;
        double[][] coefficients = new double[k][];
        double[] sd = new double[k];
        for (int j = 0; j < k; j++) {
            String path = "components[" + j + "]";
            JsonNode c = comps.get(j);
            JsonNode coef = c == null ? null : c.get("coefficients");
            if (coef == null || !coef.isObject() || coef.size() == 0) {
                throw f.error(path + ".coefficients", "must be an object {term: value}");
            }
            List<String> names = new ArrayList<>();
            coef.fieldNames().forEachRemaining(names::add);
            if (terms == null) {
                terms = names;
            } else if (!terms.equals(names)) {
                throw f.error(path + ".coefficients", "has terms " + names + " but components[0] has " + terms
                        + "; give every component the same terms in the same order");
            }
            coefficients[j] = new double[names.size()];
            for (int t = 0; t < names.size(); t++) {
                JsonNode v = coef.get(names.get(t));
                if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
                    throw f.error(path + ".coefficients." + names.get(t), "must be a finite number, found " + v);
                }
                coefficients[j][t] = v.asDouble();
            }
            JsonNode s = c.get("sd");
            sd[j] = s != null && s.isNumber() ? s.asDouble() : Double.NaN;
        }
        try {
            RegressionMixture m = new RegressionMixture(family, link, terms, weights, coefficients,
                    family.name().equals("gaussian") ? sd : null);
            return new RegmixJson(m, formula, f.has("trials") ? f.text("trials") : null, GlmJson.levels(root),
                    GlmJson.bases(f, root));
        } catch (IllegalArgumentException e) {
            throw new MlemUserException("not a valid mixture of regressions: " + e.getMessage()
                    + (family.name().equals("gaussian") ? " (gaussian components need an 'sd' > 0)" : ""), source, -1, -1);
        }
    }
}
