package org.mlem.gmm.da;

import java.util.List;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.GaussianMixture;
import org.mlem.kernel.Kernels;
import org.mlem.model.LatentClasses;

/**
 * A fitted Gaussian discriminant model (mclust's {@code MclustDA}): class c has prior π_c and
 * density f_c, a Gaussian mixture; P(c | x) ∝ π_c f_c(x). EDDA gives every class one Gaussian
 * whose covariances obey one mclust model across the classes; MclustDA gives each class its own
 * mixture (its own G and model). Immutable.
 *
 * @param type EDDA or MclustDA
 * @param classes the class names, in the order of {@code priors} and {@code densities}
 * @param priors π_c, the training rows' class proportions (mclust's {@code prop})
 * @param densities f_c per class; EDDA: one component each
 * @param edda EDDA's covariance model across the classes (its parameter count is joint), null for MclustDA
 */
public record GaussianDiscriminant(DaType type, List<String> classes, double[] priors, List<GaussianMixture> densities,
        CovarianceStructure edda) implements java.io.Serializable {

    public GaussianDiscriminant {
        classes = List.copyOf(classes);
        densities = List.copyOf(densities);
        priors = priors.clone();
        if (classes.size() != priors.length || classes.size() != densities.size()) {
            throw new IllegalArgumentException(classes.size() + " classes, " + priors.length + " priors, "
                    + densities.size() + " densities");
        }
        if ((type == DaType.EDDA) != (edda != null)) {
            throw new IllegalArgumentException("an EDDA model names its covariance model; MclustDA does not");
        }
    }

    /** π_c (a copy). */
    @Override
    public double[] priors() {
        return priors.clone();
    }

    /** The number of classes C. */
    public int classCount() {
        return classes.size();
    }

    /** The dimension d. */
    public int dimension() {
        return densities.get(0).dimension();
    }

    /**
     * Free parameters as mclust counts them (its {@code logLik.MclustDA} df), the priors not
     * included: EDDA {@code C·d + nVarParams(model, d, C)}; MclustDA Σ_c {@code (G_c − 1) + G_c·d +
     * nVarParams(model_c, d, G_c)}.
     */
    public int nParameters() {
        int d = dimension();
        if (type == DaType.EDDA) {
            return classCount() * d + edda.covarianceParameters(classCount(), d);
        }
        int p = 0;
        for (GaussianMixture m : densities) {
            p += m.nParameters();
        }
        return p;
    }

    /** {@code out[i][c] = log π_c + log f_c(x_i)}. */
    public double[][] logJoint(DataMatrix x) {
        requireDimension(x);
        double[][] out = new double[x.rows()][classCount()];
        for (int c = 0; c < classCount(); c++) {
            double[] f = densities.get(c).scoreSamples(x);
            double lp = Math.log(priors[c]);
            for (int i = 0; i < f.length; i++) {
                out[i][c] = lp + f[i];
            }
        }
        return out;
    }

    /** log Σ_c π_c f_c(x_i) per row: the density of the rows with their class unknown. */
    public double[] scoreSamples(DataMatrix x) {
        double[][] joint = logJoint(x);
        double[] out = new double[joint.length];
        for (int i = 0; i < joint.length; i++) {
            out[i] = normalise(joint[i]);
        }
        return out;
    }

    /**
     * Σ_i log Σ_c π_c f_c(x_i), the log-likelihood mclust reports for a discriminant model
     * ({@code logLik.MclustDA}): the rows' density with their class unknown, not the
     * complete-data log-likelihood the fit maximised.
     */
    public double logLikelihood(DataMatrix x) {
        double s = 0;
        for (double v : scoreSamples(x)) {
            s += v;
        }
        return s;
    }

    /** P(c | x_i), one row of C per data row (mclust's {@code predict.MclustDA} z). */
    public double[][] predictProba(DataMatrix x) {
        double[][] p = logJoint(x);
        for (double[] row : p) {
            normalise(row);
        }
        return p;
    }

    /** The most probable class of each row (ties to the first). */
    public int[] predict(DataMatrix x) {
        return LatentClasses.argmax(predictProba(x));
    }

    /**
     * This model with priors {@code p} normalised, as {@code predict(..., prop = p)} in mclust;
     * priors that sum to 1 within rounding are kept bit for bit.
     */
    public GaussianDiscriminant withPriors(double[] p) {
        double sum = 0;
        for (double v : p) {
            sum += v;
        }
        double[] q = p.clone();
        for (int c = 0; c < p.length && Math.abs(sum - 1) > p.length * Math.ulp(1.0); c++) {
            q[c] = p[c] / sum;
        }
        return new GaussianDiscriminant(type, classes, q, densities, edda);
    }

    private void requireDimension(DataMatrix x) {
        if (x.cols() != dimension()) {
            throw new MlemUserException("the data has " + x.cols() + " columns but the discriminant model has dimension "
                    + dimension() + "; choose the model's columns (--columns)");
        }
    }

    /** Turns log joint densities into probabilities in place; returns their log-sum-exp. */
    private static double normalise(double[] row) {
        return Kernels.normalizeRows(row, 1, row.length, null, null, 0);
    }

    /** One line: the type, d, each class with its prior and its density's k and covariance model. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("GaussianDiscriminant[" + type + ", d=" + dimension()
                + (edda != null ? ", covariance=" + edda : "") + ", classes=");
        for (int c = 0; c < classes.size(); c++) {
            GaussianMixture f = densities.get(c);
            sb.append(c == 0 ? "" : "; ").append(classes.get(c)).append(" (prior ").append(priors[c]).append(", k=")
                    .append(f.components()).append(' ').append(f.structure()).append(')');
        }
        return sb.append(']').toString();
    }
}
