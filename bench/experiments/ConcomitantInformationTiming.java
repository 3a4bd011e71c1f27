// The observed information of a concomitant Gaussian mixture two ways: Louis' identity from the
// components' per-row derivatives (ConcomitantInformation.of) against the Richardson Hessian of the
// log-likelihood it replaced (ConcomitantInformation.numerical). quakes (1000 rows of long, lat),
// k = 2, full covariances, gating ~ depth: 12 parameters; the fit as FlexmixConcomitantTest's.
// Wall ms per call, one thread, the two ways alternated twice (the second round is the warm one).
// For comparison only; see docs/benchmarks.md. Run (mlem-core and the CLI's all-jar built):
//   C=mlem-core/target/classes:mlem-cli/target/mlem-cli-0.1.0-SNAPSHOT-all.jar
//   javac -cp $C -d /tmp/cit bench/experiments/ConcomitantInformationTiming.java
//   java --add-modules jdk.incubator.vector -cp /tmp/cit:$C ConcomitantInformationTiming \
//       mlem-core/src/test/resources/fixtures/concomitant/quakes.csv 10
import java.nio.file.Path;
import java.util.List;
import org.mlem.concomitant.ConcomitantDesign;
import org.mlem.concomitant.ConcomitantEm;
import org.mlem.concomitant.ConcomitantFit;
import org.mlem.concomitant.ConcomitantInformation;
import org.mlem.data.DataMatrix;
import org.mlem.em.Acceleration;
import org.mlem.em.EmOptions;
import org.mlem.formula.Frame;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.GaussianMixture;
import org.mlem.gmm.GaussianMixtureEstimator;
import org.mlem.gmm.GmmComponents;
import org.mlem.model.Rows;

public class ConcomitantInformationTiming {
    public static void main(String[] args) {
        Frame f = Frame.readCsv(Path.of(args[0]));
        int reps = Integer.parseInt(args[1]);
        DataMatrix x = Rows.matrix(f, List.of("long", "lat"));
        GmmComponents comps = new GmmComponents(
                GaussianMixtureEstimator.of(2).withCovariance(CovarianceStructure.FULL).withRegCovar(0), x);
        ConcomitantDesign design = ConcomitantDesign.build("~ depth", f, null, null);
        double[] init = f.numeric("init");
        double[] start = new double[init.length * 2];
        for (int i = 0; i < init.length; i++) {
            start[i * 2 + (int) init[i] - 1] = 1;
        }
        ConcomitantFit<GaussianMixture> fit = ConcomitantEm.fromPosteriors(comps, design, null, null, start,
                EmOptions.DEFAULTS.withThreads(1).withTolerance(1e-14).withAcceleration(Acceleration.NONE));
        for (String way : new String[] {"louis", "numerical", "louis", "numerical"}) {
            long t0 = System.nanoTime();
            double se = 0;
            for (int i = 0; i < reps; i++) {
                se = (way.equals("louis") ? ConcomitantInformation.of(comps, design, null, fit.model())
                        : ConcomitantInformation.numerical(comps, design, null, fit.model())).estimates().standardError()[0];
            }
            System.out.printf("%-9s %8.2f ms per call (%d calls), se(mean[0][long]) %.12g%n", way,
                    (System.nanoTime() - t0) / 1e6 / reps, reps, se);
        }
    }
}
