package org.mlem.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a fit's JSON says went wrong or deserves a look, one sentence each: non-convergence,
 * degenerate components or states, falls of the log-likelihood, failed starts, a best optimum
 * reached by one start only, a GLM's warnings (separation among them), a selection's degenerate
 * or failed candidates.
 */
final class ReportWarnings {
    private ReportWarnings() {}

    static List<String> of(JsonNode r) {
        List<String> w = new ArrayList<>();
        if (r.path("converged").isBoolean() && !r.get("converged").asBoolean()) {
            w.add("The fit did not converge" + (r.path("iterations").isNumber()
                    ? " in " + r.get("iterations").asInt() + " iterations" : "")
                    + (r.path("message").isTextual() ? " (" + r.get("message").asText() + ")" : "")
                    + "; raise --max-iter or check the model.");
        }
        for (JsonNode d : r.path("degenerateComponents")) {
            w.add("Degenerate " + (r.path("model").asText().equals("hmm") ? "state " : "component ")
                    + d.path("component").asText() + ": " + d.path("reason").asText());
        }
        JsonNode falls = r.path("logLikelihoodFalls");
        if (falls.isArray() && !falls.isEmpty()) {
            w.add("The log-likelihood fell beyond rounding " + falls.size() + " time" + (falls.size() == 1 ? "" : "s")
                    + " (an exact EM never falls): " + falls);
        }
        if (r.path("failedStarts").asInt(0) > 0) {
            w.add(r.get("failedStarts").asInt() + " of " + r.path("nInit").asInt() + " starts failed (collapsed or non-finite).");
        }
        if (r.path("nInit").asInt(1) > 1 && r.path("bestReachedBy").asInt(2) == 1) {
            w.add("Only one of " + r.get("nInit").asInt() + " starts reached the best log-likelihood; "
                    + "more starts (--n-init) may find a higher one.");
        }
        for (JsonNode g : r.path("warnings")) {
            w.add(g.asText());
        }
        for (JsonNode c : r.path("candidates")) {
            String name = String.format(Locale.ROOT, "k = %s, %s", c.path("k").asText(), c.path("variant").asText());
            if (c.path("failure").isTextual()) {
                w.add("Candidate " + name + " failed: " + c.get("failure").asText());
            } else if (c.path("degenerate").asBoolean(false)) {
                w.add("Candidate " + name + " is degenerate and was not chosen.");
            }
        }
        return w;
    }
}
