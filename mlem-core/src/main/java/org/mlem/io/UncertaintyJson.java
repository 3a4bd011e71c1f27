package org.mlem.io;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.mlem.uncertainty.BootstrapResult;
import org.mlem.uncertainty.ParameterEstimates;

/**
 * The standard-error fields of a fit's JSON, as every {@code --bootstrap B} or
 * {@code --standard-errors louis} fit writes them (the CLI and the Spark stages alike):
 * {@code standardErrorMethod}, {@code standardErrors} (null for a parameter held by
 * {@code --fixed} or without a finite one), {@code fixedParameters}, and for the bootstrap
 * {@code intervals} and {@code bootstrap} (kind, replicates, confidence, failures).
 */
public final class UncertaintyJson {
    private UncertaintyJson() {}

    /**
     * Adds the fields to {@code node}.
     *
     * @param method {@code louis} or {@code bootstrap}
     * @param bootstrap the bootstrap's result (its intervals are written), or null for louis
     * @param held the parameters held fixed
     */
    public static void add(ObjectNode node, String method, ParameterEstimates estimates, BootstrapResult bootstrap,
            Predicate<String> held) {
        List<String> names = estimates.names();
        double[] se = estimates.standardError();
        node.put("standardErrorMethod", method);
        ObjectNode ses = node.putObject("standardErrors");
        for (int q = 0; q < names.size(); q++) {
            put(ses, names.get(q), held.test(names.get(q)) ? Double.NaN : se[q]);
        }
        List<String> fixed = names.stream().filter(held).toList();
        if (!fixed.isEmpty()) {
            ArrayNode list = node.putArray("fixedParameters");
            fixed.forEach(list::add);
        }
        if (bootstrap == null) {
            return;
        }
        ObjectNode intervals = node.putObject("intervals");
        for (int q = 0; q < names.size(); q++) {
            ArrayNode pair = intervals.putArray(names.get(q));
            pair.add(bootstrap.lower()[q]);
            pair.add(bootstrap.upper()[q]);
        }
        ObjectNode info = node.putObject("bootstrap");
        info.put("kind", bootstrap.kind().name().toLowerCase(Locale.ROOT));
        info.put("replicates", bootstrap.replicates());
        info.put("confidence", bootstrap.confidence());
        info.set("failures", ModelJson.mapper().valueToTree(bootstrap.failures()));
    }

    private static void put(ObjectNode node, String name, double v) {
        if (Double.isFinite(v)) {
            node.put(name, v);
        } else {
            node.putNull(name);
        }
    }
}
