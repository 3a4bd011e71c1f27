// The full-covariance E- and M-step of one block through a native BLAS (OpenBLAS by JNI, through
// dev.ludovic.netlib, the binding Spark uses) against mlem's Vector API kernels (org.mlem.kernel.Kernels),
// one thread, per block of 2,048 rows and k components. For comparison only; see docs/benchmarks.md.
// E-step by BLAS: per component, centre the block (Java), Y = (X - mu) U by DGEMM, row norms (Java).
// M-step by BLAS: per component, W = sqrt(r) (X - shift) (Java), S += W^T W by DSYRK, s1 and n (Java).
// Run (OpenBLAS installed as libblas.so.3, mlem-core built):
//   B=~/.m2/repository/dev/ludovic/netlib/blas/3.2.0/blas-3.2.0.jar; C=mlem-core/target/classes
//   javac -cp $B:$C -d /tmp/blas bench/experiments/BlasCompare.java
//   OPENBLAS_NUM_THREADS=1 java --add-modules jdk.incubator.vector -cp $B:$C:/tmp/blas BlasCompare 10 8
import dev.ludovic.netlib.blas.BLAS;
import java.util.SplittableRandom;
import org.mlem.kernel.Kernels;

public class BlasCompare {
    public static void main(String[] args) {
        int d = Integer.parseInt(args[0]);
        int k = Integer.parseInt(args[1]);
        int n = 2048;
        BLAS blas = BLAS.getInstance();
        System.out.println("BLAS: " + blas.getClass().getSimpleName() + ", kernels: " + Kernels.name());
        SplittableRandom rng = new SplittableRandom(7);
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextGaussian();
        }
        double[] means = new double[k * d];
        for (int i = 0; i < means.length; i++) {
            means[i] = 0.5 * rng.nextGaussian();
        }
        double[] u = new double[k * d * d]; // upper factors, row-major
        int pw = Kernels.panelWidth(d);
        double[] packed = new double[k * d * pw];
        double[] logDet = new double[k];
        for (int j = 0; j < k; j++) {
            for (int a = 0; a < d; a++) {
                for (int c = a; c < d; c++) {
                    u[j * d * d + a * d + c] = a == c ? 1 + rng.nextDouble() : 0.2 * rng.nextGaussian();
                }
                logDet[j] += Math.log(u[j * d * d + a * d + a]);
            }
            Kernels.packUpper(u, j * d * d, d, packed, j * d * pw);
        }
        double[] resp = new double[n * k];
        for (int i = 0; i < resp.length; i++) {
            resp[i] = rng.nextDouble();
        }
        double[] scratch = new double[Kernels.scratchSize(d)];
        double[] outK = new double[n * k];
        double[] outB = new double[n * k];
        double[] centred = new double[n * d];
        double[] y = new double[n * d];
        double[] s2K = new double[k * d * d];
        double[] s2B = new double[k * d * d];
        double[] s1 = new double[k * d];
        double[] nk = new double[k];
        double c0 = -0.5 * d * Math.log(2 * Math.PI);
        for (int round = 0; round < 5; round++) {
            int reps = 400;
            long t0 = System.nanoTime();
            for (int r = 0; r < reps; r++) {
                Kernels.fullLogDensities(x, 0, n, d, means, packed, d * pw, logDet, outK, k, scratch);
            }
            long t1 = System.nanoTime();
            for (int r = 0; r < reps; r++) {
                for (int j = 0; j < k; j++) {
                    for (int i = 0; i < n; i++) {
                        for (int a = 0; a < d; a++) {
                            centred[i * d + a] = x[i * d + a] - means[j * d + a];
                        }
                    }
                    // row-major Y (n x d) = C (n x d) U (d x d); column-major: Y^T = U^T C^T
                    blas.dgemm("N", "N", d, n, d, 1.0, u, j * d * d, d, centred, 0, d, 0.0, y, 0, d);
                    for (int i = 0; i < n; i++) {
                        double q = 0;
                        for (int c = 0; c < d; c++) {
                            q += y[i * d + c] * y[i * d + c];
                        }
                        outB[i * k + j] = c0 + logDet[j] - 0.5 * q;
                    }
                }
            }
            long t2 = System.nanoTime();
            for (int r = 0; r < reps; r++) {
                for (int j = 0; j < k; j++) {
                    Kernels.fullAccumulate(x, 0, n, d, resp, k, j, null, 0, means, j * d, nk, s1, j * d, s2K, j * d * d,
                            scratch);
                }
            }
            long t3 = System.nanoTime();
            for (int r = 0; r < reps; r++) {
                for (int j = 0; j < k; j++) {
                    for (int i = 0; i < n; i++) {
                        double rr = resp[i * k + j];
                        double sr = Math.sqrt(rr);
                        nk[j] += rr;
                        for (int a = 0; a < d; a++) {
                            double delta = x[i * d + a] - means[j * d + a];
                            s1[j * d + a] += rr * delta;
                            centred[i * d + a] = sr * delta;
                        }
                    }
                    // column-major: S (d x d) += W^T W with W^T the d x n array
                    blas.dsyrk("L", "N", d, n, 1.0, centred, 0, d, 1.0, s2B, j * d * d, d);
                }
            }
            long t4 = System.nanoTime();
            double worst = 0;
            for (int i = 0; i < outK.length; i++) {
                worst = Math.max(worst, Math.abs(outK[i] - outB[i]) / Math.max(1, Math.abs(outK[i])));
            }
            double worstS = 0; // s2K holds the upper triangle row-major, s2B the lower column-major: the same entries
            for (int j = 0; j < k; j++) {
                for (int a = 0; a < d; a++) {
                    for (int b = a; b < d; b++) {
                        int at = j * d * d + a * d + b;
                        worstS = Math.max(worstS, Math.abs(s2K[at] - s2B[at]) / Math.max(1, Math.abs(s2K[at])));
                    }
                }
            }
            System.out.printf("d=%d k=%d µs per block: E kernels %.1f, E BLAS %.1f; M kernels %.1f, M BLAS %.1f;"
                    + " rel. diff E %.1e, M %.1e%n", d, k, (t1 - t0) / 1e3 / reps, (t2 - t1) / 1e3 / reps,
                    (t3 - t2) / 1e3 / reps, (t4 - t3) / 1e3 / reps, worst, worstS);
        }
    }
}
