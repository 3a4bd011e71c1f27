package org.mlem.concomitant;

import org.mlem.data.DataMatrix;
import org.mlem.em.BlockReducer;
import org.mlem.em.EmDriver;
import org.mlem.em.EmOptions;
import org.mlem.em.EmRun;

/**
 * Fits a mixture with concomitant variables (flexmix's {@code FLXPmultinom}) by EM on the shared
 * driver ({@link EmDriver}: its stopping rule, trace and thread-independent reduction; plain EM,
 * SQUAREM over {@link ConcomitantVectors} unless the components hold parameters fixed). The rows are the gating design's; the components'
 * data are held by the {@link ComponentDensities}, cut into the same blocks.
 */
public final class ConcomitantEm {
    private ConcomitantEm() {}

    /**
     * EM whose first M-step is taken from the n × k responsibilities {@code resp} (flexmix's
     * {@code cluster =} start): the components' M-step and the gating's logit fit from γ = 0.
     *
     * @param template a model whose components the first M-step may start its inner iterations from
     * @param weights the rows' frequency weights, or null
     */
    public static <M> ConcomitantFit<M> fromPosteriors(ComponentDensities<M> components, ConcomitantDesign design,
            double[] weights, M template, double[] resp, EmOptions em) {
        check(components, design, resp);
        ConcomitantModel<M> model = new ConcomitantModel<>(components, design, weights);
        ConcomitantMixture<M> start = model.maximize(
                new ConcomitantMixture<>(template, design.zeroGating(components.components())), resp);
        return run(components, design, weights, model, start, em);
    }

    /**
     * EM from a plain mixture's fit: its posteriors (under its constant weights) start the first
     * M-step, so with only an intercept EM starts at the plain mixture's maximum and stays there.
     *
     * @param logWeights the plain mixture's log weights
     */
    public static <M> ConcomitantFit<M> fromMixture(ComponentDensities<M> components, ConcomitantDesign design,
            double[] weights, M plain, double[] logWeights, EmOptions em) {
        ConcomitantModel<M> model = new ConcomitantModel<>(components, design, weights);
        return run(components, design, weights, model, firstStep(components, design, weights, plain, logWeights), em);
    }

    /**
     * The first M-step of {@link #fromMixture}: from the posteriors of the plain mixture {@code plain}
     * under its log weights {@code logWeights}, the components' M-step and the gating's logit fit from γ = 0.
     */
    static <M> ConcomitantMixture<M> firstStep(ComponentDensities<M> components, ConcomitantDesign design,
            double[] weights, M plain, double[] logWeights) {
        int n = design.rows();
        int k = components.components();
        double[] resp = new double[n * k];
        DataMatrix rows = source(design, weights);
        for (int b = 0; b < rows.blockCount(); b++) {
            var block = rows.block(b);
            double[] out = new double[block.rows() * k];
            components.logDensities(plain, block, out);
            for (int i = 0; i < block.rows(); i++) {
                for (int j = 0; j < k; j++) {
                    out[i * k + j] += logWeights[j];
                }
            }
            org.mlem.kernel.GaussianKernels.normalizeRows(out, block.rows(), k, null, null, 0);
            System.arraycopy(out, 0, resp, block.start() * k, out.length);
        }
        check(components, design, resp);
        return new ConcomitantModel<>(components, design, weights).maximize(
                new ConcomitantMixture<>(plain, design.zeroGating(k)), resp);
    }

    /** EM from given components and gating (an E-step first). */
    public static <M> ConcomitantFit<M> fromModel(ComponentDensities<M> components, ConcomitantDesign design,
            double[] weights, ConcomitantMixture<M> start, EmOptions em) {
        return run(components, design, weights, new ConcomitantModel<>(components, design, weights), start, em);
    }

    /** The posteriors P(j | x_i, z_i) of the design's rows under {@code model}, n × k row-major. */
    public static <M> double[] posteriors(ComponentDensities<M> components, ConcomitantDesign design,
            ConcomitantMixture<M> model) {
        int k = components.components();
        ConcomitantModel<M> m = new ConcomitantModel<>(components, design, null);
        PosteriorStats<M> s = m.emptyStats(model);
        DataMatrix rows = source(design, null);
        for (int b = 0; b < rows.blockCount(); b++) {
            m.accumulate(model, rows.block(b), s);
        }
        double[] r = s.responsibilities();
        if (r.length != design.rows() * k) {
            throw new IllegalStateException("posteriors of the wrong shape");
        }
        return r;
    }

    /** {@link #posteriors} as n rows of k. */
    public static <M> double[][] posteriorRows(ComponentDensities<M> components, ConcomitantDesign design,
            ConcomitantMixture<M> model) {
        int k = components.components();
        double[] flat = posteriors(components, design, model);
        double[][] out = new double[flat.length / k][];
        for (int i = 0; i < out.length; i++) {
            out[i] = java.util.Arrays.copyOfRange(flat, i * k, (i + 1) * k);
        }
        return out;
    }

    /** The total (weighted) log-likelihood of {@code model} on the design's rows. */
    public static <M> double logLikelihood(ComponentDensities<M> components, ConcomitantDesign design, double[] weights,
            ConcomitantMixture<M> model) {
        ConcomitantModel<M> m = new ConcomitantModel<>(components, design, weights);
        DataMatrix rows = source(design, weights);
        double ll = 0;
        for (int b = 0; b < rows.blockCount(); b++) {
            ll += m.accumulate(model, rows.block(b), m.emptyStats(model));
        }
        return ll;
    }

    private static <M> ConcomitantFit<M> run(ComponentDensities<M> components, ConcomitantDesign design,
            double[] weights, ConcomitantModel<M> model, ConcomitantMixture<M> start, EmOptions em) {
        DataMatrix rows = source(design, weights);
        EmRun<ConcomitantMixture<M>> run;
        try (BlockReducer reducer = new BlockReducer(em.effectiveThreads())) {
            run = EmDriver.run(model, rows, start, em, reducer, null);
        }
        ConcomitantMixture<M> fitted = run.params();
        int p = components.componentParameters(fitted.components()) + fitted.gating().freeParameters();
        return new ConcomitantFit<>(fitted, run.logLikelihood(), run.trace(), run.iterations(), run.converged(),
                run.seconds(), p, design.rows(), rows.totalWeight());
    }

    static DataMatrix source(ConcomitantDesign design, double[] weights) {
        DataMatrix m = DataMatrix.of(design.z(), design.rows(), design.width(), design.terms());
        return weights == null ? m : m.withWeights(weights);
    }

    private static void check(ComponentDensities<?> components, ConcomitantDesign design, double[] resp) {
        if (components.rows() != design.rows()) {
            throw new IllegalArgumentException("the components have " + components.rows() + " rows, the design "
                    + design.rows());
        }
        if (resp.length != design.rows() * components.components()) {
            throw new IllegalArgumentException("responsibilities of the wrong shape");
        }
    }
}
