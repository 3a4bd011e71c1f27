package org.mlem.regmix;

import java.util.List;
import java.util.SplittableRandom;
import org.mlem.MlemUserException;
import org.mlem.em.BlockReducer;
import org.mlem.em.DegenerateComponent;
import org.mlem.em.EmDriver;
import org.mlem.em.EmListener;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.em.Restarts;
import org.mlem.formula.Design;
import org.mlem.formula.DesignSpec;
import org.mlem.formula.Frame;
import org.mlem.glm.Family;
import org.mlem.glm.Link;

/**
 * A mixture of k regressions with latent membership, as R's {@code flexmix(formula, k = k,
 * model = FLXMRglm(family = ...))}: k linear regressions (gaussian), or k GLMs (poisson, binomial),
 * sharing one R-style formula. Immutable configuration; {@link #fit} returns a {@link MixtureFit}
 * of a {@link RegressionMixture}, the best of the starts by final log-likelihood.
 *
 * <p>EM (E-step: posteriors from each component's GLM log-likelihood of
 * y_i given x_i; M-step: weighted GLM fits), run by {@link EmDriver} with its convergence rule.
 * Starting from an assignment, flexmix's iteration N returns the parameters after N M-steps; here
 * the start is the first M-step, so flexmix's {@code iter.max = N} is {@code maxIterations = N - 1}.
 *
 * @param formula R-style formula, e.g. {@code y ~ x + I(x^2)}; for the binomial the response is
 *     the number of successes (0/1 without a trials column)
 * @param components k, at least 1
 * @param family gaussian, poisson or binomial ({@link Family#byName})
 * @param link the link; null for the family's canonical link
 * @param sd how gaussian components' sd is estimated
 * @param trials the binomial's column of trial counts, or null for 0/1 responses
 * @param init where EM starts
 * @param fixed parameter groups held at the {@link RegmixInit.Given} start's values
 * @param em iterations, tolerance (on the mean per-row log-likelihood), starts, threads
 * @param design factor levels, missing-row handling, the frequency-weights column and the offset column
 */
