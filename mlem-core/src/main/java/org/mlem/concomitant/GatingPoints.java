package org.mlem.concomitant;

import java.util.Arrays;
import java.util.function.Function;

/**
 * {@link GatingSums} whose sums at a point are one computation over rows held elsewhere (a Spark
 * job over the partitions): the last point's sums are kept, since each Newton step asks for the
 * objective at a point and then its derivatives there.
 */
public final class GatingPoints implements GatingSums {
    private final Function<double[][], GatingTotals> sumsAt;
    private double[][] at;
    private GatingTotals last;

    /**
     * @param sumsAt the sums at coefficients (k × q; a copy it may keep)
     * @param first the point whose sums are already known ({@code firstSums}), or null
     */
    public GatingPoints(Function<double[][], GatingTotals> sumsAt, double[][] first, GatingTotals firstSums) {
        this.sumsAt = sumsAt;
        this.at = first;
        this.last = firstSums;
    }

    @Override
    public double objective(double[][] gamma) {
        return at(gamma).value();
    }

    @Override
    public void derivatives(double[][] gamma, double[] g, double[][] h) {
        at(gamma).addTo(g, h);
    }

    private GatingTotals at(double[][] gamma) {
        if (at != null && Arrays.deepEquals(at, gamma)) {
            return last;
        }
        double[][] point = MultinomialLogit.copy(gamma);
        last = sumsAt.apply(point);
        at = point;
        return last;
    }
}
