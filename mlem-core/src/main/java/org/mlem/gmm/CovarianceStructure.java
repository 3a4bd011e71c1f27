package org.mlem.gmm;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.mlem.MlemUserException;

/**
 * How a Gaussian mixture's covariances are constrained, each with its own M-step and parameter
 * count (as scikit-learn counts them): {@code full} (a d×d matrix per component), {@code tied}
 * (one d×d matrix shared), {@code diag} (d variances per component), {@code spherical} (one
 * variance per component).
 */
public enum CovarianceStructure {
    FULL("full") {
        @Override
        public int covarianceParameters(int k, int d) {
            return k * d * (d + 1) / 2;
        }

        @Override
        boolean crossProducts() {
            return true;
        }

        @Override
        Covariances estimate(double[] nk, double[] delta, double[] s2, int k, int d, double regCovar) {
            double[] cov = new double[k * d * d];
            for (int j = 0; j < k; j++) {
                addScatter(cov, j * d * d, s2, j * d * d, delta, j * d, nk[j], 1.0 / nk[j], d);
                addRidge(cov, j * d * d, d, regCovar);
            }
            return new FullCovariances(cov, k, d);
        }

        @Override
        public Class<?> shapeType() {
            return double[][][].class;
        }

        @Override
        public Covariances fromShape(Object shape, int k, int d) {
            return FullCovariances.of((double[][][]) shape);
        }
    },
    TIED("tied") {
        @Override
        public int covarianceParameters(int k, int d) {
            return d * (d + 1) / 2;
        }

        @Override
        boolean crossProducts() {
            return true;
        }

        @Override
        Covariances estimate(double[] nk, double[] delta, double[] s2, int k, int d, double regCovar) {
            double total = 0;
            for (double n : nk) {
                total += n;
            }
            double[] cov = new double[d * d];
            for (int j = 0; j < k; j++) {
                addScatter(cov, 0, s2, j * d * d, delta, j * d, nk[j], 1.0 / total, d);
            }
            addRidge(cov, 0, d, regCovar);
            return new TiedCovariances(cov, k, d);
        }

        @Override
        public Class<?> shapeType() {
            return double[][].class;
        }

        @Override
        public Covariances fromShape(Object shape, int k, int d) {
            return TiedCovariances.of((double[][]) shape, k);
        }
    },
    DIAG("diag") {
        @Override
        public int covarianceParameters(int k, int d) {
            return k * d;
        }

        @Override
        boolean crossProducts() {
            return false;
        }

        @Override
        Covariances estimate(double[] nk, double[] delta, double[] s2, int k, int d, double regCovar) {
            return new DiagonalCovariances(diagonalVariances(nk, delta, s2, k, d, regCovar), k, d);
        }

        @Override
        public Class<?> shapeType() {
            return double[][].class;
        }

        @Override
        public Covariances fromShape(Object shape, int k, int d) {
            return DiagonalCovariances.of((double[][]) shape);
        }
    },
    SPHERICAL("spherical") {
        @Override
        public int covarianceParameters(int k, int d) {
            return k;
        }

        @Override
        boolean crossProducts() {
            return false;
        }

        @Override
        Covariances estimate(double[] nk, double[] delta, double[] s2, int k, int d, double regCovar) {
            double[] diag = diagonalVariances(nk, delta, s2, k, d, regCovar);
            double[] v = new double[k];
            for (int j = 0; j < k; j++) {
                double s = 0;
                for (int a = 0; a < d; a++) {
                    s += diag[j * d + a];
                }
                v[j] = s / d;
            }
            return new SphericalCovariances(v, d);
        }

        @Override
        public Class<?> shapeType() {
            return double[].class;
        }

        @Override
        public Covariances fromShape(Object shape, int k, int d) {
            return SphericalCovariances.of((double[]) shape, d);
        }
    },
    /** mclust's EII: λI, one variance shared by every component and dimension. */
    EII("EII", (k, d) -> 1, MclustSteps::eii),
    /** mclust's EEI: one diagonal covariance shared by every component. */
    EEI("EEI", (k, d) -> d, MclustSteps::eei),
    /** mclust's VEI: λ_k B, a volume per component and one diagonal shape (iterative M-step). */
    VEI("VEI", (k, d) -> k + d - 1, MclustSteps::vei),
    /** mclust's EVI: λ B_k, one volume and a diagonal shape per component. */
    EVI("EVI", (k, d) -> 1 + k * (d - 1), MclustSteps::evi),
    /** mclust's VEE: λ_k C, a volume per component and one shape and orientation (iterative M-step). */
    VEE("VEE", (k, d) -> k + (d - 1) + d * (d - 1) / 2, MclustSteps::vee),
    /** mclust's EVE: λ D A_k Dᵀ, one volume and orientation, a shape per component (iterative M-step). */
    EVE("EVE", (k, d) -> 1 + k * (d - 1) + d * (d - 1) / 2, MclustSteps::eve, MclustSteps::eveScreening),
    /** mclust's VVE: λ_k D A_k Dᵀ, one orientation, a volume and shape per component (iterative M-step). */
    VVE("VVE", (k, d) -> k * d + d * (d - 1) / 2, MclustSteps::vve, MclustSteps::vveScreening),
    /** mclust's EEV: λ D_k A D_kᵀ, one volume and shape, an orientation per component. */
    EEV("EEV", (k, d) -> d + k * d * (d - 1) / 2, MclustSteps::eev),
    /** mclust's VEV: λ_k D_k A D_kᵀ, one shape, a volume and orientation per component (iterative M-step). */
    VEV("VEV", (k, d) -> k + (d - 1) + k * d * (d - 1) / 2, MclustSteps::vev),
    /** mclust's EVV: λ C_k, one volume, a shape and orientation per component. */
    EVV("EVV", (k, d) -> 1 + k * (d - 1) + k * d * (d - 1) / 2, MclustSteps::evv);

