package org.mlem.regmix;

import org.mlem.formula.Frame;
import org.mlem.testkit.Fixtures;

/** Frames of the regmix fixtures (written by tools/reference/regmix_flexmix.R). */
final class RegmixFixtures {
    private RegmixFixtures() {
    }

    /** A numeric CSV fixture under fixtures/regmix/ as a frame. */
    static Frame frame(String file) {
        return Fixtures.frame(Fixtures.csv("regmix/" + file));
    }

    /** The fixture's 1-based {@code init} column as 0-based labels. */
    static int[] initLabels(Frame f) {
        double[] init = f.numeric("init");
        int[] labels = new int[init.length];
        for (int i = 0; i < init.length; i++) {
            labels[i] = (int) init[i] - 1;
        }
        return labels;
    }
}
