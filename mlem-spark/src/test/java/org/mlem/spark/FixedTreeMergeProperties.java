package org.mlem.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.mlem.em.BlockReducer;
import org.mlem.em.Stats;

/** Law: the merged bits do not depend on the order partitions arrive in, nor on how they are grouped. */
class FixedTreeMergeProperties {

    /** One double sum: floating-point addition is not associative, so an order-dependent merge would show. */
    static final class Sum implements Stats<Sum>, java.io.Serializable {
        double v;

        Sum(double v) {
            this.v = v;
        }

        @Override
        public void merge(Sum other) {
            v += other.v;
        }
    }

    @Property(tries = 200)
    void anyArrivalOrderGivesTheSameBits(@ForAll @IntRange(min = 1, max = 40) int leaves, @ForAll long seed) {
        Random rng = new Random(seed);
        double[] values = new double[leaves];
        for (int i = 0; i < leaves; i++) {
            values[i] = Math.scalb(rng.nextDouble(), rng.nextInt(60) - 30);
        }
        BlockReducer.Result<Sum> inOrder = merge(values, identity(leaves), 1, rng);
        List<Integer> order = identity(leaves);
        Collections.shuffle(order, rng);
        BlockReducer.Result<Sum> shuffled = merge(values, order, 1 + rng.nextInt(4), rng);
        assertThat(Double.doubleToLongBits(shuffled.stats().v)).isEqualTo(Double.doubleToLongBits(inOrder.stats().v));
        assertThat(Double.doubleToLongBits(shuffled.logLikelihood()))
                .isEqualTo(Double.doubleToLongBits(inOrder.logLikelihood()));
        // oracle for the value: the plain sum, to rounding
        double plain = 0;
        for (double v : values) {
            plain += v;
        }
        assertThat(inOrder.stats().v).isCloseTo(plain, org.assertj.core.data.Offset.offset(1e-12 * Math.abs(plain) + 1e-300));
    }

    /** Leaves in {@code order}, scattered over {@code groups} partial trees combined in random order. */
    private static BlockReducer.Result<Sum> merge(double[] values, List<Integer> order, int groups, Random rng) {
        List<FixedTreeMerge<Sum>> parts = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            parts.add(new FixedTreeMerge<>(values.length));
        }
        for (int i : order) {
            parts.get(rng.nextInt(groups)).add(i, new Sum(values[i]), -values[i]);
        }
        Collections.shuffle(parts, rng);
        FixedTreeMerge<Sum> total = new FixedTreeMerge<>(values.length);
        for (FixedTreeMerge<Sum> p : parts) {
            total = total.combine(p);
        }
        return total.result();
    }

    private static List<Integer> identity(int n) {
        List<Integer> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(i);
        }
        return l;
    }
}
