package org.mlem.gmm.da;

import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.Covariances;
import org.mlem.gmm.GaussianMixture;

/** Component c of a fitted mixture as a one-component mixture of the same structure (EDDA's class densities). */
final class OneComponent {
    private OneComponent() {}

    static GaussianMixture of(GaussianMixture joint, int c) {
        CovarianceStructure s = joint.structure();
        int d = joint.dimension();
        Object shape = switch (s.storage()) {
            case FULL -> new double[][][] {joint.covariance(c)};
            case TIED -> joint.covariance(c);
            case DIAG -> new double[][] {joint.variances(c)};
            default -> new double[] {joint.variances(c)[0]};
        };
        Covariances cov = s.fromShape(shape, 1, d);
        return GaussianMixture.of(new double[] {1.0}, new double[][] {joint.mean(c)}, cov);
    }
}
