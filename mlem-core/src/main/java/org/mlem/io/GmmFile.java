package org.mlem.io;

import java.util.List;
import org.mlem.gmm.GaussianMixture;
import org.mlem.gmm.NoiseMixture;

/**
 * A Gaussian mixture read from a model file, with what the file says about its data.
 *
 * @param mixture the parameters
 * @param columns the data columns the model was fit on, in order, or null when the file does not say
 * @param classes the class name of each component (from a text labels column), or null
 * @param noise the mixture with its noise component ({@code fit gmm --noise}), whose Gaussian part
 *     is {@code mixture}; null for a mixture without one
 */
public record GmmFile(GaussianMixture mixture, List<String> columns, List<String> classes, NoiseMixture noise) {
    public GmmFile {
        columns = columns == null ? null : List.copyOf(columns);
        classes = classes == null ? null : List.copyOf(classes);
        if (noise != null && noise.gaussians() != mixture) {
            throw new IllegalArgumentException("the noise mixture's Gaussian part must be the mixture");
        }
    }

    /** A file without a noise component. */
    public GmmFile(GaussianMixture mixture, List<String> columns, List<String> classes) {
        this(mixture, columns, classes, null);
    }
}
