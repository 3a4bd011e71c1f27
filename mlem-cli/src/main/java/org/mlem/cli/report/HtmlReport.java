package org.mlem.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mlem.io.AtomicFile;
import org.mlem.io.ModelJson;

/**
 * One fit as a self-contained HTML page: the summary, the estimates (the {@link TidyTable}), the
 * model's plots as embedded PNGs, the convergence trace and the starts, the warnings, what
 * reproduces it, and the JSON result. Nothing is fetched: the style and the one small script are
 * inline, the pictures are data URIs, and the page's Content-Security-Policy forbids any other
 * source, so a browser opening it makes no network request.
 *
 * <p>The script checks, once the page has loaded, that every picture decoded; it writes what went
 * wrong into the element {@code #page-errors} and sets {@code data-rendered} on the body to
 * {@code ok} or {@code errors}, which a headless browser's dumped DOM shows.
 *
 * @param result the fit's JSON result or model file (a {@code select}'s comparison too)
 * @param estimates the model whose parameters are listed: the fit's, or a selection's chosen model
 *     (null for none)
 * @param figures the model's plots, in order
 * @param provenance what reproduces it
 */
public record HtmlReport(JsonNode result, JsonNode estimates, List<Figure> figures, Provenance provenance) {

    /**
     * A plot as PNG bytes.
     *
     * @param caption what it shows
     * @param png the image
     */
    public record Figure(String caption, byte[] png) {}

