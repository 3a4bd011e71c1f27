package org.mlem.concomitant;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.mlem.data.DataMatrix;
import org.mlem.dist.Families;
import org.mlem.em.Acceleration;
import org.mlem.em.EmOptions;
import org.mlem.formula.Frame;
import org.mlem.glm.Family;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.GaussianMixtureEstimator;
import org.mlem.gmm.GmmComponents;
import org.mlem.mixture.ProductComponents;
import org.mlem.mixture.ProductMixtureEstimator;
import org.mlem.model.Rows;
import org.mlem.regmix.RegmixComponents;
import org.mlem.regmix.RegmixEstimator;
import org.mlem.testkit.Fixtures;

/** The flexmix fixtures of tools/reference/concomitant_flexmix.R, as components, designs and starts. */
final class Cases {
    static final JsonNode ALL = Fixtures.json("concomitant/concomitant_flexmix.json");

    private Cases() {}

    static JsonNode named(String name) {
        for (JsonNode c : ALL) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException(name);
    }

    static Frame frame(String file) {
        try {
            return Frame.readCsv(Path.of(Cases.class.getResource("/fixtures/concomitant/" + file).toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One-hot posteriors of the fixture's 1-based {@code init} column (flexmix's {@code cluster=}). */
    static double[] hardStart(Frame f, int k) {
        double[] init = f.numeric("init");
        double[] r = new double[init.length * k];
        for (int i = 0; i < init.length; i++) {
            r[i * k + (int) init[i] - 1] = 1;
        }
        return r;
    }

    /**
     * EM as the oracle runs it: to the maximum (1e-14; flexmix's to 1e-16), SQUAREM for the count
     * cases and the Gaussian regression (plain EM there stops 1e-5 short in a flat gating direction
     * even at 1e-15), plain EM for the Gaussian mixture, whose first SQUAREM steps from the random hard start leave flexmix's basin
     * for a lower maximum (ℓ −5420.02 against −5317.01).
     */
    static EmOptions em(JsonNode c) {
        EmOptions o = EmOptions.DEFAULTS.withThreads(1).withTolerance(1e-14);
        return c.get("kind").asText().equals("gmm") ? o.withAcceleration(Acceleration.NONE) : o;
    }

    /** A case's components over its data. */
    static ComponentDensities<?> components(JsonNode c, Frame f) {
        int k = c.get("k").asInt();
        return switch (c.get("kind").asText()) {
            case "regmix" -> new RegmixComponents(RegmixEstimator.of(c.get("formula").asText(), k)
                    .withFamily(Family.byName(c.get("family").asText())), f);
            case "mixture" -> new ProductComponents(ProductMixtureEstimator.univariate(k,
                    Families.byName(c.get("family").asText())), matrix(c, f));
            case "gmm" -> new GmmComponents(GaussianMixtureEstimator.of(k).withCovariance(CovarianceStructure.FULL)
                    .withRegCovar(0), matrix(c, f));
            default -> throw new IllegalArgumentException(c.get("kind").asText());
        };
    }

    static DataMatrix matrix(JsonNode c, Frame f) {
        List<String> cols = new java.util.ArrayList<>();
        JsonNode columns = c.get("columns");
        if (columns.isArray()) {
            columns.forEach(n -> cols.add(n.asText()));
        } else {
            cols.add(columns.asText());
        }
        return Rows.matrix(f, cols);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static ConcomitantFit<?> fit(JsonNode c, Frame f, String concomitant) {
        ComponentDensities comps = components(c, f);
        ConcomitantDesign design = ConcomitantDesign.build(concomitant, f, null, null);
        return ConcomitantEm.fromPosteriors(comps, design, null, null, hardStart(f, c.get("k").asInt()), em(c));
    }
}
