package org.mlem.formula;

import org.mlem.expr.Expr;

/**
 * What a call in a formula makes of its argument, beyond arithmetic: R's {@code factor(x)},
 * {@code poly(x, d)}, {@code ns(x, df)}, {@code bs(x, df)} on the right-hand side and
 * {@code cbind(successes, failures)} as a binomial response.
 */
public sealed interface Basis {
    /** {@code factor(x)}: the column's values as levels (numbers sorted as numbers), numeric or text. */
    record AsFactor() implements Basis {}

    /**
     * {@code poly(x, degree)}: orthogonal polynomials of degree 1..{@code degree} over the rows used,
     * as R's {@code stats::poly}; {@code raw = TRUE} gives x, x², ... instead.
     */
    record Poly(int degree, boolean raw) implements Basis {}

    /**
     * {@code ns(x, df)} (natural cubic spline) or {@code bs(x, df)} (cubic B-spline), as R's splines
     * package: interior knots at quantiles of x over the rows used, boundary knots at its range, no
     * intercept column.
     */
    record Spline(boolean natural, int df) implements Basis {}

    /** {@code offset(expr)}: added to the linear predictor with coefficient 1, not a term. */
    record Offset() implements Basis {}

    /** {@code cbind(successes, failures)}: the variable's expression is the successes, this one the failures. */
    record Trials(Expr failures) implements Basis {}
}