    public HtmlReport {
        figures = List.copyOf(figures);
    }

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;margin:2em auto;\
            max-width:1100px;padding:0 1em;color:#222;line-height:1.4}
            h1{font-size:1.6em;border-bottom:2px solid #1f77b4;padding-bottom:.2em}
            h2{font-size:1.25em;margin-top:1.6em;color:#1f4f7b}
            table{border-collapse:collapse;margin:.5em 0;font-size:.92em}
            th,td{border:1px solid #ccc;padding:.25em .6em;text-align:right}
            th{background:#eef3f8}td.text,th.text{text-align:left}
            tr.best td{background:#fff6d5;font-weight:600}
            figure{margin:1em 0}figure img{max-width:100%;border:1px solid #ddd}
            figcaption{font-size:.9em;color:#555}
            pre{background:#f6f8fa;padding:.6em;overflow-x:auto;font-size:.85em}
            ul.warnings li{color:#8a3b00}
            #page-errors:empty{display:none}#page-errors{color:#b00020}
            """;

    private static final String SCRIPT = """
            window.addEventListener('error', function (e) {
              var box = document.getElementById('page-errors');
              box.textContent += 'error: ' + (e.message || (e.target && e.target.tagName)) + '\\n';
            }, true);
            window.addEventListener('load', function () {
              var box = document.getElementById('page-errors');
              var images = document.images;
              for (var i = 0; i < images.length; i++) {
                if (!images[i].complete || images[i].naturalWidth === 0) {
                  box.textContent += 'picture not decoded: ' + images[i].alt + '\\n';
                }
              }
              document.body.setAttribute('data-rendered', box.textContent === '' ? 'ok' : 'errors');
            });
            """;

    /** Writes the page to {@code file}, all or nothing. */
    public void write(Path file) {
        AtomicFile.writeString(file, "the report", html());
    }

    /** The page. */
    public String html() {
        StringBuilder sb = new StringBuilder();
        String title = title();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; ")
                .append("style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(Html.escape(title)).append("</title>\n<style>\n").append(STYLE)
                .append("</style>\n<script>\n").append(SCRIPT).append("</script>\n</head>\n<body>\n")
                .append("<h1>").append(Html.escape(title)).append("</h1>\n<pre id=\"page-errors\"></pre>\n");
        summary(sb);
        boolean selection = result.path("candidates").isArray();
        if (selection) {
            ReportSections.candidates(sb, result);
        }
        estimates(sb);
        plots(sb);
        if (!selection) {
            ReportSections.convergence(sb, result);
            ReportSections.starts(sb, result);
        }
        warnings(sb);
        reproduce(sb);
        sb.append("<h2 id=\"json\">JSON result</h2>\n<details><summary>the fit's JSON (as --json prints it)</summary>\n<pre>")
                .append(Html.escape(ModelJson.toJson(result))).append("</pre></details>\n");
        return sb.append("</body>\n</html>\n").toString();
    }

    private String title() {
        String model = result.path("model").asText("model");
        return model.equals("select") ? "mlem report: model selection" : "mlem report: " + model + " fit";
    }

    private void summary(StringBuilder sb) {
        sb.append("<h2 id=\"summary\">Summary</h2>\n<table class=\"summary\">\n");
        for (String field : List.of("model", "family", "dist", "formula", "k", "states", "emission", "covariance", "type",
                "criterion")) {
            if (result.path(field).isValueNode()) {
                row(sb, field, result.get(field).asText());
            }
        }
        if (result.path("columns").isArray()) {
            List<String> cols = new ArrayList<>();
            result.get("columns").forEach(c -> cols.add(c.asText()));
            row(sb, "columns", String.join(", ", cols));
        }
        for (String[] f : new String[][] {{"n", "rows used (n)"}, {"logLikelihood", "log-likelihood"},
                {"nParameters", "parameters"}, {"aic", "AIC (lower is better)"}, {"bic", "BIC (lower is better)"},
                {"iterations", "iterations"}, {"converged", "converged"}}) {
            JsonNode v = result.path(f[0]);
            if (v.isNumber()) {
                row(sb, f[1], Html.number(v.asDouble()));
            } else if (v.isBoolean()) {
                row(sb, f[1], v.asBoolean() ? "yes" : "no");
            }
        }
        sb.append("</table>\n");
    }

    private static void row(StringBuilder sb, String name, String value) {
        sb.append("<tr><th class=\"text\">").append(Html.escape(name)).append("</th><td class=\"text\">")
                .append(Html.escape(value)).append("</td></tr>\n");
    }

    private void estimates(StringBuilder sb) {
        TidyTable tidy = estimates == null ? null : TidyTable.of(estimates);
        if (tidy == null || tidy.rows().isEmpty()) {
            return;
        }
        sb.append("<h2 id=\"estimates\">Estimates</h2>\n");
        if (estimates != result) {
            sb.append("<p>Of the chosen model.</p>\n");
        }
        JsonNode method = estimates.path("standardErrorMethod");
        if (method.isTextual()) {
            sb.append("<p>Standard errors: ").append(Html.escape(method.asText())).append(".</p>\n");
        }
        JsonNode interval = estimates.path("interval");
        if (interval.isTextual()) {
            sb.append("<p>Confidence intervals (conf.low, conf.high): ").append(Html.escape(interval.asText()
                    .equals("profile") ? "profile likelihood" : interval.asText())).append(", level ")
                    .append(Html.number(estimates.path("confidenceLevel").asDouble(0.95))).append(".</p>\n");
        }
        sb.append("<table class=\"estimates\">\n<tr>");
        List<String> cols = tidy.columns();
        for (String c : cols) {
            sb.append("<th").append(c.equals("term") ? " class=\"text\"" : "").append('>').append(Html.escape(c)).append("</th>");
        }
        sb.append("</tr>\n");
        for (List<String> line : tidy.cells(Html::number)) {
            sb.append("<tr>");
            for (int i = 0; i < line.size(); i++) {
                sb.append(i == 0 ? "<td class=\"text\">" : "<td>").append(Html.escape(line.get(i) == null ? "" : line.get(i)))
                        .append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</table>\n");
    }

    private void plots(StringBuilder sb) {
        if (figures.isEmpty()) {
            return;
        }
        sb.append("<h2 id=\"plots\">Plots</h2>\n");
        for (Figure f : figures) {
            sb.append("<figure class=\"plot\"><img alt=\"").append(Html.escape(f.caption()))
                    .append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(f.png()))
                    .append("\"><figcaption>").append(Html.escape(f.caption())).append("</figcaption></figure>\n");
        }
    }

    private void warnings(StringBuilder sb) {
        List<String> w = ReportWarnings.of(result);
        sb.append("<h2 id=\"warnings\">Warnings</h2>\n");
        if (w.isEmpty()) {
            sb.append("<p class=\"no-warnings\">None: the fit converged, no component or state degenerated, ")
                    .append("and the log-likelihood never fell.</p>\n");
            return;
        }
        sb.append("<ul class=\"warnings\">\n");
        w.forEach(line -> sb.append("<li>").append(Html.escape(line)).append("</li>\n"));
        sb.append("</ul>\n");
    }

    private void reproduce(StringBuilder sb) {
        sb.append("<h2 id=\"reproduce\">Reproduce</h2>\n<pre class=\"command\">").append(Html.escape(provenance.commandLine()))
                .append("</pre>\n<table class=\"provenance\">\n");
        row(sb, "version", provenance.version());
        if (result.path("seed").isNumber()) {
            row(sb, "seed", result.get("seed").asText());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = result.path("seconds").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            row(sb, "seconds (" + e.getKey() + ")", String.format(Locale.ROOT, "%.3f", e.getValue().asDouble()));
        }
        sb.append("</table>\n<table class=\"files\">\n<tr><th class=\"text\">read as</th><th class=\"text\">file</th>")
                .append("<th>bytes</th><th class=\"text\">SHA-256</th></tr>\n");
        for (Provenance.FileFact f : provenance.files()) {
            sb.append("<tr><td class=\"text\">").append(Html.escape(f.role())).append("</td><td class=\"text\">")
                    .append(Html.escape(f.name())).append("</td><td>").append(f.bytes() < 0 ? "" : Long.toString(f.bytes()))
                    .append("</td><td class=\"text\"><code>")
                    .append(f.sha256() == null ? "(standard input: not kept, so not hashed)" : f.sha256())
                    .append("</code></td></tr>\n");
        }
        sb.append("</table>\n");
    }
}
