package org.mlem.io;

import java.util.List;
import org.mlem.gmm.GaussianMixture;

/**
 * A Gaussian mixture read from a model file, with what the file says about its data.
 *
 * @param mixture the parameters
 * @param columns the data columns the model was fit on, in order, or null when the file does not say
 * @param classes the class name of each component (from a text labels column), or null
 */
public record GmmFile(GaussianMixture mixture, List<String> columns, List<String> classes) {
    public GmmFile {
        columns = columns == null ? null : List.copyOf(columns);
        classes = classes == null ? null : List.copyOf(classes);
    }
}
