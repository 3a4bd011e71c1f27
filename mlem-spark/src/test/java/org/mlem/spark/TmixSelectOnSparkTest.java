package org.mlem.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.em.EmOptions;
import org.mlem.io.ModelJson;
import org.mlem.model.FittedTmix;
import org.mlem.model.ModelKinds;
import org.mlem.select.Criterion;
import org.mlem.select.ModelSelection;
import org.mlem.select.SelectionResult;
import org.mlem.select.TMixtureFamily;
import org.mlem.tmix.TMixture;

/**
 * {@code select tmix} on the cluster ({@link LatentMixture#selectTmix}) against mlem-core's
 * {@link ModelSelection} over {@link TMixtureFamily} as {@code mlem select tmix --df 4,30 --converge-all}
 * builds it (ridge 1e-6, the default EM options, the same seed) on the same rows, over 3 partitions:
 * every candidate's k, variant, seed, parameter count and eligibility, the same pick, ℓ and BIC within
 * 1e-9 relative, ICL within 1e-7 (its classification term moves with the parameters, which the
 * cluster's iterations after the converged start move slightly); the best's weights within 1e-7. The
 * chosen model's {@code model.json} is a {@code fit tmix --out} file. Fixed degrees of freedom only:
 * with {@code free} too the selection was 307 Spark jobs instead of 41 (the ν step's passes), and the
 * ν step on Spark is held to the single machine by {@code EveryKindTest}'s t mixture.
 */
class TmixSelectOnSparkTest {
    private static final long SEED = 5;

    /** 160 rows of two separated 2-D clusters with heavy tails (t with 4 degrees of freedom). */
    private static DataMatrix data() {
        SplittableRandom r = new SplittableRandom(16);
        int n = 160;
        double[] x = new double[n * 2];
        for (int i = 0; i < n; i++) {
            double chi = 0;
            for (int v = 0; v < 4; v++) {
                double z = r.nextGaussian();
                chi += z * z;
            }
            double s = Math.sqrt(4 / chi);
            boolean second = i % 3 == 0;
            x[2 * i] = (second ? 4 : 0) + s * r.nextGaussian();
            x[2 * i + 1] = (second ? 1 : 0) + 0.6 * s * r.nextGaussian();
        }
        return DataMatrix.of(x, n, 2, List.of("x1", "x2"));
    }

    @Test
    void selectTmixIsTheCliTable(@TempDir Path dir) throws Exception {
        DataMatrix x = data();
        TMixtureFamily family = new TMixtureFamily(1e-6, EmOptions.DEFAULTS);
        List<TMixtureFamily.Df> variants = List.of(new TMixtureFamily.Df(4.0), new TMixtureFamily.Df(30.0));
        SelectionResult<TMixture> local = new ModelSelection<>(family, 1, 2, variants, 1, Criterion.BIC)
                .withConvergeAll(true).run(x, SEED);
        Selection<LatentMixtureModel, TMixture> spark = new LatentMixture().setSeed(SEED)
                .selectTmix(SparkTestKit.frame(x, 3), 1, 2, List.of("4", "30"), "bic");
        ConcomitantKindsOnSparkTest.assertSameTable(spark.candidates(), local);
        TMixture best = (TMixture) spark.best().model();
        assertThat(SparkTestKit.relativeError(best.weights(), local.best().model().weights())).isLessThan(1e-7);
        assertThat(spark.best().getK()).isEqualTo(local.best().k());

        String path = dir.resolve("best").toString();
        spark.best().write().save(path);
        JsonNode root = ModelJson.mapper().readTree(Files.readString(Path.of(path, "model.json")));
        TMixture read = ((FittedTmix) ModelKinds.read(root, "model.json")).mixture();
        assertThat(read.weights()).containsExactly(best.weights());
    }

    @Test
    void whatSelectTmixCannotTakeIsOneLine() {
        assertThatThrownBy(() -> new LatentMixture().setKind("gmm").selectTmix(SparkTestKit.frame(data(), 2), 1, 2,
                null, "bic")).isInstanceOf(MlemUserException.class).hasMessageContaining("set kind tmix");
        assertThatThrownBy(() -> new LatentMixture().setMissing("em").selectTmix(SparkTestKit.frame(data(), 2), 1, 2,
                null, "bic")).isInstanceOf(MlemUserException.class).hasMessage(
                        "select tmix on Spark does not take missing=em; unset it");
        assertThatThrownBy(() -> new LatentMixture().selectTmix(SparkTestKit.frame(data(), 2), 1, 2,
                List.of("free", "free"), "bic")).isInstanceOf(MlemUserException.class).hasMessageContaining("twice");
    }
}
