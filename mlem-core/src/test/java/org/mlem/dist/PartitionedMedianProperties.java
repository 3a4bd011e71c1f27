package org.mlem.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Law: {@link PartitionedDist#weightedMedian}, over the rows cut into any number of parts, is
 * {@link LaplaceFamily#weightedMedian} of the rows in one place, bit for bit (oracle: the single
 * machine's sort-and-walk; whole-number weights, whose partial sums are exact). The draws stress its
 * rules: ties, an even total that stops exactly at half (the midpoint), zero weights beside the
 * middle, −0.0 and 0.0, values spanning many magnitudes and both signs.
 */
class PartitionedMedianProperties {

    @Property(tries = 300, seed = "20261207")   // fixed: the build must not depend on luck
    void equalsTheSingleMachineMedian(@ForAll long seed, @ForAll @IntRange(min = 1, max = 7) int parts) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = 1 + rng.nextInt(60);
        int style = rng.nextInt(4);
        double[] x = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = switch (style) {
                case 0 -> rng.nextInt(5) - 2;                                       // heavy ties, −2..2
                case 1 -> rng.nextBoolean() ? -0.0 : 0.0;                           // signed zeros only
                case 2 -> (rng.nextBoolean() ? -1 : 1) * Math.pow(10, rng.nextInt(-300, 300)) * rng.nextDouble();
                default -> rng.nextGaussian();
            };
            w[i] = rng.nextInt(4);                                                   // 0..3, zeros included
        }
        w[rng.nextInt(n)] = 1;                                                       // a positive total
        double expected = LaplaceFamily.weightedMedian(Sample.trusted(x, w));
        double got = distributed(x, w, parts);
        assertThat(Double.doubleToRawLongBits(got)).as("median of %s weights %s", Arrays.toString(x),
                Arrays.toString(w)).isEqualTo(Double.doubleToRawLongBits(expected));
    }

    @Test
    void anEvenCountTakesTheMidpointAndManyRowsNeedFewPasses() {
        double[] x = new double[100_000];
        SplittableRandom rng = new SplittableRandom(7);
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextGaussian();
        }
        int[] passes = {0};
        double got = PartitionedDist.weightedMedian(counting(parts(x, null, 3), passes), min(x), max(x), x.length);
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        assertThat(got).isEqualTo(0.5 * (sorted[49_999] + sorted[50_000]));              // R's median of an even n
        assertThat(passes[0]).isLessThanOrEqualTo(7);
    }

    private static double distributed(double[] x, double[] w, int parts) {
        double lowest = Double.POSITIVE_INFINITY;
        double highest = Double.NEGATIVE_INFINITY;
        double total = 0;
        for (int i = 0; i < x.length; i++) {
            if (w[i] > 0) {
                lowest = Double.compare(x[i], lowest) < 0 ? x[i] : lowest;
                highest = Double.compare(x[i], highest) > 0 ? x[i] : highest;
            }
            total += w[i];
        }
        return PartitionedDist.weightedMedian(counting(parts(x, w, parts), new int[1]), lowest, highest, total);
    }

    private static List<PartitionedDist.Part> parts(double[] x, double[] w, int parts) {
        List<PartitionedDist.Part> out = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            int from = (int) ((long) x.length * p / parts);
            int to = (int) ((long) x.length * (p + 1) / parts);
            out.add(new PartitionedDist.Part(Arrays.copyOfRange(x, from, to), w == null ? null
                    : Arrays.copyOfRange(w, from, to)));
        }
        return out;
    }

    /** Passes over the parts in order, summing the first {@code summed} entries and taking the maximum of the rest. */
    private static PartitionedDist.Passes<PartitionedDist.Part> counting(List<PartitionedDist.Part> parts, int[] passes) {
        return (f, summed) -> {
            passes[0]++;
            double[] acc = null;
            for (PartitionedDist.Part part : parts) {
                double[] r = f.of(part);
                if (acc == null) {
                    acc = r;
                    continue;
                }
                for (int j = 0; j < r.length; j++) {
                    acc[j] = j < summed ? acc[j] + r[j] : Math.max(acc[j], r[j]);
                }
            }
            return acc;
        };
    }

    private static double min(double[] x) {
        return Arrays.stream(x).min().orElseThrow();
    }

    private static double max(double[] x) {
        return Arrays.stream(x).max().orElseThrow();
    }
}
