package org.mlem.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.mlem.MlemUserException;
import org.mlem.concomitant.ConcomitantDesign;
import org.mlem.concomitant.Gating;
import org.mlem.data.DataMatrix;
import org.mlem.formula.Design;
import org.mlem.formula.DesignSpec;
import org.mlem.formula.Frame;
import org.mlem.io.GatingJson;

/**
 * A mixture whose weights depend on concomitant variables ({@code fit gmm|mixture|regmix
 * --concomitant "~ z1 + z2"}, flexmix's {@code FLXPmultinom}): the file's {@code model} names the
 * mixture, its {@code concomitant} object the gating. A row's prior probabilities are
 * {@code π_j(z) = exp(zᵀγ_j) / Σ_l exp(zᵀγ_l)}, z the row's design of the concomitant formula
 * (coded with the fit's factor levels and bases), so {@code score} gives
 * {@code log Σ_j π_j(z) f_j(x)}, {@code predict} the posteriors {@code π_j(z) f_j(x) / Σ}, and
 * {@code sample} one row per covariate row: its component from π(z), then its values (a regression
 * mixture's response given its covariates). The rows read are the mixture's columns and the
 * formula's, complete in the formula's; a Gaussian mixture's missing coordinates are marginalised
 * by its components, as its plain file does (a family mixture's and a regression mixture's rows are
 * complete).
 *
 * @param mixture the components (their own weights, the mean priors of the fit, are not used)
 * @param gating the multinomial logit of the weights
 */
