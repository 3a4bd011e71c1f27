package org.mlem.gmm;

import org.mlem.data.DataMatrix;

/** The planted-outlier data of {@link DegeneracyTest}, for tests in other packages. */
public final class DegeneracyTestAccess {
    private DegeneracyTestAccess() {}

    public static DataMatrix faithfulWithOutlier() {
        return DegeneracyTest.faithfulWithOutlier();
    }

    /** The component whose mean is the planted row, or −1. */
    public static int outlierComponent(GaussianMixture m) {
        return DegeneracyTest.outlierComponent(m);
    }
}
