package org.mlem.io;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.mlem.missing.MvnParameters;

/**
 * A multivariate normal as JSON: {@code model} ("mvn"), {@code mean} [d] and {@code covariance}
 * [d][d] (maximum likelihood, divisor n).
 */
public final class MvnJson {
    private MvnJson() {}

    /** The normal's parameters as a JSON object. */
    public static ObjectNode node(MvnParameters p) {
        ObjectNode node = ModelJson.MAPPER.createObjectNode();
        node.put("model", "mvn");
        node.set("mean", ModelJson.MAPPER.valueToTree(p.mean()));
        node.set("covariance", ModelJson.MAPPER.valueToTree(p.covariance()));
        return node;
    }
}
