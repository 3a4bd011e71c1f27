package org.mlem.nls;

/**
 * A least-squares problem at one point θ: the residual sum of squares and the linear least-squares
 * problem min ‖Jδ − r‖ of the Jacobian J of the model there (weighted rows). Two forms: the
 * reference keeps r and J (n×p) and factors them whole ({@link Dense}); the fast form keeps only
 * the QR factor R, Qᵀr's first p entries and the rest's sum of squares, from one blocked pass over
 * the rows ({@link Factored}). Everything the Levenberg–Marquardt stages need is a function of
 * those, so both give the same iterates up to rounding.
 */
interface Linearization {

    /** Σ rᵢ², +∞ when a residual is not finite. */
    double cost();

    /** The first row whose residual is not finite, or −1. */
    int firstNonFinite();

    /** The residual at {@link #firstNonFinite()} (NaN or ±∞); NaN when every residual is finite. */
    double nonFiniteValue();

    /** The QR factorisation of [J | r]: Gauss–Newton step, explained/unexplained squares, (JᵀJ)⁻¹. */
    HouseholderQr qr();

    /** min ‖Jδ − r‖² + λ‖Dδ‖². */
    double[] dampedStep(double[] d, double lambda);

    /** ‖r − Jδ‖². */
    double linearizedCost(double[] step);

    /** ‖column j of J‖², j = 0..p−1. */
    double[] columnSquares();

    /** The residual vector given to the MINPACK stage (r, or its compressed form Qᵀr). */
    double[] minpackResiduals();

    /** The Jacobian given to the MINPACK stage (J, or its compressed form [R; 0]). */
    double[][] minpackJacobian();

    /** The reference form: r and J held whole, every solve a Householder QR of the n×p (or (n+p)×p) matrix. */
    final class Dense implements Linearization {
        private final double[] r;
        private final java.util.function.Supplier<double[][]> jacobianAt;
        private double[][] jac;
        private HouseholderQr qr;

        Dense(double[] r, java.util.function.Supplier<double[][]> jacobianAt) {
            this.r = r;
            this.jacobianAt = jacobianAt;
        }

        private double[][] jac() {
            if (jac == null) {
                jac = jacobianAt.get();
            }
            return jac;
        }

        @Override
        public double cost() {
            return firstNonFinite() < 0 ? LevenbergMarquardt.sumSquares(r) : Double.POSITIVE_INFINITY;
        }

        @Override
        public int firstNonFinite() {
            for (int i = 0; i < r.length; i++) {
                if (!Double.isFinite(r[i])) {
                    return i;
                }
            }
            return -1;
        }

        @Override
        public double nonFiniteValue() {
            int i = firstNonFinite();
            return i < 0 ? Double.NaN : r[i];
        }

        @Override
        public HouseholderQr qr() {
            if (qr == null) {
                qr = new HouseholderQr(jac(), r);
            }
            return qr;
        }

        @Override
        public double[] dampedStep(double[] d, double lambda) {
            double[][] j = jac();
            int n = j.length;
            int p = d.length;
            double[][] a = new double[n + p][];
            double[] b = new double[n + p];
            for (int i = 0; i < n; i++) {
                a[i] = j[i];
                b[i] = r[i];
            }
            double s = Math.sqrt(lambda);
            for (int k = 0; k < p; k++) {
                a[n + k] = new double[p];
                a[n + k][k] = s * d[k];
            }
            return new HouseholderQr(a, b).solve();
        }

        @Override
        public double linearizedCost(double[] step) {
            double[][] j = jac();
            double[] out = new double[r.length];
            for (int i = 0; i < r.length; i++) {
                double s = r[i];
                for (int k = 0; k < step.length; k++) {
                    s -= j[i][k] * step[k];
                }
                out[i] = s;
            }
            return LevenbergMarquardt.sumSquares(out);
        }

        @Override
        public double[] columnSquares() {
            double[][] j = jac();
            double[] out = new double[j[0].length];
            for (int k = 0; k < out.length; k++) {
                double s = 0;
                for (double[] row : j) {
                    s += row[k] * row[k];
                }
                out[k] = s;
            }
            return out;
        }

        @Override
        public double[] minpackResiduals() {
            return r;
        }

        @Override
        public double[][] minpackJacobian() {
            return jac();
        }
    }

    /** The fast form: R, Qᵀr and the sums from one blocked pass (see {@link RowBlockQr}). */
    record Factored(double cost, int firstNonFinite, double nonFiniteValue, HouseholderQr qr) implements Linearization {

        @Override
        public double[] dampedStep(double[] d, double lambda) {
            return qr.dampedSolve(d, lambda);
        }

        @Override
        public double linearizedCost(double[] step) {
            return qr.residualSquares(step);
        }

        @Override
        public double[] columnSquares() {
            return qr.columnSquares();
        }

        @Override
        public double[] minpackResiduals() {
            return qr.compressedRhs();
        }

        @Override
        public double[][] minpackJacobian() {
            return qr.compressedMatrix();
        }
    }
}
