package org.mlem.glm;

/**
 * The two families whose {@code aic} is not a plain sum over rows, written as functions of sums
 * over rows, so that rows split into blocks ({@link GlmBlock}) give the value of the whole.
 */
final class RowSums {
    private RowSums() {
    }

    /** Gaussian: n (log(2 pi dev / n) + 1) + 2 - sum log wt, over the n rows of positive weight. */
    static double gaussianAic(long n, double logW, double deviance) {
        return n * (Math.log(2 * Math.PI * deviance / n) + 1) + 2 - logW;
    }

    /** Inverse Gaussian: sum(wt) (1 + log(2 pi dev / sum(wt))) + 3 sum(wt log y) + 2. */
    static double inverseGaussianAic(double total, double logY, double deviance) {
        return total * (1 + Math.log(deviance / total * 2 * Math.PI)) + 3 * logY + 2;
    }
}
