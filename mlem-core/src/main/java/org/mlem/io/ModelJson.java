package org.mlem.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.mlem.MlemUserException;
import org.mlem.em.MixtureFit;
import org.mlem.em.TraceFalls;
import org.mlem.em.Optima;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.Covariances;
import org.mlem.gmm.GaussianMixture;
import org.mlem.gmm.NoiseMixture;
import org.mlem.gmm.NoiseRegion;

/**
 * Fitted models as JSON, in the field names of the command-line contract: the common fields of
 * every fit ({@link #fitNode}) and a Gaussian mixture's parameters ({@link #gmmNode}), with
 * covariances in scikit-learn's shapes. {@link #readGmm} reads back a file written by
 * {@code --out} or a hand-written one holding only the parameters.
 */
public final class ModelJson {
    private ModelJson() {}

    /**
     * The pretty-printing, order-preserving mapper, built on first use: a command that prints only
     * a summary never builds it (Jackson's databind costs about 0.2 CPU s at start-up).
     */
    public static ObjectMapper mapper() {
        return Mapper.INSTANCE;
    }

    /** Holds the mapper, so that the JVM builds it when {@link #mapper()} is first called. */
    private static final class Mapper {
        static final ObjectMapper INSTANCE = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    /**
     * The fields every iterative fit reports: {@code model}, {@code n}, {@code logLikelihood},
     * {@code nParameters}, {@code aic}, {@code bic}, {@code converged}, {@code iterations},
     * {@code logLikelihoodFalls} ({@link #falls}), {@code columns}, {@code seconds} {read, init, fit},
     * and with several starts {@code distinctOptima} (the distinct optima the starts that did not
     * fail reached, {@link Optima}), {@code bestReachedBy} (how many starts reached the best) and
     * {@code failedStarts}.
     */
    public static ObjectNode fitNode(String model, MixtureFit<?> fit, List<String> columns, double readSeconds) {
        ObjectNode node = mapper().createObjectNode();
        node.put("model", model);
        node.put("n", fit.rows());
        node.put("logLikelihood", fit.logLikelihood());
        node.put("nParameters", fit.nParameters());
        node.put("aic", fit.aic());
        node.put("bic", fit.bic());
        node.put("converged", fit.converged());
        node.put("iterations", fit.iterations());
        node.set("logLikelihoodFalls", falls(fit.trace(), fit.totalWeight()));
        ArrayNode cols = node.putArray("columns");
        columns.forEach(cols::add);
        ObjectNode seconds = node.putObject("seconds");
        seconds.put("read", readSeconds);
        seconds.put("init", fit.initSeconds());
        seconds.put("fit", fit.fitSeconds());
        if (fit.startLogLikelihoods().length > 1) {
            Optima o = fit.optima();
            node.put("distinctOptima", o.distinct());
            node.put("bestReachedBy", o.atBest());
            node.put("failedStarts", o.failed());
        }
        return node;
    }

    /**
     * The trace's falls beyond rounding ({@link TraceFalls}) as [{iteration, amount}]: iteration t
     * fell from the log-likelihood after t − 1 iterations by {@code amount}. Empty when EM rose
     * throughout, as it should.
     */
    public static ArrayNode falls(double[] trace, double totalWeight) {
        ArrayNode list = mapper().createArrayNode();
        for (TraceFalls.Fall f : TraceFalls.of(trace, totalWeight)) {
            ObjectNode o = list.addObject();
            o.put("iteration", f.iteration());
            o.put("amount", f.amount());
        }
        return list;
    }

    /**
     * A mixture's parameters: {@code model} ("gmm"), {@code k}, {@code covariance},
     * {@code weights} [k], {@code means} [k][d], {@code covariances} in scikit-learn's shape
     * (full [k][d][d], tied [d][d], diag [k][d], spherical [k]); {@code equalProportions}: true
     * only when the weights are 1/k by constraint (absent otherwise).
     */
    public static ObjectNode gmmNode(GaussianMixture m) {
        ObjectNode node = mapper().createObjectNode();
        node.put("model", "gmm");
        node.put("k", m.components());
        node.put("covariance", m.structure().id());
        node.set("weights", mapper().valueToTree(m.weights()));
        if (m.equalProportions()) {
            node.put("equalProportions", true);
        }
        node.set("means", mapper().valueToTree(m.means()));
        node.set("covariances", mapper().valueToTree(m.covariances().toShape()));
        return node;
    }

    /**
     * A mixture with a noise component: {@link #gmmNode(GaussianMixture)}'s fields with
     * {@code weights} [k] the Gaussian components' proportions of the whole mixture (mclust's
     * {@code pro} without its last entry; they sum to 1 − {@code noise.weight}), and {@code noise}:
     * {@code weight} (π₀), {@code hypervolume} (V; the noise density is 1/V, mclust's {@code Vinv}),
     * {@code region} ({@code columns} or {@code principal-axes}: which box mclust's {@code hypvol}
     * took), {@code centre} [d], {@code axes} [d][d] (row a: axis a's direction), {@code lower} [d],
     * {@code upper} [d] (the box along the axes, about the centre; noise rows are drawn from it).
     */
    public static ObjectNode gmmNode(NoiseMixture m) {
        ObjectNode node = gmmNode(m.gaussians());
        double[] pro = m.proportions();
        node.set("weights", mapper().valueToTree(java.util.Arrays.copyOf(pro, m.components())));
        ObjectNode noise = node.putObject("noise");
        NoiseRegion r = m.region();
        int d = r.dimension();
        noise.put("weight", m.noiseWeight());
        noise.put("hypervolume", r.hypervolume());
        noise.put("region", r.principal() ? "principal-axes" : "columns");
        noise.set("centre", mapper().valueToTree(r.centre()));
        double[][] axes = new double[d][];
        for (int a = 0; a < d; a++) {
            axes[a] = java.util.Arrays.copyOfRange(r.axes(), a * d, (a + 1) * d);
        }
        noise.set("axes", mapper().valueToTree(axes));
        noise.set("lower", mapper().valueToTree(r.lower()));
        noise.set("upper", mapper().valueToTree(r.upper()));
        return node;
    }

