package org.mlem.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.formula.Frame;
import org.mlem.uncertainty.ObservedInformation;

/**
 * A latent model fitted by EM, as generic code drives it: fit from a given start or from the
 * model's own starts, with frequency weights, known latent classes, parameter groups held fixed,
 * missing cells marginalised, any acceleration and thread count; and draw data from a model. The
 * conformance laws run over {@link EmKinds#ALL} through this face alone (integer weights equal
 * repeated units, all units labelled gives a start-free single-pass fit, held groups keep their
 * bits, SQUAREM ends no lower than plain EM, thread counts give the same bits, missing-cell EM on
 * complete data changes nothing, and a fit to data drawn from a model recovers it), so a kind
 * registered here is checked by every law it declares with no new test code.
 *
 * @param <D> the data the model is fitted to: a matrix, a formula frame, sequences
 * @param <M> the fitted model
 */
public interface EmKind<D, M> {

    /** What a kind can take, each checked by its law. */
    enum Capability {
        /** Frequency weights per unit (a row; an HMM's sequence). */
        WEIGHTS,
        /** Known latent classes for some rows. */
        LABELS,
        /** Parameter groups held at the start's values. */
        FIXED,
        /** SQUAREM. */
        ACCELERATION,
        /** Cells missing at random, marginalised in the E-step. */
        MISSING,
        /** Standard errors from the observed information by Louis' method ({@link #louis}). */
        LOUIS
    }

    /** Data drawn from a model, with each row's true latent class. */
    record Draw<D>(D data, int[] labels) {}

    /** The model file's {@code model} field (as {@link ModelKinds}). */
    String name();

    /** What this kind takes beyond plain EM. */
    Set<Capability> capabilities();

    /** The core model a model file of this kind holds. */
    M model(FittedModel file);

    /** The rows a model file of this kind was fitted to, as this kind's data. */
    D data(FittedModel file, Frame rows);

    /**
     * Data of about {@code units} units drawn from {@code model} with a generator seeded by
     * {@code seed}; {@code like} supplies what is not drawn (a regression's covariates, an HMM's
     * sequence lengths).
     */
    Draw<D> draw(M model, D like, int units, long seed);

    /** The EM options a fit takes by default. */
    EmOptions defaults();

    /** Runs EM from {@code start} (an E-step first) holding {@code fixed} groups at the start's values. */
    MixtureFit<M> fit(D data, M start, EmOptions em, Set<String> fixed, boolean missingEm);

    /** Runs EM from the kind's own starts, drawn with {@code seed}, for a model shaped like {@code like} (its k, families, formula, emission). */
    MixtureFit<M> fit(D data, M like, EmOptions em, long seed);

    /** The number of latent classes of {@code model}. */
    int classes(M model);

    /** The units weights and repeats apply to (rows; an HMM's sequences). */
    int units(D data);

    /** {@code data} with frequency weight {@code w[u]} on unit u. */
    D weighted(D data, double[] w);

    /** {@code data} with unit u repeated {@code counts[u]} times (0: left out), in order. */
    D repeated(D data, int[] counts);

    /** {@code data} with known classes per row (-1: unknown). */
    D labelled(D data, int[] labels);

    /** The parameter groups {@link #fit} can hold fixed, by the names {@code --fixed} takes. */
    List<String> groups();

    /** The values of parameter group {@code group} of {@code model}. */
    double[] group(M model, String group);

    /** Every parameter, group after group. */
    default double[] parameters(M model) {
        List<Double> all = new ArrayList<>();
        for (String g : groups()) {
            for (double v : group(model, g)) {
                all.add(v);
            }
        }
        return all.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * Louis' observed information of {@code model} on {@code data} (its frequency weights; units
     * with a known class add their complete-data information), the parameters of the groups in
     * {@code fixed} held as known (standard error NaN). Its free names, in order, are the
     * parameters {@link #withFree} takes. Only for a kind with {@link Capability#LOUIS}.
     */
    default ObservedInformation louis(M model, D data, Set<String> fixed) {
        throw new UnsupportedOperationException(name() + " declares no Louis information");
    }

    /** The model shaped like {@code like} with the free parameters θ of {@link #louis}'s free names. */
    default M withFree(M like, double[] theta) {
        throw new UnsupportedOperationException(name() + " declares no Louis information");
    }

    /** The observed-data log-likelihood of {@code model} on {@code data}: the function {@link #louis} differentiates twice. */
    default double logLikelihood(M model, D data) {
        throw new UnsupportedOperationException(name() + " declares no Louis information");
    }

    /** The {@code --fixed} group (one of {@link #groups}) a parameter of the standard-error layout belongs to. */
    default String groupOf(String parameter) {
        throw new UnsupportedOperationException(name() + " declares no Louis information");
    }

    /** Every number in {@code node}, depth first (a JSON field's values as a vector). */
    static double[] numbers(JsonNode node) {
        List<Double> out = new ArrayList<>();
        collect(node, out);
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void collect(JsonNode node, List<Double> out) {
        if (node == null) {
            return;
        }
        if (node.isNumber()) {
            out.add(node.asDouble());
        } else if (node.isContainerNode()) {
            node.forEach(child -> collect(child, out));
        }
    }
}
