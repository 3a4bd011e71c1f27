package org.mlem.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import org.mlem.em.MixtureFit;

/**
 * One model fitted on a cluster and on one machine, for {@link ClusterIT}: a name, the distributed
 * fit (given the cluster's session) and the single-machine fit it must equal. A new model is one
 * more {@code ClusterCase} in {@link ClusterIT#cases()}.
 */
record ClusterCase(String name, Function<SparkSession, Answer> onCluster, Supplier<Answer> onOneMachine) {

    /**
     * What two fits must share: the parameter arrays (each compared relative to its own scale, so
     * put components in the same order), the log-likelihood trace and the iteration count.
     */
    record Answer(List<double[]> parameters, double[] trace, int iterations) {

        /** A mixture's fit: its parameter arrays as {@code parameters} gives them, then trace and iterations. */
        static <M> Answer of(MixtureFit<M> fit, Function<M, List<double[]>> parameters) {
            return new Answer(parameters.apply(fit.model()), fit.trace(), fit.iterations());
        }

        /** A Gaussian mixture: weights, means, then each component's covariance. */
        static Answer gmm(MixtureFit<org.mlem.gmm.GaussianMixture> fit) {
            return of(fit, Answer::arrays);
        }

        /** A Gaussian mixture's parameter arrays: weights, means, then each component's covariance. */
        static List<double[]> arrays(org.mlem.gmm.GaussianMixture m) {
            List<double[]> p = new ArrayList<>();
            p.add(m.weights());
            p.add(SparkTestKit.flatten(m.means()));
            for (int j = 0; j < m.components(); j++) {
                p.add(SparkTestKit.flatten(m.covariance(j)));
            }
            return p;
        }

        /** Same iterations, and every array and the trace within {@code rtol} of the oracle's scale. */
        void assertEquals(Answer oracle, double rtol) {
            assertThat(iterations).as("iterations").isEqualTo(oracle.iterations);
            assertThat(parameters).as("parameter arrays").hasSameSizeAs(oracle.parameters);
            for (int i = 0; i < parameters.size(); i++) {
                assertThat(SparkTestKit.relativeError(parameters.get(i), oracle.parameters.get(i)))
                        .as("parameter array %d", i).isLessThan(rtol);
            }
            assertThat(SparkTestKit.relativeError(trace, oracle.trace)).as("log-likelihood trace").isLessThan(rtol);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
