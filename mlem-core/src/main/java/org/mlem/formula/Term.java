package org.mlem.formula;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A term of a model formula: one variable (a main effect) or several (an interaction), in the
 * order the variables first appear in the formula, as R orders them.
 *
 * @param variables the variables, at least one
 */
public record Term(List<Variable> variables) {
    public Term {
        variables = List.copyOf(variables);
        if (variables.isEmpty()) {
            throw new IllegalArgumentException("a term needs at least one variable");
        }
    }

    /** R's label: the variable labels joined by {@code :}, e.g. {@code wool:tension}. */
    public String label() {
        return variables.stream().map(Variable::label).collect(Collectors.joining(":"));
    }

    /** The number of variables (1 for a main effect). */
    public int order() {
        return variables.size();
    }
}