    /** An mclust model's free covariance parameters for k components in d dimensions. */
    private interface Count {
        int of(int k, int d);
    }

    /** An mclust model's M-step: covariances (in its storage's layout) from n_k and the scatter W_j. */
    private interface Step {
        double[] apply(double[] nk, double[] scatter, int k, int d);
    }

    /**
     * An iterative M-step that starts from the previous model's covariance of component 0
     * (d×d, row-major; null: its own start).
     */
    private interface WarmStep {
        double[] apply(double[] nk, double[] scatter, int k, int d, double[] previous);
    }

    private final String id;
    private final Count count;
    private final WarmStep step;
    /** The M-step of the short runs that screen starts (a generalised EM step), or {@link #step}. */
    private final WarmStep screeningStep;
    private final boolean warm;

    CovarianceStructure(String id) {
        this.id = id;
        this.count = null;
        this.step = null;
        this.screeningStep = null;
        this.warm = false;
    }

    CovarianceStructure(String id, Count count, Step step) {
        this.id = id;
        this.count = count;
        this.step = (nk, w, k, d, previous) -> step.apply(nk, w, k, d);
        this.screeningStep = this.step;
        this.warm = false;
    }

    CovarianceStructure(String id, Count count, WarmStep step, WarmStep screeningStep) {
        this.id = id;
        this.count = count;
        this.step = step;
        this.screeningStep = screeningStep;
        this.warm = true;
    }

    /** Whether the M-step iterates from the previous model's covariances (EVE, VVE: their orientation). */
    boolean startsFromPrevious() {
        return warm;
    }

    /**
     * The name used on the command line and in JSON: {@code full}, {@code tied}, {@code diag},
     * {@code spherical}, or mclust's name for the other ten ({@code EII}, {@code EEV}, ...).
     */
    public String id() {
        return id;
    }

    /** scikit-learn's four structures, in the order {@code select gmm} compares them by default. */
    public static java.util.List<CovarianceStructure> scikitLearn() {
        return java.util.List.of(FULL, TIED, DIAG, SPHERICAL);
    }

    /**
     * The structure whose arrays hold this one's parameters (its {@link #shapeType()}): itself
     * for the four of scikit-learn; {@code spherical} for EII, {@code diag} for EEI, VEI and EVI,
     * {@code full} for the eight mclust models with off-diagonal covariances.
     */
    public CovarianceStructure storage() {
        return switch (this) {
            case EII -> SPHERICAL;
            case EEI, VEI, EVI -> DIAG;
            case VEE, EVE, VVE, EEV, VEV, EVV -> FULL;
            default -> this;
        };
    }

    /** The dimensions of {@link #shapeType()}'s array for k components in d dimensions. */
    public int[] shape(int k, int d) {
        return switch (storage()) {
            case FULL -> new int[] {k, d, d};
            case TIED -> new int[] {d, d};
            case DIAG -> new int[] {k, d};
            default -> new int[] {k};
        };
    }

