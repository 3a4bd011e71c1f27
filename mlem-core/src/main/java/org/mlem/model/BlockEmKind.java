package org.mlem.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import org.mlem.data.DataMatrix;
import org.mlem.em.EmOptions;
import org.mlem.em.EmProblem;
import org.mlem.em.MixtureFit;

/**
 * An {@link EmKind} whose units are rows of numbers, and whose EM from a given start can run over
 * blocks of rows held elsewhere (Spark's partitions) with the single-machine answer: it hands over
 * its {@link EmProblem}, fits from its own starts given a {@link Shape}, and writes its model file.
 * The Spark module offers every kind of {@link EmKinds#ALL} that is a {@code BlockEmKind}.
 *
 * @param <M> the fitted model
 */
public interface BlockEmKind<M> extends EmKind<DataMatrix, M> {

    /**
     * What a model is asked for, beyond its rows: the number of classes, and where the kind takes
     * them a family ({@code mixture}: one family for every column, {@code multinomial}, or one
     * family per column separated by commas) and a covariance structure ({@code gmm}); null when
     * not given.
     */
    record Shape(int k, String family, String covariance) implements java.io.Serializable {}

    /**
     * A row a model cannot take.
     *
     * @param row its 0-based index in the rows checked
     * @param message what follows "row N" in the user's message: the column, what is wrong, the fix
     */
    record Fault(int row, String message) implements java.io.Serializable {}

    /**
     * The first row of {@code rows} that a model of {@code shape} (shaped like {@code like}, when
     * not null) cannot take beyond what every kind checks (numbers, finite or, with
     * {@code missingEm}, missing): a value outside a family's support. Null when none, and by
     * default. Run on each part of data held elsewhere, so the fault is placed in the whole.
     */
    default Fault firstFault(Shape shape, M like, DataMatrix rows, boolean missingEm) {
        return null;
    }

    /**
     * What {@link #fit(Object, Object, EmOptions, Set, boolean)} runs from {@code start} on rows
     * named {@code columns}: the same latent model, first parameters and parameter count.
     *
     * @param marginalise some cells are missing and are marginalised in the E-step
     */
    EmProblem<M> problem(M start, List<String> columns, Set<String> fixed, boolean marginalise);

    /** EM from the kind's own starts drawn with {@code seed}, for a model of this {@code shape}. */
    MixtureFit<M> fit(DataMatrix data, Shape shape, EmOptions em, long seed, boolean missingEm);

    /**
     * mclust's extras, which the Gaussian mixture ({@code gmm}) takes and other kinds refuse.
     *
     * @param init null (the kind's own start), {@code kmeans++}, {@code random} or {@code hc}
     * @param equalProportions every weight 1/k (mclust's {@code equalPro})
     * @param defaultPrior MAP EM under mclust's default conjugate prior ({@code priorControl()})
     * @param noise a uniform noise component over the rows' region (mclust's {@code Vinv}); the
     *     fitted model is then a {@link org.mlem.gmm.NoiseMixture}
     * @param noiseStartLabelled with {@code noise}, the rows fitted from the kind's own starts carry
     *     the user's noise start as labels (1 a noise row, 0 another; {@code fit gmm --noise-start})
     *     instead of the nearest-neighbour rule's
     * @param hypervolume with {@code noise}, the noise region's volume given (the density 1/V); NaN
     *     for mclust's {@code hypvol} of the rows
     */
    record Extras(String init, boolean equalProportions, boolean defaultPrior, boolean noise, boolean noiseStartLabelled,
            double hypervolume) implements java.io.Serializable {
        /** None of them. */
        public static final Extras NONE = new Extras(null, false, false, false);

        /** The extras without a noise start or a hypervolume given. */
        public Extras(String init, boolean equalProportions, boolean defaultPrior, boolean noise) {
            this(init, equalProportions, defaultPrior, noise, false, Double.NaN);
        }

        /** The extras set, as the Spark parameters name them ({@code init, equalProportions, prior, noise}). */
        public List<String> named() {
            List<String> out = new java.util.ArrayList<>();
            if (init != null) {
                out.add("init");
            }
            if (equalProportions) {
                out.add("equalProportions");
            }
            if (defaultPrior) {
                out.add("prior");
            }
            if (noise) {
                out.add("noise");
            }
            if (noiseStartLabelled) {
                out.add("noiseStartCol");
            }
            if (!Double.isNaN(hypervolume)) {
                out.add("hypervolume");
            }
            return out;
        }
    }

    /**
     * EM from the kind's own starts with {@code extras}; the fitted model may be of another type than
     * {@code M} (a Gaussian mixture with a noise component). By default the extras are refused.
     */
    default MixtureFit<?> fit(DataMatrix data, Shape shape, Extras extras, EmOptions em, long seed, boolean missingEm) {
        refuse(extras);
        return fit(data, shape, em, seed, missingEm);
    }

    /**
     * What EM runs from {@code start} (an {@code M}, or the fitted type of {@link #fit(DataMatrix,
     * Shape, Extras, EmOptions, long, boolean)}) with {@code extras}, whose data-dependent settings
     * are computed from {@code rows}. By default the extras are refused.
     */
    @SuppressWarnings("unchecked")
    default EmProblem<?> problem(Object start, List<String> columns, boolean marginalise, Extras extras,
            org.mlem.em.RowPasses rows) {
        refuse(extras);
        return problem((M) start, columns, Set.of(), marginalise);
    }

    /** A user error naming the extras set, which this kind does not take. */
    default void refuse(Extras extras) {
        if (!extras.named().isEmpty()) {
            throw new org.mlem.MlemUserException(String.join(", ", extras.named()) + ": mclust's extras are the Gaussian "
                    + "mixture's (kind gmm); kind '" + name() + "' has none; unset them");
        }
    }

    /** The classes of a fitted model (an {@code M}, or another type this kind's extras fit). */
    @SuppressWarnings("unchecked")
    default int classesOf(Object fitted) {
        return classes((M) fitted);
    }

    /** The fitted model a model file of this kind holds (an {@code M} unless an extra changed its type). */
    default Object fitted(FittedModel file) {
        return model(file);
    }

    /** {@link #modelNode} for a fitted model of any type this kind fits. */
    @SuppressWarnings("unchecked")
    default ObjectNode fittedNode(Object fitted, List<String> columns) {
        return modelNode((M) fitted, columns);
    }

    /** The model's fields in its model file ({@link ModelKinds}'s codec; the {@code columns} named). */
    default ObjectNode modelNode(M model, List<String> columns) {
        return ModelKinds.byName(name(), name()).write(file(model, columns));
    }

    /** {@code model} as the model file of this kind reads it, reading {@code columns}. */
    FittedModel file(M model, List<String> columns);
}
