package org.mlem.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The report's sections drawn from EM's record: the convergence trace, the starts, a selection's candidates. */
final class ReportSections {
    private ReportSections() {}

    /** The log-likelihood after each iteration as a chart and its ends; a one-shot fit says it has none. */
    static void convergence(StringBuilder sb, JsonNode r) {
        sb.append("<h2 id=\"convergence\">Convergence</h2>\n");
        JsonNode trace = r.path("trace");
        if (!trace.isArray() || trace.isEmpty()) {
            sb.append("<p>").append(r.path("iterations").isNumber()
                    ? "Fit in " + r.get("iterations").asInt() + " iterations of its optimiser (no EM trace is recorded)."
                    : "A closed-form or one-shot fit: no iterations to trace.").append("</p>\n");
            return;
        }
        double[] y = new double[trace.size()];
        double[] x = new double[trace.size()];
        for (int t = 0; t < y.length; t++) {
            x[t] = t;
            y[t] = trace.get(t).isNumber() ? trace.get(t).asDouble() : Double.NaN;
        }
        sb.append(SvgChart.of("log-likelihood after each EM iteration", "iteration", "log-likelihood",
                List.of(new SvgChart.Series("log-likelihood", x, y))));
        sb.append("<p>Start ").append(Html.number(y[0])).append(", after ").append(y.length - 1)
                .append(" iterations ").append(Html.number(y[y.length - 1])).append(" (")
                .append(r.path("convergence").asText("?")).append(" rule, tol ").append(r.path("tol").asText("?"))
                .append(r.path("converged").asBoolean(true) ? ", converged" : ", not converged").append(").</p>\n");
    }

    /** Every start's final log-likelihood and its distance below the best. */
    static void starts(StringBuilder sb, JsonNode r) {
        JsonNode starts = r.path("startLogLikelihoods");
        if (!starts.isArray() || starts.isEmpty()) {
            if (r.path("nInit").isNumber()) {
                sb.append("<h2 id=\"starts\">Starts</h2>\n<p>One start (").append(Html.escape(r.path("init").asText("default")))
                        .append(").</p>\n");
            }
            return;
        }
        double best = Double.NEGATIVE_INFINITY;
        for (JsonNode s : starts) {
            best = Math.max(best, s.isNumber() ? s.asDouble() : Double.NEGATIVE_INFINITY);
        }
        int optima = r.path("distinctOptima").asInt(0);
        sb.append("<h2 id=\"starts\">Starts</h2>\n<p>").append(starts.size()).append(" starts; ")
                .append(optima > 0 ? optima + (optima == 1 ? " distinct optimum" : " distinct optima") + "; " : "")
                .append("the best reached by ").append(r.path("bestReachedBy").asText("?"))
                .append(".</p>\n<table class=\"starts\">\n")
                .append("<tr><th>start</th><th>final log-likelihood</th><th>below the best</th></tr>\n");
        for (int s = 0; s < starts.size(); s++) {
            double v = starts.get(s).isNumber() ? starts.get(s).asDouble() : Double.NEGATIVE_INFINITY;
            sb.append("<tr").append(v == best ? " class=\"best\"" : "").append("><td>").append(s).append("</td><td>")
                    .append(Double.isFinite(v) ? Html.number(v) : "failed").append("</td><td>")
                    .append(Double.isFinite(v) ? Html.number(best - v) : "").append("</td></tr>\n");
        }
        sb.append("</table>\n");
    }

    /**
     * A selection's candidates as a table (the chosen one marked) and, over a grid of k, BIC against
     * k, one line per variant (a family selection's candidates are its families).
     */
    static void candidates(StringBuilder sb, JsonNode r) {
        JsonNode cands = r.get("candidates");
        int best = r.path("best").asInt(-1);
        sb.append("<h2 id=\"candidates\">Candidates</h2>\n<p>Chosen by ").append(Html.escape(r.path("criterion").asText("bic")))
                .append(" (lower is better).</p>\n<table class=\"candidates\">\n<tr><th>k</th><th class=\"text\">variant</th>")
                .append("<th>log-likelihood</th><th>parameters</th><th>BIC</th><th>AIC</th><th>ICL</th>")
                .append("<th class=\"text\">note</th></tr>\n");
        Map<String, List<double[]>> byVariant = new LinkedHashMap<>();
        for (int i = 0; i < cands.size(); i++) {
            JsonNode c = cands.get(i);
            String note = c.path("failure").isTextual() ? "failed" : c.path("degenerate").asBoolean(false) ? "degenerate" : "";
            String variant = c.path("variant").isTextual() ? c.get("variant").asText() : c.path("family").asText();
            sb.append("<tr").append(i == best ? " class=\"best\"" : "").append("><td>").append(c.path("k").asText())
                    .append("</td><td class=\"text\">").append(Html.escape(variant)).append("</td>");
            for (String f : List.of("logLikelihood", "nParameters", "bic", "aic", "icl")) {
                sb.append("<td>").append(c.path(f).isNumber() ? Html.number(c.get(f).asDouble()) : "").append("</td>");
            }
            sb.append("<td class=\"text\">").append(i == best ? "chosen" : note).append("</td></tr>\n");
            if (!c.path("k").isNumber()) {
                continue;
            }
            byVariant.computeIfAbsent(variant, v -> new ArrayList<>())
                    .add(new double[] {c.path("k").asDouble(), c.path("bic").isNumber() ? c.get("bic").asDouble() : Double.NaN});
        }
        sb.append("</table>\n");
        if (byVariant.isEmpty()) {
            return;
        }
        List<SvgChart.Series> series = new ArrayList<>();
        byVariant.forEach((variant, points) -> {
            double[] x = points.stream().mapToDouble(p -> p[0]).toArray();
            double[] y = points.stream().mapToDouble(p -> p[1]).toArray();
            series.add(new SvgChart.Series(variant, x, y));
        });
        sb.append(SvgChart.of("BIC against k, one line per variant", "k", "BIC", series));
    }
}
