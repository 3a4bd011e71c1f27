package org.mlem.cli.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BinsTest {

    /**
     * Oracle: for the evenly spaced values 0..n−1, IQR = (n−1)/2, so the Freedman–Diaconis width
     * is (n−1)/∛n and the count is ⌈∛n⌉; n = 200 gives ⌈5.848⌉ = 6.
     */
    @Test
    void freedmanDiaconisCountForEvenlySpacedValues() {
        double[] x = new double[200];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        Bins b = Bins.freedmanDiaconis(x);
        assertThat(b.count()).isEqualTo(6);
        assertThat(b.lo()).isEqualTo(0);
        assertThat(b.hi()).isCloseTo(199, within(1e-12));
        assertThat(b.index(199)).isEqualTo(5);
        assertThat(b.index(0)).isEqualTo(0);
    }

    /** Oracle: a density integrates to 1, and groups stack to the whole (sums, 1e-12). */
    @Test
    void densitiesIntegrateToOneAndGroupsStack() {
        double[] x = {0.1, 0.4, 0.45, 1.2, 2.5, 2.6, 3.9, 4.0, 1.1, 0.2, 3.3};
        double[] w = {1, 2, 0.5, 1, 3, 1, 1, 2, 1, 1, 0.5};
        Bins b = Bins.freedmanDiaconis(x);
        double total = DensityPanel.sum(w);
        double[] all = b.density(x, w, i -> true, total);
        double[] even = b.density(x, w, i -> i % 2 == 0, total);
        double[] odd = b.density(x, w, i -> i % 2 == 1, total);
        double area = 0;
        for (int k = 0; k < b.count(); k++) {
            area += all[k] * b.width();
            assertThat(even[k] + odd[k]).isCloseTo(all[k], within(1e-12));
        }
        assertThat(area).isCloseTo(1, within(1e-12));
    }

    /** Oracle: with IQR 0 the rule falls back to ⌈√n⌉ bins; one distinct value gives one bin around it. */
    @Test
    void degenerateSamples() {
        double[] x = new double[50];
        x[49] = 10; // 49 zeros: IQR 0
        assertThat(Bins.freedmanDiaconis(x).count()).isEqualTo(8);
        Bins one = Bins.freedmanDiaconis(new double[] {3, 3, 3});
        assertThat(one.count()).isEqualTo(1);
        assertThat(one.center(0)).isCloseTo(3, within(1e-12));
    }

    /** Oracle: a heavy tail asks for thousands of FD bins; the count stops at the cap. */
    @Test
    void theCountIsCapped() {
        double[] x = new double[1000];
        for (int i = 0; i < x.length; i++) {
            x[i] = i % 10;
        }
        x[0] = 1e6;
        assertThat(Bins.freedmanDiaconis(x).count()).isEqualTo(Bins.MAX_BINS);
    }
}
