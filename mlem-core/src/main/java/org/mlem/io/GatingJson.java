package org.mlem.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.mlem.MlemUserException;
import org.mlem.concomitant.Gating;

/**
 * The {@code concomitant} object of a mixture's model file ({@code fit gmm|mixture|regmix
 * --concomitant}): {@code formula} (one-sided, as given), {@code terms} (the design's columns, R's
 * names), {@code levels} {column: [level, ...]} (each factor's levels in the fit, baseline first),
 * {@code coefficients} (k rows of one value per term, row 0 the baseline's zeros) and
 * {@code bases} (a {@code poly()}/{@code ns()}/{@code bs()} term's fitted coefficients or knots,
 * as a GLM file keeps them). The fit also writes standard errors beside them, which reading ignores.
 */
public final class GatingJson {
    private GatingJson() {}

    /** Adds {@code concomitant} to {@code node}; returns that object, for the fit's extra fields. */
    public static ObjectNode write(ObjectNode node, Gating g) {
        ObjectNode c = node.putObject("concomitant");
        c.put("formula", g.formula());
        c.set("terms", ModelJson.mapper().valueToTree(g.terms()));
        c.set("levels", ModelJson.mapper().valueToTree(g.levels()));
        c.set("coefficients", ModelJson.mapper().valueToTree(g.coefficients()));
        GlmJson.bases(c, g.bases());
        return c;
    }

    /**
     * The gating of {@code root}'s {@code concomitant} object for a mixture of {@code k} components;
     * each problem a one-line user error naming the field.
     */
    public static Gating read(JsonNode root, String source, int k) {
        JsonFields f = new JsonFields(root, source).object("concomitant");
        String formula = f.text("formula");
        List<String> terms = f.strings("terms", -1);
        double[][] gamma = f.rows("coefficients", k);
        if (gamma[0].length != terms.size()) {
            throw f.error("coefficients", "has " + gamma[0].length + " values a row for " + terms.size()
                    + " terms; give one coefficient per term");
        }
        for (double v : gamma[0]) {
            if (v != 0) {
                throw f.error("coefficients[0]", "must be all 0 (component 0 is the baseline of the multinomial logit)");
            }
        }
        JsonNode c = root.get("concomitant");
        try {
            return new Gating(formula, terms, GlmJson.levels(c), gamma, GlmJson.bases(f, c));
        } catch (IllegalArgumentException e) {
            throw new MlemUserException("field 'concomitant' " + e.getMessage(), source, -1, -1);
        }
    }
}
