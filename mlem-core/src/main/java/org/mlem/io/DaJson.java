package org.mlem.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.mlem.MlemUserException;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.GaussianMixture;
import org.mlem.gmm.da.DaType;
import org.mlem.gmm.da.GaussianDiscriminant;

/**
 * A Gaussian discriminant model file ({@code model} "gmmda", {@code fit gmmda}): {@code type}
 * (edda or mclustda), {@code covariance} (EDDA's model across the classes), {@code classes} [C],
 * {@code priors} [C], {@code densities} [C] each a Gaussian mixture's fields as in a gmm file
 * ({@code k}, {@code covariance}, {@code weights}, {@code means}, {@code covariances}), and
 * {@code columns} [d].
 */
public final class DaJson {
    private DaJson() {}

    /** A read model and the columns it was fitted on (null when the file does not say). */
    public record DaFile(GaussianDiscriminant model, List<String> columns) {
        public DaFile {
            columns = columns == null ? null : List.copyOf(columns);
        }
    }

    /** The model's fields ({@code model}, {@code type}, {@code covariance} for EDDA, classes, priors, densities). */
    public static ObjectNode node(GaussianDiscriminant m) {
        ObjectNode node = ModelJson.mapper().createObjectNode();
        node.put("model", "gmmda");
        node.put("type", m.type().id());
        if (m.edda() != null) {
            node.put("covariance", m.edda().mclustName(m.dimension()));
        }
        node.set("classes", ModelJson.mapper().valueToTree(m.classes()));
        node.set("priors", ModelJson.mapper().valueToTree(m.priors()));
        ArrayNode densities = node.putArray("densities");
        for (GaussianMixture g : m.densities()) {
            ObjectNode d = ModelJson.gmmNode(g);
            d.remove("model");
            densities.add(d);
        }
        return node;
    }

    /** The model in a parsed file; a user error naming the field that is wrong. */
    public static DaFile from(JsonNode root, String source) {
        JsonFields f = new JsonFields(root, source);
        f.requireModel("gmmda", "a discriminant");
        DaType type;
        try {
            type = DaType.parse(f.text("type"));
        } catch (MlemUserException e) {
            throw f.error("type", e.getMessage());
        }
        List<String> classes = f.strings("classes", -1);
        int c = classes.size();
        if (c < 2) {
            throw f.error("classes", "names " + c + " class" + (c == 1 ? "" : "es") + "; a discriminant model has at least two");
        }
        double[] priors = (double[]) f.numbers("priors", c);
        f.requireArray("densities", c);
        List<GaussianMixture> densities = new ArrayList<>();
        for (int k = 0; k < c; k++) {
            f.element("densities", k); // an object
            ObjectNode d = ((ObjectNode) root.get("densities").get(k)).deepCopy();
            d.put("model", "gmm");
            densities.add(ModelJson.gmmFrom(d, source + " (densities[" + k + "])").mixture());
        }
        int dim = densities.get(0).dimension();
        for (int k = 1; k < c; k++) {
            if (densities.get(k).dimension() != dim) {
                throw f.error("densities[" + k + "]", "has dimension " + densities.get(k).dimension() + " but densities[0] has "
                        + dim + "; every class's density reads the same columns");
            }
        }
        CovarianceStructure edda = null;
        if (type == DaType.EDDA) {
            try {
                edda = CovarianceStructure.parse(f.text("covariance"), dim);
            } catch (MlemUserException e) {
                throw f.error("covariance", e.getMessage());
            }
        }
        for (double p : priors) {
            if (!(p > 0) || Double.isInfinite(p)) {
                throw f.error("priors", "holds " + p + "; every class prior must be a positive number");
            }
        }
        List<String> columns = f.has("columns") ? f.strings("columns", dim) : null;
        GaussianDiscriminant model = new GaussianDiscriminant(type, classes, priors, densities, edda).withPriors(priors);
        return new DaFile(model, columns);
    }
}
