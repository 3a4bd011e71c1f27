package org.mlem.optim;

import java.util.Objects;
import org.mlem.MlemUserException;

/**
 * One parameter of a likelihood: its name, starting value and domain.
 *
 * @param name label used in results and errors
 * @param start starting value, inside the transform's domain
 * @param transform the domain (see {@link Transform})
 */
public record Parameter(String name, double start, Transform transform) {
    public Parameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(transform, "transform");
        if (!transform.contains(start)) {
            throw new MlemUserException("parameter '" + name + "': starting value " + start
                    + " is outside its domain (" + transform + "); choose a start inside it");
        }
    }

    /** A real parameter. */
    public static Parameter free(String name, double start) {
        return new Parameter(name, start, Transform.none());
    }

    /** A positive parameter (optimised on the log scale). */
    public static Parameter positive(String name, double start) {
        return new Parameter(name, start, Transform.positive());
    }

    /** A probability in (0, 1) (optimised on the logit scale). */
    public static Parameter probability(String name, double start) {
        return new Parameter(name, start, Transform.unitInterval());
    }
}
