package org.mlem.spark;

import java.io.Serializable;
import java.util.List;
import org.mlem.concomitant.ConcomitantMixture;
import java.util.function.BiFunction;
import org.mlem.concomitant.ComponentDensities;
import org.mlem.data.DataMatrix;
import org.mlem.em.DegenerateComponent;
import org.mlem.em.LatentModel;
import org.mlem.em.Moments;
import org.mlem.em.ParameterVector;
import org.mlem.em.Stats;
import org.mlem.gmm.Degeneracy;
import org.mlem.gmm.GaussianMixture;
import org.mlem.gmm.GaussianMixtureEstimator;
import org.mlem.gmm.GmmComponents;
import org.mlem.gmm.GmmModel;
import org.mlem.gmm.GmmStats;
import org.mlem.mixture.ProductComponents;
import org.mlem.mixture.ProductDegeneracy;
import org.mlem.mixture.ProductMixture;
import org.mlem.mixture.ProductMixtureModel;
import org.mlem.mixture.ProductMixtureStats;

/**
 * What {@link ConcomitantOnSpark} needs of a kind's components, split between where the rows are
 * and the driver: on a partition, each row's log density under each component and the M-step's
 * statistics of the partition's rows from their responsibilities (merged along the fixed tree);
 * on the driver, the M-step from the merged statistics and the judgement of a start's end
 * (degenerate components, as the single machine's {@code fit ... --concomitant} judges it).
 * Serializable: the executors run {@link #on}.
 *
 * @param <M> the mixture (its weights unused by the densities)
 * @param <S> the components' statistics
 */
interface ClusterComponents<M, S extends Stats<S>> extends Serializable {

    /**
     * The components over one partition's rows: their log densities, and the statistics of the rows
     * from their responsibilities (rows × k) about the current model.
     */
    record OnRows<M, S>(ComponentDensities<M> densities, BiFunction<M, double[], S> statistics) {}

    /** The components over {@code rows}, one partition's (with its weights); null: over no rows, for counting parameters. */
    OnRows<M, S> on(DataMatrix rows);

    /** The kind's latent model, whose M-step and statistics the components' are. */
    LatentModel<M, S> model();

    /** Statistics of no rows, about {@code current}. */
    default S emptyStats(M current) {
        return model().emptyStats(current);
    }

    /** The components' M-step from merged statistics (the mixing weights the mean responsibilities). */
    default M maximize(S stats) {
        return model().maximize(stats);
    }

    /** The components' vector for SQUAREM, or null. */
    default ParameterVector<M> vectors() {
        return model().parameterVector();
    }

    /** The components' free parameters (the model's count less its k − 1 weights). */
    default int componentParameters(M model) {
        return on(null).densities().componentParameters(model);
    }

    /** The components of {@code m} the rows do not support, from passes of {@code fit} over the partitions. */
    List<DegenerateComponent> degenerate(ConcomitantOnSpark<M, S> fit, ConcomitantMixture<M> m);

    /** A Gaussian mixture's components ({@link GmmComponents}): the structure's M-step, the ridge {@code regCovar}. */
    record Gaussian(GmmModel model, int k, double regCovar) implements ClusterComponents<GaussianMixture, GmmStats> {
        private static final long serialVersionUID = 1L;

        @Override
        public OnRows<GaussianMixture, GmmStats> on(DataMatrix rows) {
            GmmComponents c = new GmmComponents(model, k, rows);
            return new OnRows<>(c, c::statistics);
        }

        /**
         * {@link Degeneracy} from two passes: the posterior counts under the concomitant weights
         * (one E-step) and the rows' covariance.
         */
        @Override
        public List<DegenerateComponent> degenerate(ConcomitantOnSpark<GaussianMixture, GmmStats> fit,
                ConcomitantMixture<GaussianMixture> m) {
            double[] counts = fit.eStep(m).stats().stats().counts();
            double[] centre = GaussianMixtureEstimator.centre(m.components());
            double[][] scatter = LatentModelFitter.reduce(fit.data().data(), fit.depth(), () -> new Moments(centre),
                    (block, into) -> into.add(block)).stats().covariance();
            return Degeneracy.of(m.components(), counts, scatter, regCovar);
        }
    }

    /**
     * A mixture of families' components ({@link ProductComponents}): every family's weighted MLE on
     * the driver from the partitions' rows and responsibilities, as the plain {@code mixture} kind's
     * M-step on Spark.
     */
    record Product(ProductMixtureModel model, int k) implements ClusterComponents<ProductMixture, ProductMixtureStats> {
        private static final long serialVersionUID = 1L;

        @Override
        public OnRows<ProductMixture, ProductMixtureStats> on(DataMatrix rows) {
            ProductComponents c = new ProductComponents(model, k, rows);
            return new OnRows<>(c, (current, resp) -> c.statistics(resp));
        }

        /**
         * {@link ProductDegeneracy} from one pass: each component's posterior mass under the
         * components' own (mean) weights, as {@code fit mixture --concomitant} judges an end.
         */
        @Override
        public List<DegenerateComponent> degenerate(ConcomitantOnSpark<ProductMixture, ProductMixtureStats> fit,
                ConcomitantMixture<ProductMixture> m) {
            ProductMixture plain = m.components();
            return ProductDegeneracy.of(fit.sumOverPartitions(k, rows -> ProductDegeneracy.counts(plain, rows)));
        }
    }
}