    /**
     * Rows a component needs to determine what it does not share: d + 1 when its orientation
     * is its own (mclust's third letter V), 1 when its covariance is wholly shared (EII, EEI,
     * EEE), else 2.
     */
    public int rowsNeeded(int d) {
        String m = mclustName(2);
        if (m.charAt(2) == 'V') {
            return d + 1;
        }
        return m.chars().noneMatch(c -> c == 'V') ? 1 : 2;
    }

    /** Free covariance parameters of k components in d dimensions (mclust's {@code nVarParams}). */
    public int covarianceParameters(int k, int d) {
        return count.of(k, d);
    }

    /** Whether the M-step needs full second moments (d×d) rather than squares (d). */
    boolean crossProducts() {
        return storage() == FULL;
    }

    /**
     * The M-step for the covariances: from weight sums {@code nk}, mean offsets from the shift
     * {@code delta} (k×d) and second moments about the shift {@code s2}, adding {@code regCovar}
     * to every variance.
     *
     * @throws NotPositiveDefiniteException when a result is not positive definite
     */
    Covariances estimate(double[] nk, double[] delta, double[] s2, int k, int d, double regCovar) {
        return estimate(nk, delta, s2, k, d, regCovar, null);
    }

    /**
     * {@link #estimate(double[], double[], double[], int, int, double)}, an iterative M-step
     * starting from {@code previous}, the current model's covariance of component 0 (d×d
     * row-major, or null), when {@link #startsFromPrevious()}.
     */
    Covariances estimate(double[] nk, double[] delta, double[] s2, int k, int d, double regCovar, double[] previous) {
        return estimate(nk, delta, s2, k, d, regCovar, previous, false);
    }

    /**
     * {@link #estimate(double[], double[], double[], int, int, double, double[])}; with
     * {@code screening}, the cheaper generalised M-step of the short runs that screen starts
     * (EVE, VVE: {@code MclustSteps.screeningOrientation}; every other structure its exact step).
     */
    Covariances estimate(double[] nk, double[] delta, double[] s2, int k, int d, double regCovar, double[] previous,
            boolean screening) {
        if (step == null) {
            return estimate(nk, delta, s2, k, d, regCovar);
        }
        CovarianceStructure storage = storage();
        double[] w = storage == FULL ? fullScatter(nk, delta, s2, k, d) : diagonalScatter(nk, delta, s2, k, d);
        double[] v = (screening ? screeningStep : step).apply(nk, w, k, d, previous);
        return switch (storage) {
            case FULL -> full(v, k, d, regCovar);
            case DIAG -> diagonal(v, k, d, regCovar);
            default -> new SphericalCovariances(addConstant(v, regCovar), d, this);
        };
    }

    /** The Java type of scikit-learn's shape for this structure (for reading JSON); mclust's use their {@link #storage()}'s. */
    public Class<?> shapeType() {
        return storage().shapeType();
    }

    /**
     * Covariances from scikit-learn's shape ({@link #shapeType()}) for k components in d
     * dimensions. For mclust's models the values are taken as given: that they satisfy the
     * model's constraints (equal volumes, a common shape, ...) is not checked.
     */
    public Covariances fromShape(Object shape, int k, int d) {
        return switch (storage()) {
            case FULL -> FullCovariances.of((double[][][]) shape, this);
            case DIAG -> DiagonalCovariances.of((double[][]) shape, this);
            default -> SphericalCovariances.of((double[]) shape, d, this);
        };
    }

    /** The structure named {@code name}, case-insensitively; a user error listing the names otherwise. */
    public static CovarianceStructure parse(String name) {
        for (CovarianceStructure s : values()) {
            if (s.id.equalsIgnoreCase(name.trim())) {
                return s;
            }
        }
        throw new MlemUserException("unknown covariance structure '" + name + "'; use one of "
                + Arrays.stream(values()).map(CovarianceStructure::id).collect(Collectors.joining(", ")));
    }

