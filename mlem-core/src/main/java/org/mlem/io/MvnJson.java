package org.mlem.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.mlem.MlemUserException;
import org.mlem.em.EmOptions;
import org.mlem.missing.MvnFit;
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
        ObjectNode node = ModelJson.mapper().createObjectNode();
        node.put("model", "mvn");
        node.set("mean", ModelJson.mapper().valueToTree(p.mean()));
        node.set("covariance", ModelJson.mapper().valueToTree(p.covariance()));
        return node;
    }

    /**
     * The result and model file of {@code mlem fit mvn} (its {@code --json} and {@code --out}): the
     * fit's {@code n}, {@code logLikelihood}, {@code nParameters}, {@code aic}, {@code bic},
     * {@code converged}, {@code iterations}, {@code columns}, {@code seconds}, the normal, then
     * {@code missingCells}, the EM settings, {@code fixed} (held groups, when any),
     * {@code logLikelihoodFalls} and {@code trace}.
     */
    public static ObjectNode fit(MvnFit fit, EmOptions em, List<String> columns, double readSeconds) {
        ObjectNode node = ModelJson.mapper().createObjectNode();
        node.put("model", "mvn");
        node.put("n", fit.rows());
        node.put("logLikelihood", fit.logLikelihood());
        node.put("nParameters", fit.nParameters());
        node.put("aic", fit.aic());
        node.put("bic", fit.bic());
        node.put("converged", fit.converged());
        node.put("iterations", fit.iterations());
        node.set("columns", ModelJson.mapper().valueToTree(columns));
        ObjectNode seconds = node.putObject("seconds");
        seconds.put("read", readSeconds);
        seconds.put("init", 0.0);
        seconds.put("fit", fit.seconds());
        node.setAll(node(fit.parameters()));
        node.put("missingCells", fit.missingCells());
        node.put("tol", em.tolerance());
        node.put("convergence", em.convergence().id());
        node.put("acceleration", em.acceleration().name().toLowerCase(Locale.ROOT));
        if (!fit.held().isEmpty()) {
            ArrayNode held = node.putArray("fixed");
            fit.held().stream().sorted().forEach(g -> held.add(g.name().toLowerCase(Locale.ROOT)));
        }
        node.set("logLikelihoodFalls", ModelJson.falls(fit.trace(), fit.totalWeight()));
        node.set("trace", ModelJson.mapper().valueToTree(fit.trace()));
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
