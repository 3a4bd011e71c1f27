package org.mlem.uncertainty;

import java.util.Arrays;

/**
 * The derivatives of each component's log density at each row in the vector of all the
 * components' parameters: a mixture's standard-error layout without its weights (for a Gaussian
 * mixture the means of every component, then the covariance entries, which a tied structure
 * shares; for block layouts component 0's block, then component 1's, ...). What an observed
 * information needs when the mixing weights are not the mixture's own constants (a concomitant
 * gating, {@code org.mlem.concomitant.ConcomitantInformation}).
 */
public interface RowDerivatives {
    /** The length S of the components' parameter vector. */
    int size();

    /**
     * Writes {@code ∂ log f_j(x_i) / ∂θ} into {@code grad} (S) and {@code −∂² log f_j(x_i) / ∂θ∂θᵀ}
     * into {@code negHessian} (S × S, row-major), zeros at the parameters component j does not use.
     */
    void at(int row, int component, double[] grad, double[] negHessian);

    /**
     * {@code f}'s per-component blocks (s parameters each, component j's at j·s) in the whole layout
     * of k components; its scratch is its own, so one caller at a time.
     */
    static RowDerivatives ofBlocks(MixtureInformation.ComponentDerivatives f, int k) {
        int s = f.size();
        int size = k * s;
        double[] g = new double[s];
        double[] h = new double[s * s];
        return new RowDerivatives() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public void at(int row, int component, double[] grad, double[] negHessian) {
                Arrays.fill(grad, 0);
                Arrays.fill(negHessian, 0);
                Arrays.fill(g, 0);
                Arrays.fill(h, 0);
                f.at(row, component, g, h);
                int base = component * s;
                System.arraycopy(g, 0, grad, base, s);
                for (int a = 0; a < s; a++) {
                    System.arraycopy(h, a * s, negHessian, (base + a) * size + base, s);
                }
            }
        };
    }
}
