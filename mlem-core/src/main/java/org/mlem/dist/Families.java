package org.mlem.dist;

import java.util.List;
import java.util.Locale;
import org.mlem.MlemUserException;

/** The univariate families by the names the command line uses. */
public final class Families {
    /** Every name {@link #byName(String)} accepts (binomial needs its size: {@code binomial:SIZE}). */
    public static final List<String> NAMES = List.of("normal", "lognormal", "exponential", "gamma", "weibull", "beta",
            "t", "student-t", "laplace", "logistic", "poisson", "negbin", "geometric", "binomial:SIZE", "bernoulli",
            "categorical", "categorical:K");

    /**
     * The densities {@code select dist} compares when none are named, as a constant the command
     * line's help can quote ({@link FamilyKind#defaultFamilies()} is the list).
     */
    public static final String CONTINUOUS_DEFAULTS = "normal, lognormal, exponential, gamma, weibull, beta, t, laplace, logistic";

    /** The count distributions {@code select dist} compares when none are named. */
    public static final String DISCRETE_DEFAULTS = "poisson, negbin, geometric, bernoulli";

    private Families() {
    }

    public static NormalFamily normal() {
        return new NormalFamily();
    }

    public static LogNormalFamily lognormal() {
        return new LogNormalFamily();
    }

    public static ExponentialFamily exponential() {
        return new ExponentialFamily();
    }

    public static GammaFamily gamma() {
        return new GammaFamily();
    }

    public static WeibullFamily weibull() {
        return new WeibullFamily();
    }

    public static BetaFamily beta() {
        return new BetaFamily();
    }

    public static StudentTFamily studentT() {
        return new StudentTFamily();
    }

    public static LaplaceFamily laplace() {
        return new LaplaceFamily();
    }

    public static LogisticFamily logistic() {
        return new LogisticFamily();
    }

    public static PoissonFamily poisson() {
        return new PoissonFamily();
    }

    public static NegativeBinomialFamily negativeBinomial() {
        return new NegativeBinomialFamily();
    }

    public static GeometricFamily geometric() {
        return new GeometricFamily();
    }

    public static BinomialFamily binomial(int size) {
        return BinomialFamily.withSize(size);
    }

    public static BinomialFamily bernoulli() {
        return BinomialFamily.bernoulli();
    }

    /** The categorical family with K inferred from the data (largest code + 1). */
    public static CategoricalFamily categorical() {
        return CategoricalFamily.inferred();
    }

    public static CategoricalFamily categorical(int k) {
        return CategoricalFamily.withCategories(k);
    }

    /**
     * The family named {@code name} (case-insensitive): one of {@link #NAMES}. The binomial needs
     * its known number of trials as {@code binomial:SIZE}; {@code categorical:K} fixes K.
     *
     * @throws MlemUserException for an unknown name, listing the valid ones
     */
    public static UnivariateFamily byName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        int colon = n.indexOf(':');
        String base = colon < 0 ? n : n.substring(0, colon);
        String arg = colon < 0 ? null : n.substring(colon + 1).trim();
        if (arg != null && !base.equals("binomial") && !base.equals("categorical")) {
            throw unknown(name);
        }
        return switch (base) {
            case "normal", "gaussian" -> normal();
            case "lognormal" -> lognormal();
            case "exponential" -> exponential();
            case "gamma" -> gamma();
            case "weibull" -> weibull();
            case "beta" -> beta();
            case "t", "student-t" -> studentT();
            case "laplace" -> laplace();
            case "logistic" -> logistic();
            case "poisson" -> poisson();
            case "negbin", "negative-binomial" -> negativeBinomial();
            case "geometric" -> geometric();
            case "bernoulli" -> bernoulli();
            case "binomial" -> {
                if (arg == null) {
                    throw new MlemUserException("the binomial family needs its known number of trials: write "
                            + "binomial:SIZE, e.g. binomial:10 (or bernoulli for 0/1 data)");
                }
                yield binomial(positiveInt(arg, "binomial's number of trials"));
            }
            case "categorical" -> arg == null ? categorical() : categorical(positiveInt(arg, "categorical's number of categories"));
            default -> throw unknown(name);
        };
    }

    private static int positiveInt(String text, String what) {
        try {
            int v = Integer.parseInt(text);
            if (v >= 1) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new MlemUserException("the " + what + " must be a whole number >= 1, got '" + text + "'");
    }

    private static MlemUserException unknown(String name) {
        return new MlemUserException("unknown distribution family '" + name + "'; valid families are " + String.join(", ", NAMES));
    }
}
