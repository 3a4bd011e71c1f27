package org.mlem.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.mlem.data.BlockSource;
import org.mlem.data.npy.NpyBlockSource;
import org.mlem.em.Acceleration;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.GaussianMixture;
import org.mlem.gmm.GaussianMixtureEstimator;
import org.mlem.gmm.GmmInit;
import org.mlem.online.OnlineGaussianMixtureEstimator;

/**
 * Online (stepwise) EM against batch EM run to convergence, from the same start as bench/compare.sh
 * uses. Prints one JSON line per fit: passes over the data, seconds, final mean log-likelihood and
 * its relative gap to batch EM's.
 *
 * <p>Usage: {@code OnlineCompare data.npy init.json threads tol maxIter batchBlocks alpha passes...}.
 */
public final class OnlineCompare {
    private OnlineCompare() {}

    public static void main(String[] args) throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode init = json.readTree(Path.of(args[1]).toFile());
        int threads = Integer.parseInt(args[2]);
        double tol = Double.parseDouble(args[3]);
        int maxIter = Integer.parseInt(args[4]);
        int batchBlocks = Integer.parseInt(args[5]);
        double alpha = Double.parseDouble(args[6]);
        CovarianceStructure structure = CovarianceStructure.parse(init.get("covariance_type").asText());
        double[] weights = json.convertValue(init.get("weights"), double[].class);
        double[][] means = json.convertValue(init.get("means"), double[][].class);
        GaussianMixture start = GaussianMixture.of(weights, means,
                structure.fromShape(json.convertValue(init.get("covariances"), structure.shapeType()), weights.length,
                        means[0].length));
        GaussianMixtureEstimator batch = GaussianMixtureEstimator.of(weights.length).withCovariance(structure)
                .withInit(new GmmInit.Given(start))
                .withEm(EmOptions.SKLEARN.withTolerance(tol).withMaxIterations(maxIter).withThreads(threads));
        try (NpyBlockSource file = NpyBlockSource.open(Path.of(args[0]))) {
            BlockSource data = ArraySource.load(file);
            long t0 = System.nanoTime();
            MixtureFit<GaussianMixture> full = batch.fit(data, 1, (s, i, ll) -> { });
            double fullSeconds = (System.nanoTime() - t0) * 1e-9;
            double ref = full.logLikelihood() / data.totalWeight();
            print("batch", full.iterations() + 1, fullSeconds, ref, ref, full.converged());
            MixtureFit<GaussianMixture> last = null;
            for (int a = 7; a < args.length; a++) {
                int passes = Integer.parseInt(args[a]);
                OnlineGaussianMixtureEstimator online = new OnlineGaussianMixtureEstimator(batch, batchBlocks, alpha,
                        passes);
                t0 = System.nanoTime();
                MixtureFit<GaussianMixture> fit = online.fit(data, 1);
                double seconds = (System.nanoTime() - t0) * 1e-9;
                print("online", passes + 1, seconds, fit.logLikelihood() / data.totalWeight(), ref, true);
                last = fit;
            }
            if (last != null) {
                // batch EM polishing the last online result: the local maximum online EM approached
                t0 = System.nanoTime();
                MixtureFit<GaussianMixture> polished = batch.withInit(new GmmInit.Given(last.model())).fit(data, 1,
                        (s, i, ll) -> { });
                double p = polished.logLikelihood() / data.totalWeight();
                print("batch-from-online", polished.iterations() + 1, (System.nanoTime() - t0) * 1e-9, p, ref,
                        polished.converged());
                System.out.printf(Locale.ROOT, "{\"online_gap_to_its_optimum\":%.2e}%n",
                        (p - last.logLikelihood() / data.totalWeight()) / Math.abs(p));
            }
        }
    }

    /** {@code passes} counts every read of the data, the final scoring E-step included. */
    private static void print(String what, int passes, double seconds, double meanLl, double ref, boolean converged) {
        System.out.printf(Locale.ROOT, "{\"fit\":\"%s\",\"passes\":%d,\"seconds\":%.3f,\"final_mean_ll\":%.12f,"
                + "\"rel_gap\":%.2e,\"converged\":%b}%n", what, passes, seconds, meanLl, (ref - meanLl) / Math.abs(ref),
                converged);
    }
}