    /**
     * The structure named {@code name} for data of {@code dimension} columns: scikit-learn's names,
     * mclust's fourteen ({@code VVV} full, {@code EEE} tied, {@code VVI} diag, {@code VII}
     * spherical, and EII, EEI, VEI, EVI, VEE, EVE, VVE, EEV, VEV, EVV) and, in one dimension, mclust's
     * {@code E} (equal variances: tied) and {@code V} (unequal: full, the same model as diag and
     * spherical there). Case-insensitive.
     *
     * @throws MlemUserException for an unknown name, or E or V with {@code dimension > 1}
     */
    public static CovarianceStructure parse(String name, int dimension) {
        String n = name.strip().toUpperCase(Locale.ROOT);
        if (n.equals("E") || n.equals("V")) {
            if (dimension != 1) {
                throw new MlemUserException("covariance " + name.strip() + " is mclust's one-dimensional model and the data "
                        + "have " + dimension + " columns; use full, tied, diag or spherical, or one of mclust's "
                        + mclustNames());
            }
            return n.equals("E") ? TIED : FULL;
        }
        for (CovarianceStructure s : values()) {
            if (s.id.equalsIgnoreCase(n) || s.mclustName(2).equals(n)) {
                return s;
            }
        }
        throw new MlemUserException("unknown covariance structure '" + name.strip() + "'; use full, tied, diag, "
                + "spherical or one of mclust's " + mclustNames() + (dimension == 1 ? " (E or V in one dimension)" : ""));
    }

    /** mclust's fourteen model names, comma-separated, in mclust's order. */
    static String mclustNames() {
        return "EII, VII, EEI, VEI, EVI, VVI, EEE, VEE, EVE, VVE, EEV, VEV, EVV, VVV";
    }

    /**
     * mclust's name for this structure in {@code dimension} columns: VVV, EEE, VVI, VII for
     * scikit-learn's four, else its id; in one dimension E when the volumes are equal (tied and
     * the mclust models whose name begins with E) and V otherwise.
     */
    public String mclustName(int dimension) {
        String m = switch (this) {
            case FULL -> "VVV";
            case TIED -> "EEE";
            case DIAG -> "VVI";
            case SPHERICAL -> "VII";
            default -> id;
        };
        return dimension == 1 ? m.substring(0, 1) : m;
    }

    @Override
    public String toString() {
        return id;
    }

    /** {@code into += scale · (S2 − n δδᵀ)}, reading S2's upper triangle and writing a symmetric matrix. */
    private static void addScatter(double[] into, int off, double[] s2, int s2Off, double[] delta, int dOff,
            double n, double scale, int d) {
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                double v = scale * (s2[s2Off + a * d + b] - n * delta[dOff + a] * delta[dOff + b]);
                into[off + a * d + b] += v;
                if (b != a) {
                    into[off + b * d + a] += v;
                }
            }
        }
    }

    private static void addRidge(double[] m, int off, int d, double regCovar) {
        for (int a = 0; a < d; a++) {
            m[off + a * d + a] += regCovar;
        }
    }

    /** k×d diagonals of the scatter matrices W_j = S2_j − n_j δ_jδ_jᵀ (squares about the shift). */
    static double[] diagonalScatter(double[] nk, double[] delta, double[] s2, int k, int d) {
        double[] w = new double[k * d];
        for (int j = 0; j < k; j++) {
            for (int a = 0; a < d; a++) {
                double m = delta[j * d + a];
                w[j * d + a] = s2[j * d + a] - nk[j] * m * m;
            }
        }
        return w;
    }

    /** k d×d scatter matrices W_j = S2_j − n_j δ_jδ_jᵀ, symmetric, from S2's upper triangles. */
    static double[] fullScatter(double[] nk, double[] delta, double[] s2, int k, int d) {
        double[] w = new double[k * d * d];
        for (int j = 0; j < k; j++) {
            addScatter(w, j * d * d, s2, j * d * d, delta, j * d, nk[j], 1.0, d);
        }
        return w;
    }

    private static double[] addConstant(double[] v, double c) {
        for (int i = 0; i < v.length; i++) {
            v[i] += c;
        }
        return v;
    }

    /** This structure's diagonal covariances from k×d variances, plus the ridge. */
    Covariances diagonal(double[] variances, int k, int d, double regCovar) {
        return new DiagonalCovariances(addConstant(variances, regCovar), k, d, this);
    }

    /** This structure's covariances from k d×d matrices, plus the ridge. */
    Covariances full(double[] cov, int k, int d, double regCovar) {
        for (int j = 0; j < k; j++) {
            addRidge(cov, j * d * d, d, regCovar);
        }
        return new FullCovariances(cov, k, d, this);
    }

    private static double[] diagonalVariances(double[] nk, double[] delta, double[] s2, int k, int d, double regCovar) {
        double[] v = new double[k * d];
        for (int j = 0; j < k; j++) {
            for (int a = 0; a < d; a++) {
                double m = delta[j * d + a];
                v[j * d + a] = s2[j * d + a] / nk[j] - m * m + regCovar;
            }
        }
        return v;
    }
}
