package org.mlem.dist;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.mlem.MlemUserException;
import org.mlem.select.Criterion;

/**
 * Which univariate family fits a sample best: each family fitted by maximum likelihood (its
 * {@link UnivariateFamily#fit}), with its goodness-of-fit statistics ({@link GoodnessOfFit}),
 * ranked by AIC or BIC (lower is better), as R's {@code fitdistrplus} compares fits with
 * {@code gofstat}. A family whose support excludes a value is not applicable and one whose fit
 * fails is failed; both are kept in the result with the reason, never dropped.
 *
 * @param families the families to compare, all densities or all masses, each once
 * @param criterion {@link Criterion#BIC} or {@link Criterion#AIC}
 */
public record FamilySelection(List<UnivariateFamily> families, Criterion criterion) {

    public FamilySelection {
        families = List.copyOf(families);
        if (families.isEmpty()) {
            throw new MlemUserException("no families to compare; name at least one");
        }
        if (criterion == Criterion.ICL) {
            throw new MlemUserException("criterion icl needs a latent classification; families are ranked by bic or aic");
        }
        Set<String> seen = new TreeSet<>();
        for (UnivariateFamily f : families) {
            if (!seen.add(label(f))) {
                throw new MlemUserException("the family " + label(f) + " is named twice; name each family once");
            }
        }
        Set<FamilyKind> kinds = families.stream().map(FamilyKind::of).collect(Collectors.toSet());
        if (kinds.size() > 1) {
            throw new MlemUserException("the families mix densities (" + namesOf(families, FamilyKind.CONTINUOUS)
                    + ") and probability masses (" + namesOf(families, FamilyKind.DISCRETE) + "), whose log-likelihoods "
                    + "are not comparable; compare families of one kind");
        }
    }

    /** Every default family of {@code kind} ({@link FamilyKind#defaultFamilies()}). */
    public static FamilySelection defaults(FamilyKind kind, Criterion criterion) {
        return named(kind.defaultFamilies(), criterion);
    }

    /** The families by their command-line names ({@link Families#byName}). */
    public static FamilySelection named(List<String> names, Criterion criterion) {
        List<UnivariateFamily> fams = new ArrayList<>();
        for (String n : names) {
            fams.add(Families.byName(n));
        }
        return new FamilySelection(fams, criterion);
    }

    /**
     * The families {@code names} ({@link #named(List, Criterion)}) checked against the kind asked for,
     * or null when none are named.
     *
     * @param wanted the kind asked for, or null for any
     * @param kindOption how the caller names the kind in the message (an option, a parameter)
     * @param familiesOption how the caller names the families in the message
     * @throws MlemUserException when the families are of the other kind
     */
    public static FamilySelection named(List<String> names, FamilyKind wanted, Criterion criterion, String kindOption,
            String familiesOption) {
        FamilySelection named = names == null ? null : named(names, criterion);
        if (named != null && wanted != null && named.kind() != wanted) {
            throw new MlemUserException(kindOption + " " + wanted.id() + " disagrees with " + familiesOption
                    + ", which are " + named.kind().id() + "; give one of them");
        }
        return named;
    }

    /** Whether these are densities or masses. */
    public FamilyKind kind() {
        return FamilyKind.of(families.get(0));
    }

    /**
     * Fits every family to {@code x} (finite values; not modified) and ranks them: fitted families
     * by the criterion (ties keep the families' order), then the failed, then those not applicable.
     */
    public FamilySelectionResult fit(double[] x) {
        if (x.length == 0) {
            throw new MlemUserException("no values to fit a distribution to");
        }
        List<FamilyCandidate> out = new ArrayList<>();
        for (UnivariateFamily f : families) {
            out.add(candidate(f, x));
        }
        return rank(out, x.length);
    }

    /**
     * The candidates (one a family, in the families' order) ranked as {@link #fit} ranks them: for
     * a caller that fits the families elsewhere (a cluster) with {@link #notApplicable} and {@link
     * #assess}.
     *
     * @param n the number of values fitted
     */
    public FamilySelectionResult rank(List<FamilyCandidate> candidates, int n) {
        List<FamilyCandidate> out = new ArrayList<>(candidates);
        Comparator<FamilyCandidate> order = Comparator.comparingInt((FamilyCandidate c) -> c.status().ordinal())
                .thenComparingDouble(c -> c.isFitted() ? FamilySelectionResult.value(criterion, c.fit()) : 0);
        out.sort(order);
        return new FamilySelectionResult(out, criterion, n);
    }

    /** The family, not applicable: {@code value} (the first in the data's order) is outside its support. */
    public static FamilyCandidate notApplicable(UnivariateFamily f, double value) {
        return FamilyCandidate.notApplicable(label(f), "the value " + plain(value) + " is outside its support ("
                + f.supportDescription() + ")");
    }

    /**
     * The family fitted by {@code fit} with the statistics {@code gof} gives on its distribution; failed,
     * with the reason, when the fit throws a user or arithmetic fault or its log-likelihood is not finite.
     */
    public static FamilyCandidate assess(UnivariateFamily f, Supplier<FittedDistribution> fit,
            Function<Distribution, GoodnessOfFit> gof) {
        String name = label(f);
        try {
            FittedDistribution fitted = fit.get();
            if (!Double.isFinite(fitted.logLikelihood())) {
                return FamilyCandidate.failed(name, "its maximised log-likelihood is " + fitted.logLikelihood());
            }
            return FamilyCandidate.fitted(name, fitted, gof.apply(fitted.distribution()));
        } catch (MlemUserException e) {
            return FamilyCandidate.failed(name, e.getMessage());
        } catch (ArithmeticException | IllegalStateException | IllegalArgumentException e) {
            return FamilyCandidate.failed(name, "the fit failed (" + e.getMessage() + ")");
        }
    }

    /** The family's name as {@link Families#byName} takes it back: {@code binomial:SIZE} with its size. */
    static String label(UnivariateFamily f) {
        return f instanceof BinomialFamily b && f.name().equals("binomial") ? "binomial:" + b.size() : f.name();
    }

    private static FamilyCandidate candidate(UnivariateFamily f, double[] x) {
        for (double v : x) {
            if (!f.inSupport(v)) {
                return notApplicable(f, v);
            }
        }
        return assess(f, () -> f.fit(x), d -> GoodnessOfFit.of(d, x));
    }

    private static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static String namesOf(List<UnivariateFamily> fams, FamilyKind kind) {
        return fams.stream().filter(f -> FamilyKind.of(f) == kind).map(FamilySelection::label)
                .collect(Collectors.joining(", "));
    }
}
