package org.mlem.glm;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.mlem.MlemUserException;
import org.mlem.formula.Design;

/**
 * R's IRLS ({@link GlmEstimator#fit}) over rows split into {@link GlmBlock}s that live elsewhere
 * (a cluster's partitions): each step's weighted cross-products {@code XᵀWX}, {@code XᵀWz} and
 * each deviance are sums over the blocks ({@link Passes}), the step and the stopping rule run
 * here, step for step as on one machine, so the fit is {@link GlmEstimator#fit}'s up to rounding.
 *
 * <p>Only the normal-equations step is distributed: a design whose weighted Gram matrix is not
 * positive definite or too ill-conditioned ({@link NormalEquations}), which on one machine would
 * take the QR fallback and may mark columns aliased, is refused, as is the negative binomial with
 * theta estimated. The single machine's last step is refined in compensated arithmetic; here it
 * is not, so coefficients agree to about {@code cond(XᵀWX) · 1e-16}. The summary's per-row arrays
 * (fitted values, linear predictors) are empty.
 */
public final class PartitionedGlm {
    private PartitionedGlm() {
    }

    /** How a pass sets each row's linear predictor eta. */
    public enum Eta {
        /** From the family's starting mean. */
        START,
        /** {@code X b + offset}. */
        LINEAR,
        /** {@code g(g⁻¹(X b + offset))}: the start of the intercept-only refit, from the full fit's means. */
        MEANS_OF_LINEAR,
        /** {@code b[0] + offset}: the intercept-only model. */
        INTERCEPT,
        /** The mean is {@code b[0]} on every row. */
        CONSTANT_MEAN
    }

    /**
     * One pass over every block: eta as {@code eta} with {@code beta}; the cross-products of the
     * step when {@code crossProducts} (of a column of ones when {@code ones}); when
     * {@code weightsEta} is not null, the summary's sums with the working weights at that eta and
     * {@code weightsBeta}, and gamma's aic at {@code dispersion}.
     */
    public record Pass(Eta eta, double[] beta, boolean crossProducts, boolean ones, Eta weightsEta,
            double[] weightsBeta, double dispersion) implements Serializable {
        private static final long serialVersionUID = 1L;

        static Pass step(Eta eta, double[] beta, boolean ones) {
            return new Pass(eta, beta, true, ones, null, null, Double.NaN);
        }

        /** The first pass of a fit: eta from the family's starting means, with the step's cross-products. */
        public static Pass start() {
            return step(Eta.START, null, false);
        }
    }

    /** Runs a pass on every block and merges the blocks' sums in a fixed order. */
    @FunctionalInterface
    public interface Passes {
        BlockSums run(Pass pass);
    }

    /**
     * Fits {@code estimator} (family named {@code familyName}) to the blocks {@code passes} runs
     * over, whose designs all have {@code layout}'s columns.
     *
     * @param layout any one block's design (its column names, intercept, offset and formula)
     * @param rows rows of every block
     * @throws MlemUserException as {@link GlmEstimator#fit}, or for a design this path refuses
     */
    public static GlmFit fit(GlmEstimator estimator, String familyName, Design layout, long rows, Passes passes) {
        Family family = Family.byName(familyName);
        if (family instanceof Family.NegativeBinomial nb && nb.thetaEstimated()) {
            throw new MlemUserException("negbin with theta estimated is not distributed yet; give theta "
                    + "(e.g. negbin:2.5) or fit on one machine with mlem fit glm");
        }
        int p = layout.columns();
        Link link = estimator.link();
        GlmOptions options = estimator.options();
        String response = layout.formula().response().label();
        Pass start = Pass.start();
        BlockSums data = passes.run(start);
        InputChecks.enoughRows(data.positive, p, layout.columnNames());
        InputChecks.constantResponse(data.constant, data.first, response, family);
        Run full = irls(passes, start, data, false, p, family, link, options, describe(layout));
        List<String> warnings = new ArrayList<>();
        if (family.base() instanceof Family.Binomial && data.nonIntegerSuccesses) {
            warnings.add("non-integer #successes in a binomial glm");
        }
        warnings.addAll(full.warnings);
        double nullDeviance;
        if (layout.hasIntercept() && layout.hasOffset()) {
            Pass refit = Pass.step(Eta.MEANS_OF_LINEAR, full.coef, true);
            nullDeviance = irls(passes, refit, passes.run(refit), true, 1, family, link, options, describe(layout))
                    .deviance;
        } else if (layout.hasIntercept()) {
            nullDeviance = passes.run(new Pass(Eta.CONSTANT_MEAN, new double[] {data.weightedResponse / data.totalWeight},
                    false, false, null, null, Double.NaN)).deviance;
        } else {
            nullDeviance = passes.run(new Pass(Eta.INTERCEPT, new double[] {0}, false, false, null, null, Double.NaN))
                    .deviance;
        }
        BlockSums last = passes.run(new Pass(Eta.LINEAR, full.coef, false, false, full.weightsEta, full.weightsBeta,
                full.deviance / data.totalWeight));
        double aic;
        if (family instanceof Family.Gaussian) {
            aic = RowSums.gaussianAic(data.positive, data.logWeight, full.deviance);
        } else if (family instanceof Family.InverseGaussian) {
            aic = RowSums.inverseGaussianAic(data.totalWeight, data.logResponse, full.deviance);
        } else {
            aic = last.aic + (family instanceof Family.GammaFamily ? 2 : 0);
        }
        Summary.Totals totals = new Summary.Totals(last.nOk, last.pearson, aic, last.probabilitiesAtBoundary,
                last.ratesAtZero);
        Summary.Layout shape = new Summary.Layout(layout.columnNames(), layout.hasIntercept(), layout.formula().text(),
                Math.toIntExact(rows), 0);
        double[] c = full.coef.clone();
        Irls.Result result = new Irls.Result(c, new boolean[p], p, full.solution.unscaledCovariance(), new double[0],
                new double[0], new double[0], new double[0], full.deviance, full.iterations, full.converged,
                full.boundary, List.of());
        double theta = family instanceof Family.NegativeBinomial nb ? nb.theta() : Double.NaN;
        return Summary.of(estimator, shape, result, totals, family, nullDeviance, theta, Double.NaN, Double.NaN,
                full.converged, warnings);
    }