    /**
     * Writes {@code node} as a model file ({@link ModelFormat#fileOf}: the format version first,
     * no timings), pretty-printed, ending in a newline, all or nothing ({@link AtomicFile}).
     */
    public static void write(ObjectNode node, Path file) {
        AtomicFile.writeString(file, "the model", toJson(ModelFormat.fileOf(node)));
    }

    /** {@code node} as pretty-printed JSON ending in a newline. */
    public static String toJson(JsonNode node) {
        try {
            return mapper().writeValueAsString(node) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses a model file; invalid JSON is a user error at the line and column Jackson reports, and
     * so is a format version newer than this mlem reads ({@link ModelFormat#check}).
     */
    public static JsonNode readTree(Path file) {
        String source = file.toString();
        try {
            JsonNode root = mapper().readTree(file.toFile());
            if (root == null || !root.isObject()) {
                throw new MlemUserException("a model file must hold one JSON object {...}", source, -1, -1);
            }
            ModelFormat.check(root, source);
            return root;
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new MlemUserException("not valid JSON: " + e.getOriginalMessage(), source,
                    loc == null ? -1 : loc.getLineNr(), loc == null ? -1 : loc.getColumnNr());
        } catch (IOException e) {
            if (!Files.exists(file)) {
                throw new MlemUserException("no such model file; check the path (write one with mlem fit gmm --out FILE.json)",
                        source, -1, -1);
            }
            throw new MlemUserException("cannot read the model file: " + e.getMessage(), source, -1, -1);
        }
    }

    /** Reads a Gaussian mixture model file. */
    public static GmmFile readGmm(Path file) {
        return gmmFrom(readTree(file), file.toString());
    }

    /**
     * A Gaussian mixture from a parsed model file. Required: {@code model} = "gmm", {@code k},
     * {@code covariance}, {@code weights}, {@code means}, {@code covariances}; optional:
     * {@code columns} (d names), {@code classes} (k names), {@code equalProportions} (a boolean;
     * true needs every weight 1/k).
     */
    public static GmmFile gmmFrom(JsonNode root, String source) {
        JsonFields f = new JsonFields(root, source);
        String model = f.text("model");
        if (!model.equals("gmm")) {
            throw f.error("model", "is '" + model + "' but a Gaussian mixture model file (\"gmm\") is needed here");
        }
        int k = f.positiveInt("k");
        CovarianceStructure structure;
        try {
            structure = CovarianceStructure.parse(f.text("covariance"));
        } catch (MlemUserException e) {
            throw f.error("covariance", e.getMessage());
        }
        double[] weights = (double[]) f.numbers("weights", k);
        double[][] means = f.rows("means", k);
        int d = means[0].length;
        Object shape = f.numbers("covariances", structure.shape(k, d));
        List<String> columns = f.has("columns") ? f.strings("columns", d) : null;
        List<String> classes = f.has("classes") ? f.strings("classes", k) : null;
        GaussianMixture mixture;
        JsonFields noise = f.has("noise") ? f.object("noise") : null;
        double noiseWeight = noise == null ? 0 : noise.number("weight");
        if (noise != null && !(noiseWeight >= 0 && noiseWeight < 1)) {
            throw noise.error("weight", "is " + noiseWeight + "; the noise proportion must be in [0, 1)");
        }
        try {
            Covariances cov = structure.fromShape(shape, k, d);
            if (noise != null) {
                for (int j = 0; j < k; j++) {
                    weights[j] /= 1 - noiseWeight; // the weights among the Gaussian components
                }
            }
            mixture = GaussianMixture.of(weights, means, cov);
        } catch (MlemUserException e) {
            throw new MlemUserException(e.getMessage(), source, -1, -1);
        } catch (RuntimeException e) {
            // the covariance constructors reject asymmetric or not positive definite matrices
            throw f.error("covariances", "is not valid: " + e.getMessage() + "; covariances must be symmetric positive definite");
        }
        if (root.has("equalProportions")) {
            if (!root.get("equalProportions").isBoolean()) {
                throw f.error("equalProportions", "must be true or false");
            }
            if (root.get("equalProportions").asBoolean()) {
                try {
                    mixture = mixture.withEqualProportions();
                } catch (MlemUserException e) {
                    throw f.error("weights", e.getMessage());
                }
            }
        }
        return new GmmFile(mixture, columns, classes, noise == null ? null : noiseFrom(noise, mixture, noiseWeight, d));
    }

    private static NoiseMixture noiseFrom(JsonFields f, GaussianMixture mixture, double weight, int d) {
        double[][] axes = (double[][]) f.numbers("axes", d, d);
        double[] flat = new double[d * d];
        for (int a = 0; a < d; a++) {
            System.arraycopy(axes[a], 0, flat, a * d, d);
        }
        String region = f.text("region");
        if (!region.equals("columns") && !region.equals("principal-axes")) {
            throw f.error("region", "is '" + region + "'; use columns or principal-axes");
        }
        try {
            return new NoiseMixture(mixture, weight, new NoiseRegion((double[]) f.numbers("centre", d), flat,
                    (double[]) f.numbers("lower", d), (double[]) f.numbers("upper", d), region.equals("principal-axes")));
        } catch (MlemUserException e) {
            throw new MlemUserException(e.getMessage(), f.source(), -1, -1);
        }
    }
}
