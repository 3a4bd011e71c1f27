package org.mlem.glm;

/** A least-squares fit of one NIST problem straight through {@link LeastSquares}. */
record NistFit(double[] coefficients, double[] standardErrors, double residualSd, double rSquared) {

    static NistFit of(NistLinearTest.Problem p) {
        int n = p.data().length;
        int predictors = p.data()[0].length - 1;
        boolean intercept = !p.name().startsWith("NoInt");
        int k = p.params();
        double[] a = new double[n * k];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double[] row = p.data()[i];
            y[i] = row[0];
            for (int j = 0; j < k; j++) {
                a[i + j * n] = predictors > 1 ? (j == 0 ? 1 : row[j]) : Math.pow(row[1], intercept ? j : j + 1);
            }
        }
        LeastSquares.Solution s = LeastSquares.solve(a, n, k, y, 1e-11);
        double sigma2 = s.residualSumOfSquares() / (n - k);
        double[] se = new double[k];
        for (int j = 0; j < k; j++) {
            se[j] = Math.sqrt(sigma2 * s.unscaledCovariance()[j * k + j]);
        }
        double mean = 0;
        for (double v : y) {
            mean += v / n;
        }
        double tss = 0;
        for (double v : y) {
            double d = intercept ? v - mean : v;
            tss += d * d;
        }
        return new NistFit(s.coefficients(), se, Math.sqrt(sigma2), 1 - s.residualSumOfSquares() / tss);
    }
}
