package org.mlem.expr;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A two-sided formula {@code lhs ~ rhs} as in R's {@code nls}: the response (a column, or an
 * expression of columns such as {@code log(y)}) and the model expression of columns and parameters.
 */
public record Formula(Expr lhs, Expr rhs) {
    public Formula {
        Objects.requireNonNull(lhs, "lhs");
        Objects.requireNonNull(rhs, "rhs");
    }

    /** Parses {@code lhs ~ rhs}; errors name the expected token and its 1-based position. */
    public static Formula parse(String text) {
        return Parser.parseFormula(text);
    }

    /** Every name used on either side, left side first. */
    public Set<String> variables() {
        Set<String> names = new LinkedHashSet<>();
        lhs.collectVariables(names);
        rhs.collectVariables(names);
        return Collections.unmodifiableSet(names);
    }

    @Override
    public String toString() {
        return lhs + " ~ " + rhs;
    }
}
