package org.mlem.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.SplittableRandom;
import org.mlem.data.DataMatrix;
import org.mlem.dist.Distribution;
import org.mlem.formula.Frame;
import org.mlem.io.OneShotJson;
import org.mlem.survival.CensoredFit;
import org.mlem.survival.CensoredSample;
import org.mlem.survival.Truncation;

/**
 * A fitted distribution file ({@code fit dist}): each value's log density (or mass), and draws. A
 * file fitted with truncation scores and draws the truncated distribution, as the fit's likelihood
 * has it; censored rows score the probability of their interval ({@link #logDensities(CensoredSample)}).
 */
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
        Truncation t = file.truncation();
        for (int i = 0; i < x.rows(); i++) {
            double v = x.get(i, 0);
            try {
                distribution().family().checkSupport(new double[] {v});
            } catch (org.mlem.MlemUserException e) {
                return new RowInput.Violation(i, 0, e.getMessage().replaceFirst("^row 1: ", ""));
            }
            // a count family truncated below A and above B takes A < x <= B (CensoredFit's count rows)
            boolean counts = distribution().family().isDiscrete();
            if ((counts ? v <= t.below() : v < t.below()) || v > t.above()) {
                return new RowInput.Violation(i, 0, "value " + v + " lies outside the truncation range "
                        + (counts ? "(" : "[") + t.below() + ", " + t.above() + "], which no observation can; the model"
                        + " was fitted with that truncation: remove the row, or refit without it");
            }
        }
        return null;
    }

    /** Each value's log density, less log(F(B) − F(A)) for a file fitted with truncation to [A, B]. */
    @Override
    public double[] logDensities(Frame rows) {
        double[] x = rows.numeric(file.column());
        if (file.truncation().truncates()) {
            return CensoredFit.rowLogLikelihoods(distribution(), CensoredSample.exact(x, null), file.truncation());
        }
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = distribution().logDensity(x[i]);
        }
        return out;
    }

    /**
     * Censored rows' log-likelihoods as {@code fit dist --status|--interval} sums them: an exact
     * row's log density, a censored row's log-probability of its interval, each less the file's
     * truncation term ({@link CensoredFit#rowLogLikelihoods}).
     *
     * @throws org.mlem.survival.RowException naming the first row outside the support or the truncation range
     */
    public double[] logDensities(CensoredSample rows) {
        return CensoredFit.rowLogLikelihoods(distribution(), rows, file.truncation());
    }

    /**
     * {@code n} draws from a {@link SplittableRandom} seeded by {@code seed}, in a column named as the
     * fitted one; from the truncated distribution when the file has a truncation ({@link Truncation#sample}).
     */
    @Override
    public DataMatrix sample(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = file.truncation().truncates() ? file.truncation().sample(distribution(), n, rng)
                : distribution().sample(n, rng);
        return DataMatrix.of(x, n, 1, List.of(file.column()));
    }

    /** The family and its parameters by R's names. */
    @Override
    public String summary() {
        Truncation trunc = file.truncation();
        ParameterTable t = new ParameterTable("distribution: " + file.distribution().family().name() + " (column "
                + file.column() + (trunc.truncates() ? ", truncated to [" + trunc.below() + ", " + trunc.above() + "]" : "")
                + ")", List.of("estimate"));
        file.distribution().parameters().forEach((name, v) -> t.row(name, v));
        return t.render();
    }
}
