package org.mlem.glm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlem.MlemUserException;
import org.mlem.formula.Design;
import org.mlem.formula.DesignSpec;
import org.mlem.formula.Frame;

/**
 * {@link PartitionedGlm} over rows cut into 1, 3 and 7 blocks gives {@link GlmEstimator#fit}'s
 * answer (the oracle: the single-machine IRLS, itself checked against R elsewhere) to 1e-9
 * relative: coefficients, standard errors, deviance, null deviance, dispersion, AIC, iterations.
 */
class PartitionedGlmTest {
    private static final double TOL = 1e-9;

    static List<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (int blocks : new int[] {1, 3, 7}) {
            out.add(Arguments.of("gaussian", null, "y ~ x1 + g", true, false, blocks));
            out.add(Arguments.of("poisson", null, "count ~ x1 + g", false, true, blocks));
            out.add(Arguments.of("binomial", "probit", "prop ~ x1 * x2", true, false, blocks));
            out.add(Arguments.of("gamma", "log", "pos ~ x1 + x2 + g", false, false, blocks));
            out.add(Arguments.of("inverse.gaussian", "log", "pos ~ x1 - 1", false, false, blocks));
            out.add(Arguments.of("negbin:3", null, "count ~ log(x2) + offset(x1)", false, false, blocks));
            // issue 15's families and link: statmod's tweedie, the quasi families' dispersion, the sqrt link
            out.add(Arguments.of("tweedie:1.5", null, "pos ~ x1 + g", false, false, blocks));
            out.add(Arguments.of("quasipoisson", null, "count ~ x1 + g", false, true, blocks));
            out.add(Arguments.of("quasibinomial", null, "prop ~ x1 + x2", true, false, blocks));
            out.add(Arguments.of("poisson", "sqrt", "count ~ x2 + g", false, false, blocks));
        }
        return out;
    }

    @ParameterizedTest(name = "{0} {2} over {5} blocks")
    @MethodSource("cases")
    void sameAnswerAsOneMachine(String family, String link, String formula, boolean weights, boolean offset,
            int blocks) {
        Frame frame = data(200);
        DesignSpec spec = DesignSpec.DEFAULTS.withLevels("g", List.of("a", "b", "c")).withKeptLevels();
        if (weights) {
            spec = spec.withWeights("w");
        }
        if (offset) {
            spec = spec.withOffset("off");
        }
        GlmEstimator est = new GlmEstimator(Family.byName(family), link == null ? null : Link.byName(link), null);
        GlmFit one = est.fit(Design.build(formula, frame, spec));
        List<GlmBlock> parts = new ArrayList<>();
        Design first = null;
        int n = frame.rows();
        for (int b = 0; b < blocks; b++) {
            int from = b * n / blocks;
            int to = (b + 1) * n / blocks;
            Design d = Design.build(formula, slice(frame, from, to), spec);
            first = first == null ? d : first;
            parts.add(GlmBlock.of(d, family, est));
        }
        GlmFit split = PartitionedGlm.fit(est, family, first, n, pass -> {
            BlockSums total = new BlockSums();
            parts.forEach(p -> total.merge(p.pass(pass)));
            return total;
        });
        assertEquals(one.iterations(), split.iterations());
        assertEquals(one.converged(), split.converged());
        for (int j = 0; j < one.coefficients().size(); j++) {
            Coefficient a = one.coefficients().get(j);
            Coefficient b = split.coefficients().get(j);
            assertEquals(a.term(), b.term());
            assertClose(a.estimate(), b.estimate(), "estimate " + a.term());
            assertClose(a.standardError(), b.standardError(), "se " + a.term());
            assertClose(a.pValue(), b.pValue(), "p " + a.term());
        }
        assertClose(one.deviance(), split.deviance(), "deviance");
        assertClose(one.nullDeviance(), split.nullDeviance(), "null deviance");
        assertClose(one.dispersion(), split.dispersion(), "dispersion");
        assertClose(one.aic(), split.aic(), "aic");
        assertClose(one.bic(), split.bic(), "bic");
        assertEquals(one.dfResidual(), split.dfResidual());
        assertEquals(one.dfNull(), split.dfNull());
        assertEquals(one.warnings(), split.warnings());
    }

    /**
     * The extras over 2 and 3 blocks against the single machine's ({@link Sandwich#covariance(Design,
     * GlmFit, Family, Link, Sandwich.Type)}, {@link ConfidenceIntervals#profile(GlmEstimator, Design,
     * GlmFit, double)}, {@link Anova#sequential(GlmEstimator, Design, GlmFit)}): HC0..HC3 entries
     * 1e-9 relative to their row's and column's scale, profile ends 1e-8 of the interval's width,
     * analysis-of-deviance rows 1e-9.
     */
    @ParameterizedTest(name = "{0} {2} over {3} blocks")
    @MethodSource("extrasCases")
    void sandwichProfileAndAnovaAsOnOneMachine(String family, String link, String formula, int blocks) {
        Frame frame = data(120);
        DesignSpec spec = DesignSpec.DEFAULTS.withLevels("g", List.of("a", "b", "c")).withKeptLevels();
        spec = family.equals("binomial") ? spec.withWeights("w") : spec;
        GlmEstimator est = new GlmEstimator(Family.byName(family), link == null ? null : Link.byName(link), null);
        Design whole = Design.build(formula, frame, spec);
        GlmFit one = est.fit(whole);
        List<GlmBlock> parts = new ArrayList<>();
        int n = frame.rows();
        for (int b = 0; b < blocks; b++) {
            parts.add(GlmBlock.of(Design.build(formula, slice(frame, b * n / blocks, (b + 1) * n / blocks), spec), family,
                    est));
        }
        PartitionedGlm.Passes passes = pass -> {
            BlockSums total = new BlockSums();
            parts.forEach(p -> total.merge(p.pass(pass)));
            return total;
        };
        GlmFit split = PartitionedGlm.fit(est, family, whole, n, passes);
        int p = whole.columns();
        double[] beta = split.coefficients().stream().mapToDouble(Coefficient::estimate).toArray();
        for (Sandwich.Type type : Sandwich.Type.values()) {
            double[] a = Sandwich.covariance(whole, one, est.family(), est.link(), type);
            double[] b = Sandwich.covariance(split, type, n, (active, c) -> {
                double[] meat = new double[active.length * active.length];
                for (GlmBlock part : parts) {
                    double[] m = part.sandwichMeat(beta, active, c, type, n);
                    for (int k = 0; k < meat.length; k++) {
                        meat[k] += m[k];
                    }
                }
                return meat;
            });
            for (int i = 0; i < p * p; i++) {
                double scale = Math.sqrt(a[i / p * (p + 1)] * a[i % p * (p + 1)]);
                assertEquals(a[i], b[i], TOL * scale, type + " entry " + i);
            }
        }
        List<ConfidenceIntervals.Interval> ci = ConfidenceIntervals.profile(est, whole, one, 0.95);
        List<ConfidenceIntervals.Interval> cs = PartitionedGlm.profile(est, family, split, n, 0.95, passes);
        for (int j = 0; j < p; j++) {
            double width = ci.get(j).upper() - ci.get(j).lower();
            assertEquals(ci.get(j).lower(), cs.get(j).lower(), 1e-8 * width, "profile lower " + ci.get(j).term());
            assertEquals(ci.get(j).upper(), cs.get(j).upper(), 1e-8 * width, "profile upper " + ci.get(j).term());
        }
        List<Anova.Row> ta = Anova.sequential(est, whole, one);
        List<Anova.Row> tb = PartitionedGlm.anova(est, family, whole, split, passes);
        assertEquals(ta.size(), tb.size());
        for (int r = 0; r < ta.size(); r++) {
            assertEquals(ta.get(r).term(), tb.get(r).term());
            assertEquals(ta.get(r).residualDf(), tb.get(r).residualDf());
            assertClose(ta.get(r).residualDeviance(), tb.get(r).residualDeviance(), "anova deviance " + r);
            assertClose(ta.get(r).pValue(), tb.get(r).pValue(), "anova p " + r);
        }
    }

    static List<Arguments> extrasCases() {
        List<Arguments> out = new ArrayList<>();
        for (int blocks : new int[] {2, 3}) {
            out.add(Arguments.of("gaussian", null, "y ~ x1 + g", blocks));
            out.add(Arguments.of("poisson", null, "count ~ x1 + g + offset(off)", blocks));
            out.add(Arguments.of("binomial", "probit", "prop ~ x1 * x2", blocks));
            out.add(Arguments.of("gamma", "log", "pos ~ x1 + g", blocks));
            out.add(Arguments.of("negbin:3", null, "count ~ x2 - 1", blocks));
        }
        return out;
    }

    /** A response constant over every block (though not within one) is refused before IRLS, as on one machine. */
    @Test
    void constantResponseIsRefusedWithTheSingleMachinesMessage() {
        double[] y = new double[30];
        java.util.Arrays.fill(y, 2.5);
        double[] x = IntStream.range(0, 30).mapToDouble(i -> i % 7).toArray();
        Frame frame = Frame.builder().numeric("y", y).numeric("x", x).build();
        GlmEstimator est = GlmEstimator.of(Family.byName("gaussian"));
        String one = assertThrows(MlemUserException.class, () -> est.fit(Design.build("y ~ x", frame, DesignSpec.DEFAULTS)))
                .getMessage();
        List<GlmBlock> parts = new ArrayList<>();
        for (int b = 0; b < 3; b++) {
            parts.add(GlmBlock.of(Design.build("y ~ x", slice(frame, b * 10, b * 10 + 10), DesignSpec.DEFAULTS),
                    "gaussian", est));
        }
        String split = assertThrows(MlemUserException.class, () -> PartitionedGlm.fit(est, "gaussian",
                Design.build("y ~ x", frame, DesignSpec.DEFAULTS), 30, pass -> {
                    BlockSums total = new BlockSums();
                    parts.forEach(p -> total.merge(p.pass(pass)));
                    return total;
                })).getMessage();
        assertEquals(one, split);
    }

    private static void assertClose(double expected, double actual, String what) {
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(actual), what + ": " + actual + " instead of NaN");
            return;
        }
        assertEquals(expected, actual, TOL * Math.max(1e-300, Math.abs(expected)), what);
    }

    /** Rows from one seed: covariates, a 3-level factor, counts, proportions, positive responses. */
    static Frame data(int n) {
        SplittableRandom r = new SplittableRandom(16);
        double[] x1 = new double[n];
        double[] x2 = new double[n];
        String[] g = new String[n];
        double[] y = new double[n];
        double[] count = new double[n];
        double[] prop = new double[n];
        double[] pos = new double[n];
        double[] w = new double[n];
        double[] off = new double[n];
        for (int i = 0; i < n; i++) {
            x1[i] = r.nextDouble(-1, 1);
            x2[i] = r.nextDouble(0.5, 2);
            g[i] = new String[] {"a", "b", "c"}[r.nextInt(3)];
            y[i] = 1 + 2 * x1[i] + (g[i].equals("b") ? 0.5 : 0) + r.nextDouble(-1, 1);
            count[i] = r.nextInt(1 + (int) (4 * x2[i]));
            w[i] = 1 + r.nextInt(4);
            prop[i] = r.nextInt((int) w[i] + 1) / w[i];
            pos[i] = Math.exp(0.3 * x1[i]) * (0.2 + r.nextDouble());
            off[i] = Math.log(x2[i]);
        }
        return Frame.builder().numeric("y", y).numeric("x1", x1).numeric("x2", x2).text("g", g)
                .numeric("count", count).numeric("prop", prop).numeric("pos", pos).numeric("w", w)
                .numeric("off", off).build();
    }

    private static Frame slice(Frame f, int from, int to) {
        Frame.Builder b = Frame.builder();
        for (String name : f.names()) {
            if (f.isNumeric(name)) {
                double[] v = f.numeric(name);
                b.numeric(name, IntStream.range(from, to).mapToDouble(i -> v[i]).toArray());
            } else {
                String[] v = f.text(name);
                b.text(name, IntStream.range(from, to).mapToObj(i -> v[i]).toArray(String[]::new));
            }
        }
        return b.build();
    }
}
