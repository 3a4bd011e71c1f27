package org.mlem.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.DoubleConsumer;
import org.mlem.data.BlockSource;
import org.mlem.data.npy.FloatRows;
import org.mlem.data.npy.NpyBlockSource;
import org.mlem.em.Acceleration;
import org.mlem.em.BlockReducer;
import org.mlem.em.EmDriver;
import org.mlem.em.EmOptions;
import org.mlem.em.EmRun;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.GaussianMixture;
import org.mlem.gmm.GmmModel;
import org.mlem.gmm.Precision;
import org.mlem.kernel.Kernels;

/**
 * mlem's side of bench/compare.sh: a fixed number of EM iterations (tolerance off) of a Gaussian
 * mixture from given initial parameters, timed like the scikit-learn side (the iterations plus
 * the final E-step that scores the result), then the same fit three more times in the same JVM
 * ("warm": its kernels compiled; the median), which must give the same bits. Prints one JSON line.
 *
 * <p>Usage: {@code Compare data.npy init.json iterations threads [memory|stream|float|floatdata]}
 * (float: the data held in single precision, {@link FloatRows}, and the full and tied E-step's
 * squared distances in float, {@link Precision#FLOAT}; floatdata: float storage only, double
 * arithmetic). The init file
 * holds {@code weights}, {@code means} and {@code covariances} in scikit-learn's shapes and
 * {@code covariance_type}.
 */
public final class Compare {
    private Compare() {}

    /** Fits repeated after the timed one, for the warm figure. */
    private static final int WARM_FITS = 3;

    public static void main(String[] args) throws IOException {
        Path data = Path.of(args[0]);
        JsonNode init = new ObjectMapper().readTree(Path.of(args[1]).toFile());
        int iterations = Integer.parseInt(args[2]);
        int threads = Integer.parseInt(args[3]);
        String mode = args.length > 4 ? args[4] : "memory";
        boolean stream = mode.equals("stream");
        ObjectMapper json = new ObjectMapper();
        CovarianceStructure structure = CovarianceStructure.parse(init.get("covariance_type").asText());
        double[] weights = json.convertValue(init.get("weights"), double[].class);
        double[][] means = json.convertValue(init.get("means"), double[][].class);
        Object shape = json.convertValue(init.get("covariances"), structure.shapeType());
        GaussianMixture start = GaussianMixture.of(weights, means,
                structure.fromShape(shape, weights.length, means[0].length));
        boolean floatData = mode.equals("float") || mode.equals("floatdata");
        GmmModel model = new GmmModel(structure, init.path("reg_covar").asDouble(1e-6),
                mode.equals("float") ? Precision.FLOAT : Precision.DOUBLE);
        // Plain EM, as scikit-learn runs it: the same iterates, so the final log-likelihoods can be compared.
        EmOptions options = EmOptions.DEFAULTS.withAcceleration(Acceleration.NONE).withMaxIterations(iterations)
                .withTolerance(0).withThreads(threads);
        try (NpyBlockSource file = NpyBlockSource.open(data); BlockReducer reducer = new BlockReducer(threads)) {
            long t0 = System.nanoTime();
            BlockSource source = stream ? file : floatData ? FloatRows.of(file) : ArraySource.load(file);
            double loadSeconds = (System.nanoTime() - t0) * 1e-9;
            long[] last = {System.nanoTime()};
            DoubleConsumer trace = System.getenv("MLEM_BENCH_TRACE") == null ? null : ll -> {
                long now = System.nanoTime();
                System.err.printf(Locale.ROOT, "iteration: %.4f s%n", (now - last[0]) * 1e-9);
                last[0] = now;
            };
            EmRun<GaussianMixture> run = EmDriver.run(model, source, start, options, reducer, trace);
            double mean = run.logLikelihood() / source.totalWeight();
            // The same fit three more times in this JVM, its kernels compiled: what a long-lived process
            // sees. Each must give the same bits; the median is reported.
            double[] warm = new double[WARM_FITS];
            for (int r = 0; r < WARM_FITS; r++) {
                EmRun<GaussianMixture> again = EmDriver.run(model, source, start, options, reducer, null);
                if (again.logLikelihood() != run.logLikelihood()) {
                    throw new IllegalStateException("a repeated fit gave other bits: " + again.logLikelihood() + " vs "
                            + run.logLikelihood());
                }
                warm[r] = again.seconds() / again.iterations();
            }
            java.util.Arrays.sort(warm);
            System.out.printf(Locale.ROOT,
                    "{\"impl\":\"mlem\",\"threads\":%d,\"mode\":\"%s\",\"iterations\":%d,\"seconds\":%.6f,"
                            + "\"s_per_iter\":%.6f,\"warm_s_per_iter\":%.6f,\"load_seconds\":%.4f,"
                            + "\"final_mean_ll\":%.17g,\"kernels\":\"%s\"}%n",
                    threads, mode, run.iterations(), run.seconds(), run.seconds() / run.iterations(),
                    warm[WARM_FITS / 2], loadSeconds, mean, Kernels.name());
        }
    }
}
