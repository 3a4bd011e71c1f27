package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Oracle: R 4.2's {@code format(x, digits = d)} and {@code format.pval(p, digits = 3)}, outputs copied from R. */
class RNumbersTest {
    @Test
    void formatSharesDecimalsAsR() {
        // format(c(43.2297332768578, 10.059110472267), digits = 5) -> "43.230" "10.059"
        assertThat(RNumbers.format(new double[] {43.2297332768578, 10.059110472267}, 5)).containsExactly("43.230", "10.059");
        // format(c(1126.0471875, 278.321938), digits = 5) -> "1126.05" " 278.32" (R pads; we pad in the layout)
        assertThat(RNumbers.format(new double[] {1126.0471875, 278.321938}, 5)).containsExactly("1126.05", "278.32");
        // format(9.277398, digits = 7) and format(1, digits = 7)
        assertThat(RNumbers.format(9.27739771, 7)).isEqualTo("9.277398");
        assertThat(RNumbers.format(1, 7)).isEqualTo("1");
        // format(c(212.683743, 0.0641212819, 6.947155, 0.008280949), digits = 4) -> scientific
        assertThat(RNumbers.format(new double[] {212.683743, 0.0641212819, 6.947155, 0.008280949}, 4))
                .containsExactly("2.127e+02", "6.412e-02", "6.947e+00", "8.281e-03");
        assertThat(RNumbers.format(new double[] {Double.NaN, 2.5}, 4)).containsExactly("NA", "2.5");
    }

    @Test
    void pValuesAsFormatPval() {
        // format.pval(c(2.2e-300, 6.49e-05, 5.21e-16, 0.00391), digits = 3)
        assertThat(RNumbers.pValues(new double[] {2.2e-300, 6.4935e-05, 5.2088e-16, 0.0039146}))
                .containsExactly("< 2e-16", "6.49e-05", "5.21e-16", "0.00391");
        // format.pval(c(0.0112581987, 0.0409146465, 0.0084338126), digits = 3) -> "0.01126" "0.04091" "0.00843"
        assertThat(RNumbers.pValues(new double[] {0.0112581987, 0.0409146465, 0.0084338126}))
                .containsExactly("0.01126", "0.04091", "0.00843");
    }

    @Test
    void starsAtRsCutPoints() {
        assertThat(RNumbers.stars(0.0009)).isEqualTo("***");
        assertThat(RNumbers.stars(0.001)).isEqualTo("**");
        assertThat(RNumbers.stars(0.049)).isEqualTo("*");
        assertThat(RNumbers.stars(0.05)).isEqualTo(".");
        assertThat(RNumbers.stars(0.1)).isEqualTo("");
    }
}
