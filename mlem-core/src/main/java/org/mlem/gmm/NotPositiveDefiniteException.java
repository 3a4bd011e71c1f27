package org.mlem.gmm;

/** A covariance matrix given or estimated for a component is not numerically positive definite. */
final class NotPositiveDefiniteException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int component;

    NotPositiveDefiniteException(int component) {
        super("component " + component + "'s covariance is not positive definite");
        this.component = component;
    }
}