    /**
     * The coefficients alone of {@code estimator}'s fit (family {@code familyName}) to the blocks
     * {@code passes} runs over, IRLS as in {@link #fit} from {@code first}, the result of
     * {@link Pass#start()}: no summary passes. A mixture of regressions' M-step.
     *
     * @return the coefficients and the deviance at them
     * @param columns the model matrix's column names (p of them), for messages
     * @param response the response's name, for messages
     * @throws MlemUserException as {@link #fit}
     */
    public static Coefficients coefficients(GlmEstimator estimator, String familyName, BlockSums first, List<String> columns,
            String response, Passes passes) {
        Family family = Family.byName(familyName);
        int p = columns.size();
        InputChecks.enoughRows(first.positive, p, columns);
        InputChecks.constantResponse(first.constant, first.first, response, family);
        Run run = irls(passes, Pass.start(), first, false, p, family, estimator.link(), estimator.options(),
                "the model matrix (columns " + columns + ")");
        return new Coefficients(run.coef, run.deviance);
    }

    /** {@link #coefficients}' answer: the IRLS coefficients and the deviance at them (the sum over every block). */
    public record Coefficients(double[] beta, double deviance) {
    }

    /** The model matrix of {@code layout}, for messages. */
    private static String describe(Design layout) {
        return "the model matrix of '" + layout.formula().text() + "' (columns " + layout.columnNames() + ")";
    }

    /** An IRLS run's end. */
    private record Run(double[] coef, LeastSquares.Solution solution, double deviance, int iterations,
            boolean converged, boolean boundary, List<String> warnings, Eta weightsEta, double[] weightsBeta) {
    }

    /** {@link Irls#fit}'s loop from {@code start}, whose pass gave {@code s}; each pass over the blocks. */
    private static Run irls(Passes passes, Pass start, BlockSums s, boolean ones, int p, Family family, Link link,
            GlmOptions options, String matrix) {
        Eta linear = ones ? Eta.INTERCEPT : Eta.LINEAR;
        if (!s.valid) {
            throw new MlemUserException("cannot find valid starting values for the " + family.name()
                    + " family with the " + link.rName() + " link; try another link");
        }
        List<String> warnings = new ArrayList<>();
        Eta sEta = start.eta();
        double[] sBeta = start.beta();
        double devOld = s.deviance;
        double dev = devOld;
        double[] coefOld = null;
        double[] coef = new double[p];
        LeastSquares.Solution ls = null;
        Eta wEta = sEta;
        double[] wBeta = sBeta;
        boolean converged = false;
        boolean boundary = false;
        int iter = 0;
        while (iter < options.maxIterations()) {
            iter++;
            if (s.good == 0) {
                throw new MlemUserException("no observation is informative at IRLS iteration " + iter
                        + " (all weights or mean derivatives are zero)");
            }
            ls = s.good >= p ? NormalEquations.solve(s.crossProducts, p) : null;
            if (ls == null) {
                throw new MlemUserException(matrix + " is collinear or too ill-conditioned for the distributed normal "
                        + "equations at IRLS iteration " + iter + "; drop collinear terms, or fit on one machine "
                        + "with mlem fit glm (QR, aliased columns as R)");
            }
            wEta = sEta;
            wBeta = sBeta;
            double[] step = ls.coefficients().clone();
            for (double v : step) {
                if (!Double.isFinite(v)) {
                    throw new MlemUserException("non-finite coefficients at IRLS iteration " + iter
                            + "; the model cannot be fitted to these rows");
                }
            }
            BlockSums t = passes.run(Pass.step(linear, step, ones));
            dev = t.deviance;
            int halvings = 0;
            while (!Double.isFinite(dev) || !t.valid) {
                if (coefOld == null || halvings++ >= options.maxIterations()) {
                    throw new MlemUserException("IRLS found no valid coefficients for the " + family.name()
                            + " family with the " + link.rName() + " link (deviance " + dev + "); try another link");
                }
                for (int j = 0; j < p; j++) {
                    step[j] = (step[j] + coefOld[j]) / 2;
                }
                boundary = true;
                t = passes.run(Pass.step(linear, step, ones));
                dev = t.deviance;
            }
            coef = step;
            s = t;
            sEta = linear;
            sBeta = step;
            if (Math.abs(dev - devOld) / (Math.abs(dev) + 0.1) < options.epsilon()) {
                converged = true;
                break;
            }
            devOld = dev;
            coefOld = step.clone();
        }
        if (!converged) {
            warnings.add("IRLS did not converge in " + options.maxIterations() + " iterations");
        }
        if (boundary) {
            warnings.add("IRLS stopped at a boundary value (step halving)");
        }
        return new Run(coef, ls, dev, iter, converged, boundary, warnings, wEta, wBeta);
    }
}
