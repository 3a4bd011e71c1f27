package org.mlem.select;

/** Penalised-likelihood criteria beyond {@link org.mlem.em.MixtureFit#bic()} and {@code aic()}; lower is better. */
public final class InformationCriteria {
    private InformationCriteria() {}

    /**
     * The integrated completed likelihood criterion {@code BIC − 2 Σ_i w_i log τ_{i,ẑ_i}}, with
     * ẑ_i = argmax_j τ_ij (ties to the lowest index) and w_i the row weights (null for all 1).
     * Biernacki, Celeux and Govaert (2000); the negative of mclust's {@code icl}.
     *
     * @param posterior n rows of k posterior probabilities τ_ij
     */
    public static double icl(double bic, double[][] posterior, double[] weights) {
        return bic - 2 * classificationLogLikelihood(posterior, weights);
    }

    /**
     * {@code Σ_i w_i log τ_{i,ẑ_i}}, ẑ_i = argmax_j τ_ij: what ICL subtracts twice from BIC.
     *
     * @param posterior n rows of k posterior probabilities τ_ij
     */
    public static double classificationLogLikelihood(double[][] posterior, double[] weights) {
        double sum = 0;
        for (int i = 0; i < posterior.length; i++) {
            sum += (weights == null ? 1.0 : weights[i]) * Math.log(maxOf(posterior[i]));
        }
        return sum;
    }

    /** The largest of {@code p} (0 when all are smaller). */
    public static double maxOf(double[] p) {
        double max = 0;
        for (double t : p) {
            max = Math.max(max, t);
        }
        return max;
    }
}
