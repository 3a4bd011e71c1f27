package org.mlem.formula;

/**
 * What a data-dependent basis keeps from the rows it was fitted to, so that new rows are coded as
 * R's {@code predict} codes them (its {@code makepredictcall}): the {@code coefs} attribute of an
 * orthogonal {@code poly} and the knots of {@code ns} and {@code bs}.
 */
public sealed interface BasisCoefs {
    /**
     * R's {@code attr(poly(x, d), "coefs")}: the centres {@code alpha} [d] and the squared norms
     * {@code norm2} [d + 2] (1, n, then those of the monic orthogonal polynomials of degree 1..d).
     */
    record Polynomial(double[] alpha, double[] norm2) implements BasisCoefs {
        public Polynomial {
            alpha = alpha.clone();
            norm2 = norm2.clone();
        }

        @Override
        public double[] alpha() {
            return alpha.clone();
        }

        @Override
        public double[] norm2() {
            return norm2.clone();
        }
    }

    /** R's {@code attr(ns(x, df), "knots")} (interior) and {@code "Boundary.knots"} [2]; the same for {@code bs}. */
    record Knots(double[] interior, double[] boundary) implements BasisCoefs {
        public Knots {
            interior = interior.clone();
            boundary = boundary.clone();
        }

        @Override
        public double[] interior() {
            return interior.clone();
        }

        @Override
        public double[] boundary() {
            return boundary.clone();
        }
    }
}
