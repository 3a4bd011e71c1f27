package org.mlem.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mlem.MlemUserException;
import org.mlem.count.CountDistribution;
import org.mlem.count.CountModel;
import org.mlem.count.CountModelKind;

/**
 * The model fields of a {@code zeroinfl} or {@code hurdle} file ({@code fit zeroinfl|hurdle}, as
 * {@link CountJson} writes them): what predict, score and sample need.
 *
 * @param model the coefficients, θ and kind
 * @param formula pscl's two-part formula {@code y ~ count terms | zero terms}
 * @param countTerms the count part's term names
 * @param zeroTerms the zero part's term names
 * @param levels each factor's levels as fitted, baseline first
 * @param maxCount the largest count fitted (pscl's {@code max(y)}, the last {@code prob} column), or
 *     −1 when the file does not say
 * @param n rows fitted (0 when the file does not say)
 * @param nParameters free parameters
 */
public record CountModelJson(CountModel model, String formula, List<String> countTerms, List<String> zeroTerms,
        Map<String, List<String>> levels, int maxCount, int n, int nParameters) {

    public CountModelJson {
        countTerms = List.copyOf(countTerms);
        zeroTerms = List.copyOf(zeroTerms);
        levels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(levels));
    }

    /** The {@code model} field: {@code zeroinfl} or {@code hurdle}. */
    public String name() {
        return model.kind().name().toLowerCase(Locale.ROOT);
    }

    /**
     * A zeroinfl or hurdle file. Required: {@code model}, {@code dist}, {@code formula},
     * {@code count.coefficients} and {@code zero.coefficients} {term: value}, {@code theta} for
     * negbin; optional: {@code levels}, {@code maxCount}, {@code n}, {@code nParameters}.
     */
    public static CountModelJson from(JsonNode root, String source, CountModelKind kind) {
        JsonFields f = new JsonFields(root, source);
        String name = kind.name().toLowerCase(Locale.ROOT);
        f.requireModel(name, "a " + name + " count regression");
        CountDistribution dist;
        try {
            dist = CountDistribution.byName(f.text("dist"));
        } catch (MlemUserException e) {
            throw f.error("dist", "must be poisson or negbin, found '" + f.text("dist") + "'");
        }
        LinkedHashMap<String, Double> count = f.object("count").namedNumbers("coefficients");
        LinkedHashMap<String, Double> zero = f.object("zero").namedNumbers("coefficients");
        double theta = dist == CountDistribution.NEGBIN ? f.number("theta") : Double.NaN;
        if (dist == CountDistribution.NEGBIN && !(theta > 0)) {
            throw f.error("theta", "must be positive, found " + theta);
        }
        int p = count.size() + zero.size() + (dist == CountDistribution.NEGBIN ? 1 : 0);
        int maxCount = -1;
        if (f.has("maxCount")) {
            JsonNode m = root.get("maxCount");
            if (!m.canConvertToInt() || !m.isIntegralNumber() || m.asInt() < 0) {
                throw f.error("maxCount", "must be a whole number >= 0, found " + m);
            }
            maxCount = m.asInt();
        }
        return new CountModelJson(new CountModel(kind, dist, values(count), values(zero), theta), f.text("formula"),
                new ArrayList<>(count.keySet()), new ArrayList<>(zero.keySet()), GlmJson.levels(root), maxCount,
                f.has("n") ? f.positiveInt("n") : 0, f.has("nParameters") ? f.positiveInt("nParameters") : p);
    }

    private static double[] values(Map<String, Double> m) {
        return m.values().stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The fields above, as {@link CountJson} names them. */
    public ObjectNode node() {
        ObjectNode node = ModelJson.mapper().createObjectNode();
        node.put("model", name());
        if (n > 0) {
            node.put("n", n);
        }
        node.put("nParameters", nParameters);
        node.put("dist", model.distribution().label());
        node.put("formula", formula);
        part(node.putObject("count"), countTerms, model.count());
        part(node.putObject("zero"), zeroTerms, model.zero());
        if (model.distribution() == CountDistribution.NEGBIN) {
            FitJson.number(node, "theta", model.theta());
        }
        if (maxCount >= 0) {
            node.put("maxCount", maxCount);
        }
        GlmJson.extras(node, null, null, levels);
        return node;
    }

    private static void part(ObjectNode node, List<String> terms, double[] values) {
        ObjectNode c = node.putObject("coefficients");
        for (int j = 0; j < terms.size(); j++) {
            FitJson.number(c, terms.get(j), values[j]);
        }
    }
}
