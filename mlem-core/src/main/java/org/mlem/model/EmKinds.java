package org.mlem.model;

import java.util.Arrays;
import java.util.List;
import org.mlem.data.DataMatrix;

/**
 * The registry of latent models fitted by EM ({@link EmKind}): every kind here runs the EM
 * conformance laws. To add a latent model: write its {@code EmKind} (one small class that maps the
 * face onto its estimator) and list it here; with its {@code Fitted...} class in
 * {@link ModelKinds} and a fixture, that is all the tests need.
 */
public final class EmKinds {
    private EmKinds() {}

    /** Every latent kind, in the order of {@link ModelKinds#ALL}. */
    public static final List<EmKind<?, ?>> ALL = List.of(new GmmEmKind(), new TmixEmKind(), new MixtureEmKind(),
            new RegmixEmKind(), new HmmEmKind());

    /** The kind whose {@link EmKind#name()} is {@code name} (a model file's {@code model}). */
    public static EmKind<?, ?> byName(String name) {
        for (EmKind<?, ?> kind : ALL) {
            if (kind.name().equals(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("no latent kind named " + name + "; registered: "
                + ALL.stream().map(EmKind::name).toList());
    }

    /** {@code data}'s rows, row i repeated {@code counts[i]} times, with their labels; weights must be absent. */
    static DataMatrix repeatRows(DataMatrix data, int[] counts) {
        int d = data.cols();
        int n = Arrays.stream(counts).sum();
        double[] values = new double[n * d];
        int[] labels = data.hasLabels() ? new int[n] : null;
        int at = 0;
        for (int i = 0; i < data.rows(); i++) {
            for (int c = 0; c < counts[i]; c++, at++) {
                System.arraycopy(data.values(), i * d, values, at * d, d);
                if (labels != null) {
                    labels[at] = data.label(i);
                }
            }
        }
        DataMatrix out = DataMatrix.of(values, n, d, data.columns());
        return labels == null ? out : out.withLabels(labels);
    }
}
