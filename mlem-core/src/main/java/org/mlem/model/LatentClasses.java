package org.mlem.model;

import java.util.List;
import org.mlem.formula.Frame;

/** A model with a latent class per row (a mixture's component): {@code mlem predict}. */
public interface LatentClasses extends FittedModel {
    /** The number of classes k. */
    int classes();

    /** The name of each class (from a labels column), or null when they are numbered 0..k-1. */
    default List<String> classNames() {
        return null;
    }

    /** P(class j | row), one array of k per row. */
    double[][] posteriors(Frame rows);

    /** The most probable class of each row, the first of ties. */
    static int[] argmax(double[][] p) {
        int[] z = new int[p.length];
        for (int i = 0; i < z.length; i++) {
            for (int j = 1; j < p[i].length; j++) {
                if (p[i][j] > p[i][z[i]]) {
                    z[i] = j;
                }
            }
        }
        return z;
    }
}
