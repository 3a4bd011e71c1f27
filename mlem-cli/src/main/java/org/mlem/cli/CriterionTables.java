package org.mlem.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mlem.io.ModelJson;
import org.mlem.select.CriterionTable;

/**
 * mclust's BIC and ICL tables ({@link CriterionTable}) as text and JSON: models as columns, k as
 * rows, NA where there is no value, and the top three. mlem's sign (lower is better) is kept and
 * said; mclust's values are their negatives.
 */
final class CriterionTables {
    private CriterionTables() {}

    /** The table as mclust prints it, then its top three. */
    static String text(CriterionTable t, String kName) {
        String name = t.criterion().id().toUpperCase(Locale.ROOT);
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "%n%s by %s and model (lower is better; mclust's %s is minus these; NA: failed or never chosen):%n",
                name, kName, name));
        TextTable table = new TextTable();
        table.row(kName, t.variants().toArray(String[]::new));
        double[][] v = t.values();
        for (int i = 0; i < t.ks().size(); i++) {
            List<String> row = new ArrayList<>();
            for (double x : v[i]) {
                row.add(Double.isNaN(x) ? "NA" : CsvNumbers.brief(x));
            }
            table.row(String.valueOf(t.ks().get(i)), row.toArray(String[]::new));
        }
        sb.append(table.render());
        sb.append(String.format(Locale.ROOT, "top %d by %s:", t.top().size(), name));
        for (CriterionTable.Entry e : t.top()) {
            sb.append(String.format(Locale.ROOT, "  %s,%d %s", e.variant(), e.k(), CsvNumbers.brief(e.value())));
        }
        return sb.append(System.lineSeparator()).toString();
    }

    /**
     * {@code {"criterion", "k": [..], "models": [..], "values": [[..]] (null for NA), "top": [{k, model, value}]}}.
     */
    static ObjectNode json(CriterionTable t) {
        ObjectNode node = ModelJson.mapper().createObjectNode();
        node.put("criterion", t.criterion().id());
        node.put("lowerIsBetter", true);
        node.set("k", ModelJson.mapper().valueToTree(t.ks()));
        node.set("models", ModelJson.mapper().valueToTree(t.variants()));
        ArrayNode values = node.putArray("values");
        for (double[] row : t.values()) {
            ArrayNode r = values.addArray();
            for (double x : row) {
                if (Double.isNaN(x)) {
                    r.addNull();
                } else {
                    r.add(x);
                }
            }
        }
        ArrayNode top = node.putArray("top");
        for (CriterionTable.Entry e : t.top()) {
            top.addObject().put("k", e.k()).put("model", e.variant()).put("value", e.value());
        }
        return node;
    }
}
