package org.mlem.glm;

import java.io.Serializable;
import java.util.Arrays;
import org.mlem.formula.Design;

/**
 * One block of a GLM's rows (a cluster partition's): its model matrix, response, prior weights and
 * offset, with the passes over them that {@link PartitionedGlm}'s IRLS asks for. Every block of
 * one fit must be built with the same factor levels (kept even where the block lacks a level), so
 * that their columns agree. Serializable; the family is looked up by name where the block runs.
 */
public final class GlmBlock implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String familyName;
    private final Link link;
    private final double[] x; // column-major n x p
    private final int n;
    private final int p;
    private final double[] y;
    private final double[] wt;
    private final double[] offset;
    private transient Family family;

    private GlmBlock(String familyName, Link link, Design design) {
        this(familyName, link, design.matrixColumnMajor(), design.rows(), design.columns(), design.response(),
                design.weights(), design.offset());
    }

    private GlmBlock(String familyName, Link link, double[] x, int n, int p, double[] y, double[] wt, double[] offset) {
        this.familyName = familyName;
        this.link = link;
        this.x = x;
        this.n = n;
        this.p = p;
        this.y = y;
        this.wt = wt;
        this.offset = offset;
    }

    /**
     * A block over arrays already checked for the family (shared, not copied): the model matrix
     * {@code x} column-major n × p, the response, prior weights and offset. A mixture of regressions
     * builds one per component and step, its prior weights the rows' responsibilities.
     */
    public static GlmBlock ofColumns(String familyName, Link link, double[] x, int n, int p, double[] y, double[] wt,
            double[] offset) {
        return new GlmBlock(familyName, link, x, n, p, y, wt, offset);
    }

    /**
     * The block of {@code design}'s rows for {@code estimator}, whose family is {@code familyName}
     * ({@link GlmEstimator#family()}'s name as given, e.g. {@code negbin:2}).
     *
     * @throws org.mlem.MlemUserException naming the design's first data row whose prior weight or
     *     response the family cannot take, or a response kind the family does not take
     */
    public static GlmBlock of(Design design, String familyName, GlmEstimator estimator) {
        Family family = Family.byName(familyName);
        InputChecks.responseKind(design, family);
        InputChecks.rows(design.sourceRows(), design.formula().response().label(), family, design.response(),
                design.weights());
        GlmBlock b = new GlmBlock(familyName, estimator.link(), design);
        b.family = family;
        return b;
    }

    /** Rows in the block. */
    public int rows() {
        return n;
    }

    private Family family() {
        if (family == null) {
            family = Family.byName(familyName);
        }
        return family;
    }

    /** Runs {@code pass} over the block's rows, in row order. */
    public BlockSums pass(PartitionedGlm.Pass pass) {
        Family f = family();
        BlockSums s = new BlockSums();
        double[] eta = new double[n];
        double[] mu = new double[n];
        evaluate(pass.eta(), pass.beta(), eta, mu);
        for (int i = 0; i < n; i++) {
            s.valid &= link.validEta(eta[i]) && f.validMu(mu[i]);
            s.deviance += f.deviance(y[i], mu[i], wt[i]);
            s.totalWeight += wt[i];
            s.weightedResponse += wt[i] * y[i];
            if (wt[i] > 0) {
                s.positive++;
                s.logWeight += Math.log(wt[i]);
                s.logResponse += wt[i] * Math.log(y[i]);
                if (Double.isNaN(s.first)) {
                    s.first = y[i];
                }
                s.constant &= y[i] == s.first;
            }
            double m = wt[i] * y[i];
            s.nonIntegerSuccesses |= Math.abs(m - Math.rint(m)) > 1e-3;
        }
        if (pass.crossProducts()) {
            crossProducts(f, pass.ones(), pass.held(), eta, mu, s);
        }
        if (pass.weightsEta() != null) {
            summary(f, pass, eta, mu, s);
        }
        return s;
    }

    /** Sets eta and mu as {@code kind} says, with coefficients {@code b}. */
    private void evaluate(PartitionedGlm.Eta kind, double[] b, double[] eta, double[] mu) {
        Family f = family();
        for (int i = 0; i < n; i++) {
            switch (kind) {
                case START -> eta[i] = link.link(f.initialMu(y[i], wt[i]));
                case INTERCEPT -> eta[i] = offset[i] + b[0];
                case CONSTANT_MEAN -> eta[i] = link.link(b[0]);
                case LINEAR, MEANS_OF_LINEAR -> eta[i] = offset[i];
            }
        }
        if (kind == PartitionedGlm.Eta.LINEAR || kind == PartitionedGlm.Eta.MEANS_OF_LINEAR) {
            for (int j = 0; j < p; j++) {
                double bj = b[j];
                int o = j * n;
                for (int i = 0; i < n; i++) {
                    eta[i] += x[o + i] * bj;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (kind == PartitionedGlm.Eta.MEANS_OF_LINEAR) {
                eta[i] = link.link(link.inverse(eta[i]));
            }
            mu[i] = kind == PartitionedGlm.Eta.CONSTANT_MEAN ? b[0] : link.inverse(eta[i]);
        }
    }

    /**
     * The upper triangle of [X z]ᵀ W [X z] at eta, mu (X a column of ones when {@code ones}, X
     * without the {@code held} columns, which join the offset, when that is not null), as IRLS's step.
     */
    private void crossProducts(Family f, boolean ones, PartitionedGlm.Held held, double[] eta, double[] mu,
            BlockSums s) {
        double[] w = new double[n];
        double[] w2 = new double[n];
        double[] z = new double[n];
        double[] off = offset;
        double[] design = x;
        int cols = p;
        if (held != null) {
            off = offset.clone();
            int[] hc = held.columns();
            cols = p - hc.length;
            design = new double[n * cols];
            for (int j = 0, h = 0, k = 0; j < p; j++) {
                if (h < hc.length && hc[h] == j) {
                    double v = held.values()[h++];
                    for (int i = 0; i < n; i++) {
                        off[i] += x[j * n + i] * v;
                    }
                } else {
                    System.arraycopy(x, j * n, design, k++ * n, n);
                }
            }
        }
        s.good = Irls.workingValues(y, wt, off, f, link, eta, mu, w, w2, z);
        if (ones) {
            design = new double[n];
            Arrays.fill(design, 1);
            cols = 1;
        }
        s.crossProducts = NormalEquations.crossProducts(design, n, cols, w2, z);
    }

    /**
     * This block's part of a sandwich's meat ({@link Sandwich#addMeat}) at the coefficients
     * {@code beta} of every column: k×k row-major over the columns {@code active}, {@code c} the
     * fit's (XᵀWX)⁻¹ over them, {@code rows} the fit's rows.
     */
    public double[] sandwichMeat(double[] beta, int[] active, double[] c, Sandwich.Type type, long rows) {
        double[] eta = new double[n];
        double[] mu = new double[n];
        evaluate(PartitionedGlm.Eta.LINEAR, beta, eta, mu);
        double[] meat = new double[active.length * active.length];
        Sandwich.addMeat(x, n, active, y, wt, mu, eta, family(), link, c, type, rows, meat);
        return meat;
    }

    /** The Pearson sum (working weights at {@code pass.weightsEta}, residuals at eta), the aic's part, boundary flags. */
    private void summary(Family f, PartitionedGlm.Pass pass, double[] eta, double[] mu, BlockSums s) {
        double[] etaW = new double[n];
        double[] muW = new double[n];
        evaluate(pass.weightsEta(), pass.weightsBeta(), etaW, muW);
        double[] w = new double[n];
        double[] w2 = new double[n];
        Irls.workingValues(y, wt, offset, f, link, etaW, muW, w, w2, new double[n]);
        for (int i = 0; i < n; i++) {
            s.nOk += wt[i] != 0 ? 1 : 0;
            double ww = w[i] * w[i];
            if (ww > 0) {
                double r = (y[i] - mu[i]) / link.derivative(eta[i]);
                s.pearson += ww * r * r;
            }
        }
        s.probabilitiesAtBoundary = f.base() instanceof Family.Binomial && Irls.probabilitiesAtBoundary(mu);
        s.ratesAtZero = f.base() instanceof Family.Counts && Irls.ratesAtZero(mu);
        if (f instanceof Family.GammaFamily) {
            double total = 0;
            for (double v : wt) {
                total += v;
            }
            // Gamma's aic at the whole fit's dispersion: its rows' part, less the +2 added once by the driver
            s.aic = total > 0 ? f.aic(y, mu, wt, pass.dispersion() * total) - 2 : 0;
        } else if (!(f instanceof Family.Gaussian || f instanceof Family.InverseGaussian)) {
            s.aic = f.aic(y, mu, wt, s.deviance);
        }
    }
}
