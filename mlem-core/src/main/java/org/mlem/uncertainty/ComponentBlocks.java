package org.mlem.uncertainty;

import java.util.ArrayList;
import java.util.List;

/**
 * The reported layout of a mixture whose components each have a vector of parameters (t
 * mixtures, product mixtures, mixtures of regressions): the k weights {@code weight[j]}, then
 * component 0's parameters, component 1's, and so on, j counted from 0. The free layout (the
 * observed information's) drops {@code weight[k−1]}, which is 1 − Σ of the others.
 */
public final class ComponentBlocks {
    private ComponentBlocks() {}

    /** {@code weight[0..k−1]}, then each component's names in order. */
    public static List<String> names(List<List<String>> perComponent) {
        List<String> names = new ArrayList<>();
        for (int j = 0; j < perComponent.size(); j++) {
            names.add("weight[" + j + "]");
        }
        perComponent.forEach(names::addAll);
        return List.copyOf(names);
    }

    /** The names without {@code weight[k−1]}. */
    static List<String> freeNames(List<String> names, int k) {
        List<String> free = new ArrayList<>(names);
        free.remove(k - 1);
        return List.copyOf(free);
    }

    /** Weights and blocks in the reported layout, reported component j being the model's {@code order[j]}. */
    public static double[] values(double[] weights, double[][] blocks, int[] order) {
        int size = weights.length;
        for (double[] b : blocks) {
            size += b.length;
        }
        double[] v = new double[size];
        int p = 0;
        for (int j = 0; j < weights.length; j++) {
            v[p++] = weights[order[j]];
        }
        for (int j = 0; j < blocks.length; j++) {
            double[] b = blocks[order[j]];
            System.arraycopy(b, 0, v, p, b.length);
            p += b.length;
        }
        return v;
    }

    /** The k weights of a free layout {@code theta}: its first k−1 values, the last 1 − their sum. */
    public static double[] weights(double[] theta, int k) {
        double[] w = new double[k];
        double last = 1;
        for (int j = 0; j < k - 1; j++) {
            w[j] = theta[j];
            last -= theta[j];
        }
        w[k - 1] = last;
        return w;
    }

    public static int[] identity(int k) {
        int[] o = new int[k];
        for (int j = 0; j < k; j++) {
            o[j] = j;
        }
        return o;
    }
}