public record FittedConcomitant(GatedComponents mixture, Gating gating)
        implements RowScores, LatentClasses, ConditionalSampler {
    public static final ModelKind<FittedConcomitant> KIND = new ModelKind<>("concomitant",
            "mixture with concomitant variables", FittedConcomitant.class, new ModelCodec<>() {
                @Override
                public FittedConcomitant read(JsonNode root, String source) {
                    return FittedConcomitant.read(root, source);
                }

                @Override
                public ObjectNode write(FittedConcomitant m) {
                    ObjectNode node = ModelKinds.byName(m.mixture.kind(), "").write(m.mixture);
                    GatingJson.write(node, m.gating);
                    return node;
                }
            });

    public FittedConcomitant {
        if (gating.components() != mixture.classes()) {
            throw new IllegalArgumentException(gating.components() + " gating rows for " + mixture.classes() + " components");
        }
    }

    private static FittedConcomitant read(JsonNode root, String source) {
        String name = root.path("model").asText("");
        if (name.equals(KIND.name())) {
            throw new MlemUserException("field 'model' names the mixture of a concomitant model file (gmm, mixture or "
                    + "regmix), beside its 'concomitant' object; 'concomitant' is not a model", source, -1, -1);
        }
        ModelKind<?> kind = ModelKinds.byName(name, source);
        FittedModel inner = kind.read(((ObjectNode) root.deepCopy()).without("concomitant"), source);
        if (!(inner instanceof GatedComponents g) || (inner instanceof FittedGmm gmm && gmm.noise() != null)) {
            throw new MlemUserException("a " + kind.what() + " ('" + name + "') file cannot have concomitant weights; "
                    + "gmm (without a noise component), mixture and regmix files can", source, -1, -1);
        }
        return new FittedConcomitant(g, GatingJson.read(root, source, g.classes()));
    }

    @Override
    public String kind() {
        return KIND.name();
    }

    /** The components' free parameters and the gating's (k − 1) q, as the fit counted them. */
    @Override
    public int nParameters() {
        return mixture.nParameters() - (mixture.classes() - 1) + gating.freeParameters();
    }

    /**
     * The mixture's columns and the concomitant formula's; {@code sample} reads only the latter
     * (and a regression mixture's covariates).
     */
    @Override
    public RowInput.Table input() {
        List<String> z = ConcomitantDesign.columns(gating.formula());
        List<String> columns;
        List<String> response;
        List<String> holes = new ArrayList<>();
        if (mixture.input() instanceof RowInput.Table t) {
            columns = t.columns();
            response = t.response();
        } else {
            RowInput.Columns c = (RowInput.Columns) mixture.input();
            columns = c.names();
            response = columns;
            if (c.missingCells() && mixture instanceof FittedGmm) { // its components marginalise a missing coordinate
                holes.addAll(columns);
                holes.removeAll(z);
            }
        }
        Set<String> all = new LinkedHashSet<>(columns);
        all.addAll(z);
        List<String> out = new ArrayList<>(response);
        out.removeAll(z);
        return new RowInput.Table(new ArrayList<>(all), out, z, holes);
    }

    /** The design of the gating's formula over {@code rows}, n × q row-major. */
    public double[] design(Frame rows) {
        Frame f = Rows.withResponse(rows, List.of(ConcomitantDesign.responseColumn()));
        Design d = Rows.design(ConcomitantDesign.twoSided(gating.formula()), f,
                DesignSpec.DEFAULTS.withBases(gating.bases()), gating.levels(), gating.terms());
        return ConcomitantDesign.rowMajor(d);
    }

    /** {@code log π_j(z_i)} of every row, n × k row-major. */
    public double[] logPriors(Frame rows) {
        double[] out = new double[rows.rows() * gating.components()];
        gating.logPriors(design(rows), 0, rows.rows(), out);
        return out;
    }

    /** {@code log π_j(z_i) + log f_j(x_i)}, n × k row-major. */
    private double[] logJoint(Frame rows) {
        if (mixture.input() instanceof RowInput.Columns c && c.support() != null) {
            RowInput.Violation v = c.support().first(Rows.matrix(rows, c.names()));
            if (v != null) {
                throw new MlemUserException("data row " + (v.row() + 1) + ": column '" + c.names().get(v.column()) + "' "
                        + v.message());
            }
        }
        double[] joint = mixture.componentLogDensities(rows);
        double[] lp = logPriors(rows);
        for (int i = 0; i < joint.length; i++) {
            joint[i] += lp[i];
        }
        return joint;
    }

    /** {@code log Σ_j π_j(z_i) f_j(x_i)} of every row. */
    @Override
    public double[] logDensities(Frame rows) {
        return Rows.rowTotals(logJoint(rows), gating.components());
    }

    @Override
    public int classes() {
        return mixture.classes();
    }

    @Override
    public List<String> classNames() {
        return mixture.classNames();
    }

    /** P(j | x_i, z_i) = π_j(z_i) f_j(x_i) / Σ_l π_l(z_i) f_l(x_i). */
    @Override
    public double[][] posteriors(Frame rows) {
        return Rows.posteriorRows(logJoint(rows), gating.components());
    }

    /** One row drawn per row of {@code covariates}: the component from π(z), then its values; labels the components. */
    @Override
    public DataMatrix sample(Frame covariates, long seed) {
        double[] z = design(covariates);
        return mixture.sample(covariates, gating.priors(z, covariates.rows()), seed);
    }

    /**
     * A regression mixture's predicted response given each row's covariates and concomitant
     * variables: {@code fit} = Σ_j π_j(z_i) μ_j(x_i), then each component's mean {@code fit0..}
     * (as {@link FittedRegmix#predict} with the row's own priors in place of the weights).
     *
     * @throws MlemUserException when the components are not a regression mixture's
     */
    public ResponsePredictor.Prediction predictResponse(Frame rows) {
        if (!(mixture instanceof FittedRegmix regmix)) {
            throw new MlemUserException("--response applies to a regression mixture; this concomitant file's "
                    + "components are a " + mixture.kind() + " mixture, which predicts posteriors without it");
        }
        return regmix.predict(rows, gating.priors(design(rows), rows.rows()));
    }

    /** The gating's formula and coefficients, then the components' summary. */
    @Override
    public String summary() {
        ParameterTable t = new ParameterTable("concomitant " + gating.formula() + ": log(pi_j / pi_0) = z'gamma_j, "
                + "components of a " + mixture.kind() + " file below", gating.terms());
        double[][] g = gating.coefficients();
        for (int j = 0; j < g.length; j++) {
            t.row("component " + j, g[j]);
        }
        return t.render() + mixture.summary();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "FittedConcomitant[%s, k=%d, %s]", mixture.kind(), classes(), gating.formula());
    }
}
