package org.mlem.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.mlem.MlemUserException;
import org.mlem.missing.MvnParameters;

/**
 * A multivariate normal as JSON: {@code model} ("mvn"), {@code mean} [d] and {@code covariance}
 * [d][d] (maximum likelihood, divisor n).
 */
public final class MvnJson {
    private MvnJson() {}

    /**
     * A normal read from a model file.
     *
     * @param parameters its mean and covariance
     * @param columns the data columns it was fit on, in order, or null when the file does not say
     */
    public record Model(MvnParameters parameters, List<String> columns) {
        public Model {
            columns = columns == null ? null : List.copyOf(columns);
        }
    }

    /** The normal's parameters as a JSON object. */
    public static ObjectNode node(MvnParameters p) {
        ObjectNode node = ModelJson.MAPPER.createObjectNode();
        node.put("model", "mvn");
        node.set("mean", ModelJson.MAPPER.valueToTree(p.mean()));
        node.set("covariance", ModelJson.MAPPER.valueToTree(p.covariance()));
        return node;
    }

    /** Reads a multivariate-normal model file ({@code mlem fit mvn --out}, or hand-written). */
    public static Model read(Path file) {
        return from(ModelJson.readTree(file), file.toString());
    }

    /**
     * A normal from a parsed model file. Required: {@code model} = "mvn", {@code mean} [d],
     * {@code covariance} [d][d] (symmetric positive definite); optional: {@code columns} [d].
     */
    public static Model from(JsonNode root, String source) {
        JsonFields f = new JsonFields(root, source);
        f.requireModel("mvn", "a multivariate-normal");
        double[] mean = (double[]) f.numbers("mean", -1);
        int d = mean.length;
        double[][] covariance = (double[][]) f.numbers("covariance", d, d);
        List<String> columns = f.has("columns") ? f.strings("columns", d) : null;
        try {
            return new Model(MvnParameters.of(mean, covariance), columns);
        } catch (MlemUserException e) {
            throw new MlemUserException(e.getMessage(), source, -1, -1);
        }
    }
}
