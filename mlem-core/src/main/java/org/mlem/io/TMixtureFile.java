package org.mlem.io;

import java.util.List;
import org.mlem.tmix.TMixture;

/**
 * A mixture of multivariate t distributions read from a model file.
 *
 * @param mixture the parameters
 * @param columns the data columns the model was fit on, in order, or null when the file does not say
 */
public record TMixtureFile(TMixture mixture, List<String> columns) {
    public TMixtureFile {
        columns = columns == null ? null : List.copyOf(columns);
    }
}
