package org.mlem.io;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.mlem.em.DegenerateComponent;
import org.mlem.select.Candidate;
import org.mlem.select.Criterion;
import org.mlem.select.SelectionResult;

/**
 * A model selection as the contract's {@code select} result: {@code model} = "select",
 * {@code candidates} [{{@code k}, {@code variant}, {@code logLikelihood}, {@code nParameters},
 * {@code bic}, {@code aic}, {@code icl}, {@code converged}, {@code iterations}, {@code seed}, and
 * {@code failure} for a fit that failed (its criteria then null), {@code degenerate} and
 * {@code degenerateComponents} [{{@code component}, {@code reason}, {@code reasons},
 * {@code effectiveCount}, {@code smallestVariance}}], and {@code excluded} (why it may not be
 * picked) for a fitted candidate that may not be, {@code stopped} ("rank") and
 * {@code optimisticLogLikelihood} for a candidate left where the first, looser pass stopped it
 * (its figures are that pass's; the bound is what its log-likelihood could at most have reached, as
 * {@code ModelSelection} judged it)}], {@code firstPassTol} (that pass's Aitken tolerance, when a
 * candidate was stopped: a stopped candidate is the fit command's fit with that {@code --tol}), {@code firstPassStarts}
 * (with it, when that pass ran fewer starts than the fits: the fit command's {@code --n-init}), {@code criterion}, {@code best} (index of the
 * best eligible candidate by that criterion, −1 when none is eligible), {@code bestByBic},
 * {@code bestByIcl} and {@code bestByAic}. Criteria are lower-is-better.
 */
public final class SelectJson {
    private SelectJson() {}

    public static ObjectNode node(SelectionResult<?> result) {
        ObjectNode node = ModelJson.mapper().createObjectNode();
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
            r.put("degenerate", c.degenerate());
            ArrayNode bad = r.putArray("degenerateComponents");
            for (DegenerateComponent d : c.degenerateComponents()) {
                degenerate(bad.addObject(), d);
            }
            if (c.excluded() != null) {
                r.put("excluded", c.excluded());
            }
            if (c.stoppedEarly()) {
                r.put("stopped", c.stopped());
                number(r, "optimisticLogLikelihood", c.optimisticLogLikelihood());
            }
        }
        if (result.candidates().stream().anyMatch(Candidate::stoppedEarly)) {
            node.put("firstPassTol", org.mlem.select.ModelSelection.FIRST_PASS_TOLERANCE);
            if (result.firstPassStarts() > 0) {
                node.put("firstPassStarts", result.firstPassStarts());
            }
        }
        node.put("criterion", result.criterion().id());
        node.put("best", result.bestIndex());
        node.put("bestByBic", result.bestByBic());
        node.put("bestByIcl", result.bestByIcl());
        node.put("bestByAic", result.bestBy(Criterion.AIC));
        return node;
    }

    /** One degenerate component: {@code component} (0-based), {@code reason} (its message), {@code reasons} (codes), counts. */
    public static void degenerate(ObjectNode o, DegenerateComponent d) {
        o.put("component", d.component());
        o.put("reason", d.message());
        o.set("reasons", ModelJson.mapper().valueToTree(d.reasons()));
        o.put("effectiveCount", d.effectiveCount());
        if (Double.isNaN(d.smallestVariance())) {
            o.putNull("smallestVariance"); // a component without a covariance (a mixture of other families)
        } else {
            o.put("smallestVariance", d.smallestVariance());
        }
    }

    /** The {@code degenerateComponents} array of a fit. */
    public static ArrayNode degenerateArray(java.util.List<DegenerateComponent> list) {
        ArrayNode a = ModelJson.mapper().createArrayNode();
        for (DegenerateComponent d : list) {
            degenerate(a.addObject(), d);
        }
        return a;
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
