package org.mlem.gmm;

import java.util.Locale;
import org.mlem.MlemUserException;

/**
 * The arithmetic of a Gaussian mixture fit's E-step.
 *
 * <p>{@link #FLOAT} computes the squared Mahalanobis distances {@code ‖(x − μ_j) U_j‖²} of the full
 * and tied structures in single precision ({@code org.mlem.kernel.FloatKernels}: rows centred in
 * double and rounded to float, the precision factor {@code U_j} rounded to float, products in
 * 8-lane float vectors when the SIMD kernels are in use, each row's lanes summed in double).
 * Everything else stays double: the log densities' constants and log-determinants, the
 * responsibilities, the M-step's statistics, the covariances and their Cholesky factors. The
 * diagonal and spherical structures have no float kernel: with {@code FLOAT} they compute exactly
 * what they compute with {@link #DOUBLE}, bit for bit. So does the marginalising E-step of rows
 * with missing cells.
 *
 * <p>The price is accuracy: the mean log-likelihood moves by about 1e-9 relative (see
 * docs/benchmarks.md, "Single precision"), so convergence tolerances much below 1e-8 see float's
 * noise. The gain is speed in high dimension (about 1.4× for the E-step kernel at d = 50, none at
 * d ≤ 20).
 */
public enum Precision {
    /** Every step in double precision (the default). */
    DOUBLE,
    /** The full and tied E-step's squared distances in float; everything else double. */
    FLOAT;

    /** {@code double} or {@code float} (any case). */
    public static Precision parse(String name) {
        for (Precision p : values()) {
            if (p.toString().equals(name.strip().toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new MlemUserException("precision '" + name + "' is not float or double; use one of those");
    }

    /** The lower-case name {@link #parse} reads: {@code double} or {@code float}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
