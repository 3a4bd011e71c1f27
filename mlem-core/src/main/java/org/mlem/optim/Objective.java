package org.mlem.optim;

/** A smooth function to minimise: returns f(x) and writes ∇f(x) into {@code gradient}. */
@FunctionalInterface
interface Objective {
    double evaluate(double[] x, double[] gradient);
}
