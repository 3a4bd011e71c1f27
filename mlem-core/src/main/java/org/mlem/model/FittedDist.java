package org.mlem.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.SplittableRandom;
import org.mlem.data.DataMatrix;
import org.mlem.dist.Distribution;
import org.mlem.formula.Frame;
import org.mlem.io.OneShotJson;

/** A fitted distribution file ({@code fit dist}): each value's log density (or mass), and draws. */
public record FittedDist(OneShotJson.Dist file) implements RowScores, Sampler {
    public static final ModelKind<FittedDist> KIND = new ModelKind<>("distribution", "fitted distribution",
            FittedDist.class, new ModelCodec<>() {
                @Override
                public FittedDist read(JsonNode root, String source) {
                    return new FittedDist(OneShotJson.dist(root, source));
                }

                @Override
                public ObjectNode write(FittedDist m) {
                    return m.file.node();
                }
            });

    public Distribution distribution() {
        return file.distribution();
    }

    @Override
    public String kind() {
        return KIND.name();
    }

    @Override
    public int nParameters() {
        return distribution().parameterNames().size();
    }

    @Override
    public List<String> parameterNames() {
        return distribution().parameterNames();
    }

    /** The one column it was fit to, numeric (a categorical's codes 0..K-1). */
    @Override
    public RowInput.Columns input() {
        return new RowInput.Columns(List.of(file.column()), 1, false, this::firstViolation);
    }

    private RowInput.Violation firstViolation(DataMatrix x) {
        for (int i = 0; i < x.rows(); i++) {
            try {
                distribution().family().checkSupport(new double[] {x.get(i, 0)});
            } catch (org.mlem.MlemUserException e) {
                return new RowInput.Violation(i, 0, e.getMessage().replaceFirst("^row 1: ", ""));
            }
        }
        return null;
    }

    @Override
    public double[] logDensities(Frame rows) {
        double[] x = rows.numeric(file.column());
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = distribution().logDensity(x[i]);
        }
        return out;
    }

    /** {@code n} draws from a {@link SplittableRandom} seeded by {@code seed}, in a column named as the fitted one. */
    @Override
    public DataMatrix sample(int n, long seed) {
        double[] x = distribution().sample(n, new SplittableRandom(seed));
        return DataMatrix.of(x, n, 1, List.of(file.column()));
    }

    /** The family and its parameters by R's names. */
    @Override
    public String summary() {
        ParameterTable t = new ParameterTable("distribution: " + file.distribution().family().name() + " (column "
                + file.column() + ")", List.of("estimate"));
        file.distribution().parameters().forEach((name, v) -> t.row(name, v));
        return t.render();
    }
}
