package org.mlem.gmm.da;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.GaussianMixture;
import org.mlem.gmm.GaussianMixtureEstimator;
import org.mlem.gmm.GmmInit;

/**
 * Configuration for Gaussian discriminant analysis as mclust's {@code MclustDA} (Fraley and
 * Raftery 2002, JASA 97:611–631, section 6); immutable.
 *
 * <p>EDDA (Bensmail and Celeux 1996): the labelled rows' closed-form MLE, one Gaussian per class,
 * the covariances constrained across the classes by one mclust model (the iterative M-step where
 * the model has no closed form); with several models the lowest BIC is kept. MclustDA: per class a
 * Gaussian mixture by EM for every G in {@code minComponents..maxComponents} and every model, the
 * lowest BIC (−2ℓ_c + p_c ln n_c) kept per class. The priors are the class proportions.
 *
 * @param type EDDA or MclustDA
 * @param models the covariance models tried (at least one)
 * @param minComponents the fewest components per class (MclustDA; EDDA uses 1)
 * @param maxComponents the most components per class (MclustDA)
 * @param regCovar added to every variance (0, mclust's, by default)
 * @param em MclustDA's EM options (starts, tolerance, iterations, threads)
 */
public record DiscriminantEstimator(DaType type, List<CovarianceStructure> models, int minComponents, int maxComponents,
        double regCovar, EmOptions em) {

    /** No ridge, as mclust: the answers are the maximum-likelihood ones. */
    public static final double DEFAULT_REG_COVAR = 0.0;
    /** mclust's MclustDA default, G = 1..5 per class. */
    public static final int DEFAULT_MAX_COMPONENTS = 5;

    public DiscriminantEstimator {
        models = List.copyOf(models);
        if (models.isEmpty()) {
            throw new MlemUserException("no covariance model to fit; name at least one (--covariance)");
        }
        if (minComponents < 1 || maxComponents < minComponents) {
            throw new MlemUserException("components " + minComponents + ".." + maxComponents
                    + " per class; give a range like 1..5 with 1 <= low <= high");
        }
        if (type == DaType.EDDA && maxComponents != 1) {
            throw new MlemUserException("EDDA fits one Gaussian per class; --components applies to --type mclustda");
        }
        if (!(regCovar >= 0) || Double.isInfinite(regCovar)) {
            throw new MlemUserException("regCovar = " + regCovar + "; it must be a finite number >= 0");
        }
    }

    /**
     * Where a class's EM starts for G components (MclustDA): a partition of the class's rows, or
     * null for the estimator's own start (k-means++ as {@link GmmInit#DEFAULT}, {@code em.restarts()} of them).
     */
    public interface ClassStarts {
        /**
         * @param fold -1 for a fit on all rows, else the cross-validation fold left out
         * @param classIndex the class
         * @param g the number of components
         * @return a label 0..g-1 per row of the class (in data order), or null
         */
        int[] partition(int fold, int classIndex, int g);

        ClassStarts DEFAULT = (fold, c, g) -> null;
    }

    /**
     * One candidate tried for a class (MclustDA) or for all (EDDA).
     *
     * @param classIndex the class, or -1 for EDDA
     * @param g components
     * @param model covariance model
     * @param logLikelihood the candidate's log-likelihood (NaN when it failed)
     * @param nParameters its free parameters
     * @param bic −2ℓ + p ln n, lower is better (NaN when it failed)
     * @param failure why it could not be fitted, or null
     */
    public record Candidate(int classIndex, int g, CovarianceStructure model, double logLikelihood, int nParameters,
            double bic, String failure) {}

    /**
     * A fitted discriminant model and the candidates compared.
     *
     * @param model the model
     * @param logLikelihood mclust's log-likelihood of the training rows ({@link GaussianDiscriminant#logLikelihood})
     * @param candidates every (class, G, model) tried, with its BIC
     */
    public record Fit(GaussianDiscriminant model, double logLikelihood, List<Candidate> candidates, int rows) {
        public Fit {
            candidates = List.copyOf(candidates);
        }

        /** −2ℓ + p ln n: lower is better (mclust's BIC is its negative). */
        public double bic() {
            return -2 * logLikelihood + model.nParameters() * Math.log(rows);
        }

        /** −2ℓ + 2p. */
        public double aic() {
            return -2 * logLikelihood + 2 * model.nParameters();
        }
    }

    /**
     * The mclust models mlem has, in mclust's order (EII, VII, EEI, VEI, EVI, VVI, EEE, VEE, EEV,
     * VEV, EVV, VVV; its EVE and VVE not yet), or E and V in one dimension: MclustDA's default.
     */
    public static List<CovarianceStructure> allModels(int d) {
        if (d == 1) {
            return List.of(CovarianceStructure.TIED, CovarianceStructure.FULL);
        }
        List<CovarianceStructure> out = new ArrayList<>();
        for (String m : List.of("EII", "VII", "EEI", "VEI", "EVI", "VVI", "EEE", "VEE", "EEV", "VEV", "EVV", "VVV")) {
            out.add(CovarianceStructure.parse(m, d));
        }
        return out;
    }

    /** EDDA with one model. */
    public static DiscriminantEstimator edda(CovarianceStructure model) {
        return new DiscriminantEstimator(DaType.EDDA, List.of(model), 1, 1, DEFAULT_REG_COVAR, EmOptions.DEFAULTS);
    }

    /** MclustDA over {@code models} and G = {@code min..max} per class. */
    public static DiscriminantEstimator mclustDa(List<CovarianceStructure> models, int min, int max, EmOptions em) {
        return new DiscriminantEstimator(DaType.MCLUSTDA, models, min, max, DEFAULT_REG_COVAR, em);
    }

    /** Fits with the default starts. */
    public Fit fit(DataMatrix x, int[] classOf, List<String> classNames, long seed) {
        return fit(x, classOf, classNames, seed, ClassStarts.DEFAULT, -1);
    }

    /**
     * Fits to rows {@code x} whose classes are {@code classOf} (0..C-1, every row known).
     *
     * @param starts MclustDA's EM starts per class and G
     * @param fold passed to {@code starts}: -1 for a fit on all rows
     * @throws MlemUserException for one class only, a class without rows, or a class with fewer
     *     rows than every candidate needs
     */
    public Fit fit(DataMatrix x, int[] classOf, List<String> classNames, long seed, ClassStarts starts, int fold) {
        int classes = classNames.size();
        int[] counts = ClassRows.counts(classOf, classes, classNames);
        requireTwoClasses(classNames);
        x.requireFinite("a discriminant model");
        double[] priors = priors(counts, x.rows());
        return type == DaType.EDDA ? fitEdda(inMemory(x, classOf), classNames, counts, priors, models)
                : fitMclustDa(inMemory(x, classOf), classNames, counts, priors, seed, starts, fold, null);
    }

    /**
     * The rows of an EDDA fit wherever they are held (in memory, or a cluster's partitions): the
     * two computations that read every row. Each is a sum over rows, so blocks held elsewhere give
     * the in-memory answer to rounding.
     */
    public interface LabelledRows {
        /** Number of rows. */
        int rows();

        /** Values per row. */
        int cols();

        /**
         * {@code est} (k = the classes) fit to every row with its class known: the closed-form M-step
         * of the classes' weighted statistics (iterated where the structure has no closed form).
         */
        GaussianMixture labelledFit(GaussianMixtureEstimator est);

        /** {@link GaussianDiscriminant#logLikelihood} of every row. */
        double logLikelihood(GaussianDiscriminant model);

        /**
         * MclustDA's fit of {@code est} (G components) to the rows of class {@code c}: with G = 1 the
         * closed form, else EM from {@code start} (a partition of the class's rows) when not null,
         * otherwise from the estimator's own starts drawn with {@code seed}.
         */
        MixtureFit<GaussianMixture> classFit(int c, GaussianMixtureEstimator est, int[] start, long seed);
    }

    private static LabelledRows inMemory(DataMatrix x, int[] classOf) {
        DataMatrix[] byClass = new DataMatrix[classOf.length == 0 ? 0 : java.util.Arrays.stream(classOf).max().getAsInt() + 1];
        return new LabelledRows() {
            @Override
            public MixtureFit<GaussianMixture> classFit(int c, GaussianMixtureEstimator est, int[] start, long seed) {
                if (byClass[c] == null) {
                    byClass[c] = ClassRows.of(x, classOf, c, (int) java.util.Arrays.stream(classOf).filter(z -> z == c).count());
                }
                DataMatrix xc = byClass[c];
                if (est.components() == 1) {
                    return est.fit(xc.withLabels(new int[xc.rows()]), seed);
                }
                if (start != null) {
                    GaussianMixture first = est.fit(xc.withLabels(start), seed).model();
                    return est.withInit(new GmmInit.Given(first)).fit(xc, seed);
                }
                return est.fit(xc, seed);
            }

            @Override
            public int rows() {
                return x.rows();
            }

            @Override
            public int cols() {
                return x.cols();
            }

            @Override
            public GaussianMixture labelledFit(GaussianMixtureEstimator est) {
                return est.fit(x.withLabels(classOf), 0L).model();
            }

            @Override
            public double logLikelihood(GaussianDiscriminant model) {
                return model.logLikelihood(x);
            }
        };
    }

    /**
     * EDDA on rows held anywhere ({@code rows}; the class sizes {@code counts} in the order of
     * {@code classNames}): what {@link #fit} does for EDDA, the priors the class proportions.
     *
     * @throws MlemUserException for fewer than two classes, a class without rows, or when no model
     *     can be fitted (the first model's reason)
     */
    public Fit fitEdda(LabelledRows rows, List<String> classNames, long[] counts) {
        if (type != DaType.EDDA) {
            throw new MlemUserException("fitEdda fits EDDA; this estimator is " + type.id());
        }
        int[] n = sizes(classNames, counts);
        return fitEdda(rows, classNames, n, priors(n, rows.rows()), models);
    }

    /**
     * MclustDA on rows held anywhere ({@code rows}; the class sizes {@code counts} in the order of
     * {@code classNames}): what {@link #fit} does for MclustDA with the default starts, the priors
     * the class proportions.
     *
     * @throws MlemUserException as {@link #fit}
     */
    public Fit fitMclustDa(LabelledRows rows, List<String> classNames, long[] counts, long seed) {
        if (type != DaType.MCLUSTDA) {
            throw new MlemUserException("fitMclustDa fits MclustDA; this estimator is " + type.id());
        }
        int[] n = sizes(classNames, counts);
        return fitMclustDa(rows, classNames, n, priors(n, rows.rows()), seed, ClassStarts.DEFAULT, -1, null);
    }

    /** The class sizes, after checking there are two classes or more and each has rows. */
    private static int[] sizes(List<String> classNames, long[] counts) {
        requireTwoClasses(classNames);
        int[] n = new int[counts.length];
        for (int c = 0; c < n.length; c++) {
            if (counts[c] == 0) {
                throw new MlemUserException("class '" + classNames.get(c) + "' has no rows; remove it from the classes");
            }
            n[c] = (int) counts[c];
        }
        return n;
    }

    /** The class proportions. */
    private static double[] priors(int[] counts, int rows) {
        double[] priors = new double[counts.length];
        for (int c = 0; c < priors.length; c++) {
            priors[c] = (double) counts[c] / rows;
        }
        return priors;
    }

    private static void requireTwoClasses(List<String> classNames) {
        if (classNames.size() < 2) {
            throw new MlemUserException("only one class ('" + classNames.get(0) + "'); discriminant analysis needs rows of "
                    + "at least two classes: check the class column, or fit one class with fit gmm");
        }
    }

    /**
     * Refits {@code chosen}'s structure to other rows (a cross-validation fold's training rows), as
     * cvMclustDA does: EDDA with its model; MclustDA with each class's G and model held.
     */
    Fit refit(GaussianDiscriminant chosen, DataMatrix x, int[] classOf, long seed, ClassStarts starts, int fold) {
        List<String> names = chosen.classes();
        int[] counts = ClassRows.counts(classOf, names.size(), names);
        double[] priors = priors(counts, x.rows());
        return type == DaType.EDDA ? fitEdda(inMemory(x, classOf), names, counts, priors, List.of(chosen.edda()))
                : fitMclustDa(inMemory(x, classOf), names, counts, priors, seed, starts, fold, chosen);
    }

    /**
     * {@link #refit} on rows held anywhere (a fold's training rows on a cluster; the class sizes
     * {@code counts} in the order of {@code chosen}'s classes), MclustDA's class fits seeded by
     * {@code seed} with the default starts.
     */
    public Fit refit(GaussianDiscriminant chosen, LabelledRows rows, long[] counts, long seed, int fold) {
        List<String> names = chosen.classes();
        int[] n = sizes(names, counts);
        double[] priors = priors(n, rows.rows());
        return type == DaType.EDDA ? fitEdda(rows, names, n, priors, List.of(chosen.edda()))
                : fitMclustDa(rows, names, n, priors, seed, ClassStarts.DEFAULT, fold, chosen);
    }

    private Fit fitEdda(LabelledRows x, List<String> names, int[] counts, double[] priors,
            List<CovarianceStructure> models) {
        int classes = names.size();
        int d = x.cols();
        List<Candidate> tried = new ArrayList<>();
        Fit best = null;
        for (CovarianceStructure m : models) {
            String short_ = ClassRows.shortClass(m, d, counts, names);
            if (short_ != null) {
                tried.add(new Candidate(-1, 1, m, Double.NaN, 0, Double.NaN, short_));
                continue;
            }
            GaussianMixtureEstimator est = new GaussianMixtureEstimator(classes, m, regCovar, GmmInit.DEFAULT, em);
            GaussianMixture joint;
            try {
                joint = x.labelledFit(est);
            } catch (MlemUserException e) {
                tried.add(new Candidate(-1, 1, m, Double.NaN, 0, Double.NaN, e.getMessage()));
                continue;
            }
            List<GaussianMixture> per = new ArrayList<>();
            for (int c = 0; c < classes; c++) {
                per.add(OneComponent.of(joint, c));
            }
            GaussianDiscriminant model = new GaussianDiscriminant(DaType.EDDA, names, priors, per, m);
            Fit fit = new Fit(model, x.logLikelihood(model), List.of(), x.rows());
            tried.add(new Candidate(-1, 1, m, fit.logLikelihood(), model.nParameters(), fit.bic(), null));
            if (best == null || better(fit.bic(), best.bic())) {
                best = fit;
            }
        }
        if (best == null) {
            throw new MlemUserException(tried.get(0).failure());
        }
        return new Fit(best.model(), best.logLikelihood(), tried, x.rows());
    }

    private Fit fitMclustDa(LabelledRows x, List<String> names, int[] counts, double[] priors, long seed,
            ClassStarts starts, int fold, GaussianDiscriminant held) {
        int classes = names.size();
        List<Candidate> tried = new ArrayList<>();
        List<GaussianMixture> per = new ArrayList<>();
        SplittableRandom seeds = new SplittableRandom(seed);
        for (int c = 0; c < classes; c++) {
            GaussianMixture best = null;
            double bestBic = Double.POSITIVE_INFINITY;
            String firstFailure = null;
            long classSeed = seeds.nextLong();
            GaussianMixture heldClass = held == null ? null : held.densities().get(c);
            int low = heldClass == null ? minComponents : heldClass.components();
            int high = heldClass == null ? maxComponents : heldClass.components();
            for (int g = low; g <= high; g++) {
                int[] start = g > 1 ? starts.partition(fold, c, g) : null;
                for (CovarianceStructure m : heldClass == null ? models : List.of(heldClass.structure())) {
                    Tried cand = fitClass(x, counts[c], c, g, m, start, classSeed, names.get(c));
                    tried.add(cand.candidate());
                    if (cand.mixture() != null && better(cand.candidate().bic(), bestBic)) {
                        best = cand.mixture();
                        bestBic = cand.candidate().bic();
                    } else if (cand.mixture() == null && firstFailure == null) {
                        firstFailure = cand.candidate().failure();
                    }
                }
            }
            if (best == null) {
                throw new MlemUserException("class '" + names.get(c) + "' (" + counts[c] + " rows): no candidate could be "
                        + "fitted (" + firstFailure + "); give the class more rows, fewer components (--components) or "
                        + "a simpler --covariance");
            }
            per.add(best);
        }
        GaussianDiscriminant model = new GaussianDiscriminant(DaType.MCLUSTDA, names, priors, per, null);
        return new Fit(model, x.logLikelihood(model), tried, x.rows());
    }

    /**
     * Whether BIC {@code b} beats {@code best} by more than rounding (1e-10 relative): equivalent
     * models (VVV and EEE with one component) then keep the first of the list, as mclust does.
     */
    private static boolean better(double b, double best) {
        return Double.isInfinite(best) ? b < best : b < best - 1e-10 * Math.abs(best);
    }

    private record Tried(Candidate candidate, GaussianMixture mixture) {}

    private Tried fitClass(LabelledRows x, int rows, int c, int g, CovarianceStructure m, int[] start, long seed,
            String name) {
        int d = x.cols();
        int needed = g * m.rowsNeeded(d);
        if (rows < needed) {
            String why = String.format(Locale.ROOT, "class '%s' has %d rows; G=%d %s components need at least %d",
                    name, rows, g, m.mclustName(d), needed);
            return new Tried(new Candidate(c, g, m, Double.NaN, 0, Double.NaN, why), null);
        }
        GaussianMixtureEstimator est = new GaussianMixtureEstimator(g, m, regCovar, GmmInit.DEFAULT, em);
        try {
            MixtureFit<GaussianMixture> fit = x.classFit(c, est, start, seed);
            GaussianMixture mix = fit.model();
            double ll = fit.logLikelihood();
            int p = mix.nParameters();
            double bic = -2 * ll + p * Math.log(rows);
            return new Tried(new Candidate(c, g, m, ll, p, bic, null), mix);
        } catch (MlemUserException e) {
            return new Tried(new Candidate(c, g, m, Double.NaN, 0, Double.NaN, e.getMessage()), null);
        }
    }
}
