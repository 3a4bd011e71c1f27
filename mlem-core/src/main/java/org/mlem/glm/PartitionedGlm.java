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
            double[] weightsBeta, double dispersion, Held held) implements Serializable {
        private static final long serialVersionUID = 1L;

        /** A pass of the whole model matrix. */
        public Pass(Eta eta, double[] beta, boolean crossProducts, boolean ones, Eta weightsEta, double[] weightsBeta,
                double dispersion) {
            this(eta, beta, crossProducts, ones, weightsEta, weightsBeta, dispersion, null);
        }

        static Pass step(Eta eta, double[] beta, boolean ones) {
            return new Pass(eta, beta, true, ones, null, null, Double.NaN);
        }

        /** The first pass of a fit: eta from the family's starting means, with the step's cross-products. */
        public static Pass start() {
            return step(Eta.START, null, false);
        }
    }

    /**
     * Model-matrix columns held at fixed values (a profile's coefficient, the terms an analysis of
     * deviance leaves out): they leave the cross-products, and x_j · value joins the offset of the
     * working response. The pass's {@code beta} still has every column (the held ones at the
     * values that set eta), so the cross-products are those of the other columns, in column order.
     *
     * @param columns the held columns, ascending
     * @param values their values
     */
    public record Held(int[] columns, double[] values) implements Serializable {
        private static final long serialVersionUID = 1L;

        /** The coefficients of every column: {@code free} (the other columns', in order) with the held values inserted. */
        double[] expand(double[] free) {
            double[] out = new double[free.length + columns.length];
            int f = 0;
            int h = 0;
            for (int j = 0; j < out.length; j++) {
                if (h < columns.length && columns[h] == j) {
                    out[j] = values[h++];
                } else {
                    out[j] = free[f++];
                }
            }
            return out;
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
        Run full = irls(passes, start, data, b -> Pass.step(Eta.LINEAR, b, false), p, family, link, options,
                describe(layout));
        List<String> warnings = new ArrayList<>();
        if (family.base() instanceof Family.Binomial && data.nonIntegerSuccesses) {
            warnings.add("non-integer #successes in a binomial glm");
        }
        warnings.addAll(full.warnings);
        double nullDeviance;
        if (layout.hasIntercept() && layout.hasOffset()) {
            Pass refit = Pass.step(Eta.MEANS_OF_LINEAR, full.coef, true);
            nullDeviance = irls(passes, refit, passes.run(refit), b -> Pass.step(Eta.INTERCEPT, b, true), 1, family, link,
                    options, describe(layout)).deviance;
        } else if (layout.hasIntercept()) {
            nullDeviance = passes.run(new Pass(Eta.CONSTANT_MEAN, new double[] {data.weightedResponse / data.totalWeight},
                    false, false, null, null, Double.NaN)).deviance;
        } else {
            nullDeviance = passes.run(new Pass(Eta.INTERCEPT, new double[] {0}, false, false, null, null, Double.NaN))
                    .deviance;
        }
        BlockSums last = passes.run(new Pass(Eta.LINEAR, full.coef, false, false, full.weights.eta(),
                full.weights.beta(), full.deviance / data.totalWeight));
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
        Run run = irls(passes, Pass.start(), first, b -> Pass.step(Eta.LINEAR, b, false), p, family, estimator.link(),
                estimator.options(), "the model matrix (columns " + columns + ")");
        return new Coefficients(run.coef, run.deviance);
    }

    /**
     * MASS's profile-likelihood intervals ({@link ConfidenceIntervals#profile(Family, GlmFit, long,
     * double, ConfidenceIntervals.Refits)}) of {@code fit}, {@link #fit}'s answer for
     * {@code estimator} (family {@code familyName}) on {@code rows} rows: each refit with one
     * coefficient held is IRLS over the blocks {@code passes} runs over, the held column in the
     * offset, from the linear predictor the profile's previous refit ended at.
     */
    public static List<ConfidenceIntervals.Interval> profile(GlmEstimator estimator, String familyName, GlmFit fit,
            long rows, double level, Passes passes) {
        Family family = Family.byName(familyName);
        int p = fit.coefficients().size();
        double[] estimates = fit.coefficients().stream().mapToDouble(Coefficient::estimate).toArray();
        return ConfidenceIntervals.profile(family, fit, rows, level, j -> {
            double[][] at = {estimates};
            return value -> {
                if (p == 1) {
                    return passes.run(new Pass(Eta.LINEAR, new double[] {value}, false, false, null, null, Double.NaN))
                            .deviance;
                }
                Held held = new Held(new int[] {j}, new double[] {value});
                Pass start = new Pass(Eta.LINEAR, at[0], true, false, null, null, Double.NaN, held);
                Run run = heldRun(estimator, family, passes, held, start, passes.run(start), p - 1, "the model matrix "
                        + "of '" + fit.formula() + "' without column " + fit.coefficients().get(j).term());
                at[0] = held.expand(run.coef);
                return run.deviance;
            };
        });
    }

    /**
     * R's sequential analysis of deviance ({@link Anova#sequential(GlmFit, List, Anova.SubModels)})
     * of {@code fit}, {@link #fit}'s answer for {@code estimator} (family {@code familyName}) with
     * {@code layout}'s columns: each sub-model (the terms up to one) is fitted by IRLS over the blocks
     * from the family's start, the later terms' columns held at 0.
     */
    public static List<Anova.Row> anova(GlmEstimator estimator, String familyName, Design layout, GlmFit fit,
            Passes passes) {
        Family family = Family.byName(familyName);
        int[] assign = layout.assign();
        return Anova.sequential(fit, layout.formula().termLabels(), t -> {
            int[] later = java.util.stream.IntStream.range(0, assign.length).filter(j -> assign[j] > t).toArray();
            Held held = new Held(later, new double[later.length]);
            int q = assign.length - later.length;
            if (q == 0) {
                BlockSums s = passes.run(new Pass(Eta.LINEAR, new double[assign.length], false, false, null, null,
                        Double.NaN));
                return new Anova.SubModel(s.deviance, Math.toIntExact(s.positive));
            }
            Pass start = new Pass(Eta.START, null, true, false, null, null, Double.NaN, held);
            BlockSums s = passes.run(start);
            Run run = heldRun(estimator, family, passes, held, start, s, q, describe(layout.upToTerm(t)));
            return new Anova.SubModel(run.deviance, Math.toIntExact(s.positive - q));
        });
    }

    /** IRLS of the q columns {@code held} leaves free, from {@code start}, whose pass gave {@code s}. */
    private static Run heldRun(GlmEstimator estimator, Family family, Passes passes, Held held, Pass start,
            BlockSums s, int q, String matrix) {
        return irls(passes, start, s, b -> new Pass(Eta.LINEAR, held.expand(b), true, false, null, null, Double.NaN,
                held), q, family, estimator.link(), estimator.options(), matrix);
    }

    /** {@link #coefficients}' answer: the IRLS coefficients and the deviance at them (the sum over every block). */
    public record Coefficients(double[] beta, double deviance) {
    }

    /** The model matrix of {@code layout}, for messages. */
    private static String describe(Design layout) {
        return "the model matrix of '" + layout.formula().text() + "' (columns " + layout.columnNames() + ")";
    }

    /** An IRLS run's end; {@code weights} the pass whose working weights the last step used. */
    private record Run(double[] coef, LeastSquares.Solution solution, double deviance, int iterations,
            boolean converged, boolean boundary, List<String> warnings, Pass weights) {
    }

    /**
     * {@link Irls#fit}'s loop from {@code start}, whose pass gave {@code s}; each pass over the
     * blocks, {@code stepPass} the pass at a step's p coefficients.
     */
    private static Run irls(Passes passes, Pass start, BlockSums s, java.util.function.Function<double[], Pass> stepPass,
            int p, Family family, Link link, GlmOptions options, String matrix) {
        if (!s.valid) {
            throw new MlemUserException("cannot find valid starting values for the " + family.name()
                    + " family with the " + link.rName() + " link; try another link");
        }
        List<String> warnings = new ArrayList<>();
        Pass sPass = start;
        double devOld = s.deviance;
        double dev = devOld;
        double[] coefOld = null;
        double[] coef = new double[p];
        LeastSquares.Solution ls = null;
        Pass weights = sPass;
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
            weights = sPass;
            double[] step = ls.coefficients().clone();
            for (double v : step) {
                if (!Double.isFinite(v)) {
                    throw new MlemUserException("non-finite coefficients at IRLS iteration " + iter
                            + "; the model cannot be fitted to these rows");
                }
            }
            BlockSums t = passes.run(stepPass.apply(step));
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
                t = passes.run(stepPass.apply(step));
                dev = t.deviance;
            }
            coef = step;
            s = t;
            sPass = stepPass.apply(step);
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
        return new Run(coef, ls, dev, iter, converged, boundary, warnings, weights);
    }
}