public record RegmixEstimator(String formula, int components, Family family, Link link, SdEstimator sd, String trials,
        RegmixInit init, FixedParameters fixed, EmOptions em, DesignSpec design) {

    /**
     * Every latent model's defaults ({@link EmOptions#DEFAULTS}: run to the maximum, one start).
     * flexmix's own rule (200 iterations, 1e-6 on the mean per-row log-likelihood) is
     * {@code EmOptions.SKLEARN.withMaxIterations(200).withTolerance(1e-6)}.
     */
    public static final EmOptions DEFAULT_EM = EmOptions.DEFAULTS;

    public RegmixEstimator {
        if (components < 1) {
            throw new MlemUserException("k = " + components + " components; k must be at least 1");
        }
        if (formula == null || family == null || sd == null || init == null || fixed == null || em == null
                || design == null) {
            throw new IllegalArgumentException("formula, family, sd, init, fixed, em and design are required");
        }
        Response.of(family);
        link = link == null ? family.defaultLink() : link;
        if (fixed.maxIndex() >= components) {
            throw new MlemUserException("fixed parameters name component " + fixed.maxIndex() + " but k = "
                    + components + "; components are numbered 1.." + components);
        }
        if (fixed.any() && !(init instanceof RegmixInit.Given)) {
            throw new MlemUserException("fixed parameters take their values from a starting model; give one (--init)");
        }
        if (!fixed.sds().isEmpty() && !Response.of(family).hasSd()) {
            throw new MlemUserException("the " + family.name() + " family has no sd to fix; fix coefficients or weights");
        }
    }

    /** A gaussian mixture of k regressions with every other setting at its default (flexmix's). */
    public static RegmixEstimator of(String formula, int components) {
        return new RegmixEstimator(formula, components, Family.byName("gaussian"), null, SdEstimator.MLE, null,
                RegmixInit.DEFAULT, FixedParameters.NONE, DEFAULT_EM, DesignSpec.DEFAULTS);
    }

    /** This estimator with another family and its canonical link. */
    public RegmixEstimator withComponents(int k) {
        return new RegmixEstimator(formula, k, family, link, sd, trials, init, fixed, em, design);
    }

    public RegmixEstimator withFamily(Family f) {
        return new RegmixEstimator(formula, components, f, null, sd, trials, init, fixed, em, design);
    }

    public RegmixEstimator withLink(Link l) {
        return new RegmixEstimator(formula, components, family, l, sd, trials, init, fixed, em, design);
    }

    public RegmixEstimator withSd(SdEstimator s) {
        return new RegmixEstimator(formula, components, family, link, s, trials, init, fixed, em, design);
    }

    /** The binomial's trials column. */
    public RegmixEstimator withTrials(String column) {
        return new RegmixEstimator(formula, components, family, link, sd, column, init, fixed, em, design);
    }

    public RegmixEstimator withInit(RegmixInit i) {
        return new RegmixEstimator(formula, components, family, link, sd, trials, i, fixed, em, design);
    }

    public RegmixEstimator withFixed(FixedParameters f) {
        return new RegmixEstimator(formula, components, family, link, sd, trials, init, f, em, design);
    }

    public RegmixEstimator withEm(EmOptions o) {
        return new RegmixEstimator(formula, components, family, link, sd, trials, init, fixed, o, design);
    }

    public RegmixEstimator withDesign(DesignSpec d) {
        return new RegmixEstimator(formula, components, family, link, sd, trials, init, fixed, em, d);
    }

    /** Fits without progress reports. */
    public MixtureFit<RegressionMixture> fit(Frame frame, long seed) {
        return fit(frame, seed, EmListener.NONE);
    }

    /**
     * Fits the mixture to the rows of {@code frame}. The same seed gives the same bits for any
     * thread count. A start whose component becomes degenerate is dropped (its final
     * log-likelihood reported as -Infinity) when another start succeeds.
     *
     * @throws MlemUserException for a formula naming a missing column, a response the family
     *     cannot take, an initial model or assignment that does not fit the data, and
     *     {@link DegenerateRegressionException} when every start has a component become degenerate
     */
    public MixtureFit<RegressionMixture> fit(Frame frame, long seed, EmListener listener) {
        return fit(frame, null, seed, listener);
    }

    /**
     * As {@link #fit(Frame, long, EmListener)}, some rows' components known: {@code known} holds one
     * entry per row of {@code frame}, the component (0..k−1) or −1 when hidden (null: none known).
     * Known rows keep their component in every E-step and every start (semi-supervised EM).
     */
    public MixtureFit<RegressionMixture> fit(Frame frame, int[] known, long seed, EmListener listener) {
        for (int i = 0; known != null && i < known.length; i++) {
            if (known[i] >= components || known[i] < -1) {
                throw new MlemUserException("data row " + (i + 1) + " has known component " + known[i] + "; components are 0.."
                        + (components - 1) + " (-1 for unknown)");
            }
        }
        Prepared prep = prepare(frame, known);
        int starts = init.random() ? em.restartsFor((long) prep.data.n * (prep.data.p + 1)) : 1;
        try (BlockReducer reducer = new BlockReducer(em.effectiveThreads())) {
            Restarts.Outcome<RegressionMixture> out = Restarts.best(starts, seed,
                    (seeds, draw) -> initialise(prep, seeds.split(), draw),
                    (start, iterations) -> EmDriver.run(prep.model, prep.data.blocks, start, em, reducer, iterations),
                    Restarts.screening(em.maxIterations(), (start, iterations) -> EmDriver.run(prep.model, prep.data.blocks, start,
                            em.withMaxIterations(iterations), reducer, null)),
                    listener, m -> !degenerateComponents(prep, m, reducer).isEmpty());
            int nParameters = out.best().params().nParameters() - fixed.count(components, prep.data.p);
            return out.toFit(prep.data.n, prep.data.totalWeight(), nParameters, seed);
        }
    }

    /**
     * The components of {@code m}, fitted by this estimator to {@code frame}'s rows, that the data
     * do not support ({@link RegmixDegeneracy}: fewer rows than parameters, or a gaussian sd that is
     * a spike on a few rows); in component order, empty when none.
     */
    public List<DegenerateComponent> degenerateComponents(RegressionMixture m, Frame frame) {
        Prepared prep = prepare(frame);
        try (BlockReducer reducer = new BlockReducer(em.effectiveThreads())) {
            return degenerateComponents(prep, m, reducer);
        }
    }

    private static List<DegenerateComponent> degenerateComponents(Prepared prep, RegressionMixture m, BlockReducer reducer) {
        return RegmixDegeneracy.of(m, prep.data, responsibilities(prep, m, reducer), prep.model.responseScale);
    }

    /** The n×k posterior of the rows of {@code prep} under {@code m}, row-major: one E-step. */
    private static double[] responsibilities(Prepared prep, RegressionMixture m, BlockReducer reducer) {
        return reducer.reduce(prep.data.blocks, () -> prep.model.emptyStats(m),
                (block, into) -> prep.model.accumulate(m, block, into)).stats().responsibilities();
    }

    /**
     * The posterior probability of each component for every row of {@code frame} this estimator's
     * design uses (rows with a missing cell left out when the design drops them), given its
     * response: n rows of k.
     */
    public double[][] posterior(RegressionMixture m, Frame frame) {
        Prepared prep = prepare(frame);
        double[] flat;
        try (BlockReducer reducer = new BlockReducer(em.effectiveThreads())) {
            flat = responsibilities(prep, m, reducer);
        }
        int k = m.components();
        double[][] out = new double[prep.data.n][];
        for (int i = 0; i < out.length; i++) {
            out[i] = java.util.Arrays.copyOfRange(flat, i * k, (i + 1) * k);
        }
        return out;
    }

    /**
     * Each text column's factor levels as a fit to {@code frame} codes them (baseline first): what
     * the model file keeps so that new rows with fewer levels score as these rows do.
     */
    public java.util.Map<String, List<String>> levels(Frame frame) {
        return fittedDesign(frame).levels();
    }

    /**
     * The model matrix a fit to {@code frame} uses: its factor levels and data-dependent bases
     * ({@link Design#bases()}) are what the model file keeps to code new rows as these.
     */
    public Design fittedDesign(Frame frame) {
        return Design.build(formula, frame, design);
    }

    /** The frequency weight of every row of {@code frame} the design uses (1 each without a weights column). */
    public double[] rowWeights(Frame frame) {
        return prepare(frame).data.rowWeights.clone();
    }

    /** The design, data and model of a fit. */
    record Prepared(RegmixData data, RegmixModel model) {}

    /** Builds the design of {@link #formula} over {@code frame} and the model to fit. */
    Prepared prepare(Frame frame) {
        return prepare(frame, null);
    }

    /** As {@link #prepare(Frame)}, with each frame row's known component (−1 unknown), or null. */
    Prepared prepare(Frame frame, int[] known) {
        Design d = Design.build(formula, frame, design);
        RegmixData data = RegmixData.of(d, frame, trials, Response.of(family), family.name(), known);
        if (!(data.totalWeight() > 0)) {
            throw new MlemUserException("every row has weight 0; at least one row needs a positive weight");
        }
        RegressionMixture source = init instanceof RegmixInit.Given g ? checked(g.start(), data) : null;
        return new Prepared(data, new RegmixModel(data, family, link, components, sd, fixed, source));
    }

    /**
     * The first parameters of one start. Every draw is fresh from {@code rng} (a random assignment
     * or k-means++ from a new seed), so {@code draw} changes nothing here.
     */
    RegressionMixture initialise(Prepared prep, SplittableRandom rng, int draw) {
        RegmixData data = prep.data;
        if (init instanceof RegmixInit.Given g) {
            return g.start();
        }
        int[] labels;
        if (init instanceof RegmixInit.Assignment a) {
            labels = a.labels();
            if (labels.length != data.n) {
                throw new MlemUserException("the initial assignment has " + labels.length + " labels for " + data.n
                        + " rows; give one component per row used");
            }
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] < 0 || labels[i] >= components) {
                    throw new MlemUserException("initial assignment of row " + (i + 1) + " is " + labels[i]
                            + ", outside components 0.." + (components - 1));
                }
            }
        } else if (init instanceof RegmixInit.KMeans km) {
            labels = Clusters.kMeans(data, components, km.iterations(), rng);
        } else {
            labels = Clusters.random(data.n, components, rng);
        }
        for (int i = 0; i < labels.length; i++) {
            if (data.blocks.label(i) >= 0) {
                labels[i] = data.blocks.label(i); // known components start where they are known
            }
        }
        return prep.model.maximize(RegmixStats.hard(labels, components));
    }

    private RegressionMixture checked(RegressionMixture start, RegmixData data) {
        if (start.components() != components || !start.terms().equals(data.terms)
                || !start.family().name().equals(family.name()) || start.link() != link) {
            throw new MlemUserException("the initial model has k=" + start.components() + ", terms " + start.terms()
                    + ", family " + start.family().name() + "/" + start.link().rName() + " but the fit asks for k="
                    + components + ", terms " + data.terms + ", family " + family.name() + "/" + link.rName()
                    + "; make them agree");
        }
        return start;
    }
}
