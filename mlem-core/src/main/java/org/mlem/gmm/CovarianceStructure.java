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
    };

    private final String id;

    CovarianceStructure(String id) {
        this.id = id;
    }

    /** The name used on the command line and in JSON: {@code full}, {@code tied}, {@code diag}, {@code spherical}. */
    public String id() {
        return id;
    }

    /** Free covariance parameters of k components in d dimensions. */
    public abstract int covarianceParameters(int k, int d);

    /** Whether the M-step needs full second moments (d×d) rather than squares (d). */
    abstract boolean crossProducts();

    /**
     * The M-step for the covariances: from weight sums {@code nk}, mean offsets from the shift
     * {@code delta} (k×d) and second moments about the shift {@code s2}, adding {@code regCovar}
     * to every variance.
     *
     * @throws NotPositiveDefiniteException when a result is not positive definite
     */
    abstract Covariances estimate(double[] nk, double[] delta, double[] s2, int k, int d, double regCovar);

    /** The Java type of scikit-learn's shape for this structure (for reading JSON). */
    public abstract Class<?> shapeType();

    /** Covariances from scikit-learn's shape ({@link #shapeType()}) for k components in d dimensions. */
    public abstract Covariances fromShape(Object shape, int k, int d);

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
     * mclust's ({@code VVV} full, {@code EEE} tied, {@code VVI} diag, {@code VII} spherical) and, in
     * one dimension, mclust's {@code E} (equal variances: tied) and {@code V} (unequal: full, the
     * same model as diag and spherical there). Case-insensitive.
     *
     * @throws MlemUserException for an unknown name, or E or V with {@code dimension > 1}
     */
    public static CovarianceStructure parse(String name, int dimension) {
        String n = name.strip().toUpperCase(Locale.ROOT);
        switch (n) {
            case "E", "V" -> {
                if (dimension != 1) {
                    throw new MlemUserException("covariance " + name.strip() + " is mclust's one-dimensional model and the data "
                            + "have " + dimension + " columns; use full, tied, diag or spherical (VVV, EEE, VVI, VII)");
                }
                return n.equals("E") ? TIED : FULL;
            }
            case "VVV" -> {
                return FULL;
            }
            case "EEE" -> {
                return TIED;
            }
            case "VVI" -> {
                return DIAG;
            }
            case "VII" -> {
                return SPHERICAL;
            }
            default -> {
                for (CovarianceStructure s : values()) {
                    if (s.id.equalsIgnoreCase(n)) {
                        return s;
                    }
                }
                throw new MlemUserException("unknown covariance structure '" + name + "'; use one of full, tied, diag, "
                        + "spherical (mclust's VVV, EEE, VVI, VII" + (dimension == 1 ? "; E or V in one dimension)" : ")"));
            }
        }
    }

    /**
     * mclust's name for this structure in {@code dimension} columns: VVV, EEE, VVI, VII; in one
     * dimension E for tied and V for the others (which are one model there).
     */
    public String mclustName(int dimension) {
        if (dimension == 1) {
            return this == TIED ? "E" : "V";
        }
        return switch (this) {
            case FULL -> "VVV";
            case TIED -> "EEE";
            case DIAG -> "VVI";
            case SPHERICAL -> "VII";
        };
    }

    @Override
    public String toString() {
        return id.toLowerCase(Locale.ROOT);
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
