package org.mlem.io;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.mlem.select.Candidate;
import org.mlem.select.SelectionResult;

/**
 * A model selection as the contract's {@code select} result: {@code model} = "select",
 * {@code candidates} [{{@code k}, {@code variant}, {@code logLikelihood}, {@code nParameters},
 * {@code bic}, {@code aic}, {@code icl}, {@code converged}, {@code iterations}, {@code seed}, and
 * {@code failure} for a fit that failed (its criteria then null)}], {@code best} (index of the
 * lowest BIC, −1 when every candidate failed) and {@code bestByIcl}. Criteria are lower-is-better.
 */
public final class SelectJson {
    private SelectJson() {}

    public static ObjectNode node(SelectionResult<?> result) {
        ObjectNode node = ModelJson.MAPPER.createObjectNode();
        node.put("model", "select");
        ArrayNode rows = node.putArray("candidates");
        for (Candidate<?> c : result.candidates()) {
            ObjectNode r = rows.addObject();
            r.put("k", c.k());
            r.put("variant", c.variant());
            number(r, "logLikelihood", c.logLikelihood());
            r.put("nParameters", c.nParameters());
            number(r, "bic", c.bic());
            number(r, "aic", c.aic());
            number(r, "icl", c.icl());
            r.put("converged", c.converged());
            r.put("iterations", c.iterations());
            r.put("seed", c.seed());
            if (c.failed()) {
                r.put("failure", c.failure());
            }
        }
        node.put("best", result.bestByBic());
        node.put("bestByIcl", result.bestByIcl());
        return node;
    }

    /** JSON has no NaN: a failed candidate's criteria are null. */
    private static void number(ObjectNode r, String field, double v) {
        if (Double.isFinite(v)) {
            r.put(field, v);
        } else {
            r.putNull(field);
        }
    }
}
