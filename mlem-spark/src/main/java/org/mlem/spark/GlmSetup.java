package org.mlem.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mlem.MlemUserException;
import org.mlem.formula.DesignSpec;
import org.mlem.formula.ModelFormula;
import org.mlem.formula.Term;
import org.mlem.formula.Variable;
import org.mlem.glm.Family;
import org.mlem.glm.GlmEstimator;
import org.mlem.glm.GlmOptions;
import org.mlem.glm.Link;

/**
 * What a GLM fit needs on the executors, in serialisable form (mlem-core's formula, estimator and
 * design spec are rebuilt from it where used): the formula and the Dataset's columns, the family,
 * link and iteration control, the weight and offset columns, and each factor's levels.
 */
final class GlmSetup implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String formula;
    private final List<String> columns;
    private final String family;
    private final String link;
    private final int maxIter;
    private final double tol;
    private final String weightCol;
    private final String offsetCol;
    private final LinkedHashMap<String, ArrayList<String>> levels = new LinkedHashMap<>();
    private final ArrayList<String> alsoRead = new ArrayList<>();

    GlmSetup(GlmParams p, List<String> columns) {
        this(p.getFormula(), columns, p.getFamily(), p.getLink(), p.getMaxIter(), p.getTol(), p.getWeightCol(),
                p.getOffsetCol());
    }

    /** A setup of {@code formula} over {@code columns}; the family and link as {@code mlem fit glm} takes them. */
    GlmSetup(String formula, List<String> columns, String family, String link, int maxIter, double tol,
            String weightCol, String offsetCol) {
        if (formula == null) {
            throw new MlemUserException("no formula; set one, e.g. setFormula(\"y ~ x1 + x2\")");
        }
        this.formula = formula;
        this.columns = new ArrayList<>(columns);
        this.family = family;
        this.link = link;
        this.maxIter = maxIter;
        this.tol = tol;
        this.weightCol = weightCol;
        this.offsetCol = offsetCol;
        estimator(); // a family or link mistake stops here, on the driver
        for (Term t : formula().terms()) {
            for (Variable v : t.variables()) {
                if (v.dependsOnData()) {
                    throw new MlemUserException("term '" + v.label() + "' is built from all the rows at once, which the"
                            + " distributed fit does not do yet; use poly(x, d, raw = TRUE) or I() terms, or fit on one"
                            + " machine with mlem fit glm");
                }
            }
        }
    }

    ModelFormula formula() {
        return ModelFormula.parse(formula, columns);
    }

    String familyName() {
        return family;
    }

    GlmEstimator estimator() {
        return new GlmEstimator(Family.byName(family), link == null ? null : Link.byName(link),
                new GlmOptions(maxIter, tol));
    }

    String weightCol() {
        return weightCol;
    }

    String offsetCol() {
        return offsetCol;
    }

    /** The columns read: the formula's, then the weights and the offset. */
    List<String> usedColumns() {
        ModelFormula parsed = formula();
        Set<String> used = new LinkedHashSet<>(parsed.response().columns());
        parsed.terms().forEach(t -> t.variables().forEach(v -> used.addAll(v.columns())));
        parsed.offsets().forEach(v -> used.addAll(v.columns()));
        if (weightCol != null) {
            used.add(weightCol);
        }
        if (offsetCol != null) {
            used.add(offsetCol);
        }
        used.addAll(alsoRead);
        return new ArrayList<>(used);
    }

    /** Reads {@code columns} too (a concomitant formula's), after the formula's own. */
    void alsoRead(List<String> columns) {
        alsoRead.addAll(columns);
    }

    /** Refuses {@code factor(x)} of a numeric column, whose levels each partition would find apart. */
    void checkFactorCalls(List<String> textColumns) {
        ModelFormula parsed = formula();
        List<Variable> vs = new ArrayList<>(List.of(parsed.response()));
        parsed.terms().forEach(t -> vs.addAll(t.variables()));
        for (Variable v : vs) {
            String c = v.isFactorCall() ? v.columns().iterator().next() : null;
            if (c != null && !textColumns.contains(c)) {
                throw new MlemUserException("'" + v.label() + "' of the numeric column '" + c + "' is not distributed yet;"
                        + " cast the column to string (its levels are then sorted as text) and write '" + c + "'");
            }
        }
    }

    /** Sets the levels of a factor column (the first is the baseline). */
    void levels(String column, List<String> order) {
        levels.put(column, new ArrayList<>(order));
    }

    /** Each factor's levels. */
    Map<String, List<String>> levels() {
        return new LinkedHashMap<>(levels);
    }

    /** The design spec: the weights, the offset, every factor's levels kept in every partition. */
    DesignSpec spec() {
        DesignSpec s = DesignSpec.DEFAULTS.withWeights(weightCol).withOffset(offsetCol).withKeptLevels();
        for (Map.Entry<String, ArrayList<String>> e : levels.entrySet()) {
            s = s.withLevels(e.getKey(), e.getValue());
        }
        return s;
    }
}
