package org.mlem.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.LUDecomposition;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.mlem.em.Acceleration;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.uncertainty.ObservedInformation;
import org.mlem.uncertainty.ParameterEstimates;

/**
 * The EM conformance laws over {@link EmKinds#ALL}, each kind from its fixture in
 * {@code fixtures/kinds} (the model file as the model data are drawn from and fits start at, its
 * CSV for what is not drawn), each law for every kind that declares the capability:
 * <ul>
 *   <li>weights: integer frequency weights give the fit of the units repeated (log-likelihood to
 *       1e-9 relative, parameters to 1e-6 of 1 + |θ|: the same EM in another summation order);</li>
 *   <li>labels: with every row's class known, the mixing weights are the label frequencies (1e-12)
 *       and the fit does not depend on the starts' seed (1e-8 of 1 + |θ|);</li>
 *   <li>fixed: each parameter group held keeps the start's bits while the others move;</li>
 *   <li>acceleration: SQUAREM ends no lower than plain EM from the same start, less the stopping
 *       rule's tolerance (max(1e-6, 1e-8·|ℓ|));</li>
 *   <li>missing: EM over missing cells on complete data is the plain fit (1e-12 relative);</li>
 *   <li>louis: at the fixture's fit, every standard error Louis reports for a free parameter is
 *       the square root of the inverse's diagonal of the central-difference Hessian of the
 *       observed log-likelihood in the free parameters (steps 1e-3 of each one's scale
 *       1/sqrt(I_aa)), 1e-4 relative; parameters Louis holds as known on a boundary (SE NaN) are
 *       held in the oracle too, and most are not. With each group held ({@code --fixed}), exactly
 *       its parameters (and the boundary's) are NaN and the rest are the same Hessian's over the
 *       other parameters only; for a kind that also declares missing cells, the same again on the
 *       fixture's rows with holes (a fifth of the rows missing one model column), the oracle then the
 *       observed-data log-likelihood's Hessian;</li>
 * </ul>
 * and for every kind: the model file names its nParameters() free parameters, as Louis' free layout
 * does (the standard-error table's names less the entries a sum to one fixes); 1 and 2 threads give the same bits, and a fit to 1000 units drawn from the
 * model, started there, rises from the model's log-likelihood and lands within 0.25 (1 + |θ|) of
 * every parameter (sampling error at n = 1000 is a few hundredths).
 */
class EmKindsLawsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> everyLatentKindEveryLaw() {
        List<DynamicTest> tests = new ArrayList<>();
        for (EmKind<?, ?> kind : EmKinds.ALL) {
            tests.add(DynamicTest.dynamicTest(kind.name() + " is a registered model kind",
                    () -> assertThat(ModelKinds.byName(kind.name(), "test").name()).isEqualTo(kind.name())));
            for (EmKind.Capability c : kind.capabilities()) {
                tests.add(DynamicTest.dynamicTest(kind.name() + " " + c.name().toLowerCase(), () -> law(kind, c)));
            }
            tests.add(DynamicTest.dynamicTest(kind.name() + " names its parameters", () -> names(kind)));
            tests.add(DynamicTest.dynamicTest(kind.name() + " threads", () -> threads(kind)));
            tests.add(DynamicTest.dynamicTest(kind.name() + " sample then fit", () -> recovery(kind)));
        }
        return tests.stream();
    }

    /** A kind with its fixture: the model and the rows it was fitted to. */
    private record Case<D, M>(EmKind<D, M> kind, M model, D rows) {
        EmKind.Draw<D> draw(int units, long seed) {
            return kind.draw(model, rows, units, seed);
        }

        EmOptions plain() {
            return kind.defaults().withAcceleration(Acceleration.NONE).withRestarts(1);
        }

        MixtureFit<M> fromModel(D data, EmOptions em) {
            return kind.fit(data, model, em, Set.of(), false);
        }
    }

    private static <D, M> Case<D, M> load(EmKind<D, M> kind) throws Exception {
        FittedModel file = ModelKinds.read(MAPPER.readTree(ModelKindsConformanceTest.resource(kind.name() + ".json")),
                kind.name());
        String csv = new String(ModelKindsConformanceTest.resource(kind.name() + ".csv"), StandardCharsets.UTF_8);
        return new Case<>(kind, kind.model(file), kind.data(file, ModelKindsConformanceTest.frame(csv)));
    }

    private static void law(EmKind<?, ?> kind, EmKind.Capability c) throws Exception {
        Case<?, ?> k = load(kind);
        switch (c) {
            case WEIGHTS -> weights(k);
            case LABELS -> labels(k);
            case FIXED -> fixed(k);
            case ACCELERATION -> acceleration(k);
            case MISSING -> missing(k);
            case LOUIS -> {
                louis(k);
                if (kind.capabilities().contains(EmKind.Capability.MISSING)) {
                    louis(loadHoled(kind));
                }
            }
        }
    }

    /**
     * The kind's fixture with holes: in every fifth row from the third, one of the model's columns
     * (in turn) missing, so multivariate rows keep some cells and a one-column model has rows with
     * none (an HMM's step that carries only its transitions).
     */
    private static <D, M> Case<D, M> loadHoled(EmKind<D, M> kind) throws Exception {
        FittedModel file = ModelKinds.read(MAPPER.readTree(ModelKindsConformanceTest.resource(kind.name() + ".json")),
                kind.name());
        RowInput in = file.input();
        List<String> columns = in instanceof RowInput.Columns c ? c.names()
                : in instanceof RowInput.Sequences q ? q.named() : ((RowInput.Table) in).columns();
        List<String> lines = new String(ModelKindsConformanceTest.resource(kind.name() + ".csv"), StandardCharsets.UTF_8)
                .lines().filter(l -> !l.isBlank()).toList();
        List<String> header = List.of(lines.get(0).split(",", -1));
        StringBuilder csv = new StringBuilder(lines.get(0)).append('\n');
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",", -1);
            if (i % 5 == 3) {
                cells[header.indexOf(columns.get((i / 5) % columns.size()))] = "NaN";
            }
            csv.append(String.join(",", cells)).append('\n');
        }
        org.mlem.formula.Frame rows = ModelKindsConformanceTest.frame(csv.toString());
        assertThat(Arrays.stream(rows.numeric(columns.get(0))).anyMatch(Double::isNaN)).as("holes made").isTrue();
        return new Case<>(kind, kind.model(file), kind.data(file, rows));
    }

    private static <D, M> void weights(Case<D, M> k) {
        D data = k.draw(200, 1).data();
        int units = k.kind().units(data);
        SplittableRandom rng = new SplittableRandom(2);
        int[] counts = new int[units];
        double[] w = new double[units];
        for (int u = 0; u < units; u++) {
            counts[u] = rng.nextInt(4);
            w[u] = counts[u];
        }
        MixtureFit<M> weighted = k.fromModel(k.kind().weighted(data, w), k.plain());
        MixtureFit<M> repeated = k.fromModel(k.kind().repeated(data, counts), k.plain());
        assertThat(relative(weighted.logLikelihood(), repeated.logLikelihood())).isLessThan(1e-9);
        assertClose(k.kind().parameters(weighted.model()), k.kind().parameters(repeated.model()), 1e-6);
    }

    private static <D, M> void labels(Case<D, M> k) {
        EmKind.Draw<D> draw = k.draw(200, 3);
        D data = k.kind().labelled(draw.data(), draw.labels());
        MixtureFit<M> a = k.kind().fit(data, k.model(), k.plain(), 1);
        MixtureFit<M> b = k.kind().fit(data, k.model(), k.plain(), 2);
        assertClose(k.kind().parameters(a.model()), k.kind().parameters(b.model()), 1e-8);
        if (k.kind().groups().contains("weights")) {
            int classes = k.kind().classes(k.model());
            double[] freq = new double[classes];
            for (int z : draw.labels()) {
                freq[z] += 1.0 / draw.labels().length;
            }
            assertClose(k.kind().group(a.model(), "weights"), freq, 1e-12);
        }
    }

    private static <D, M> void fixed(Case<D, M> k) {
        D data = k.draw(200, 4).data();
        for (String g : k.kind().groups()) {
            MixtureFit<M> fit = k.kind().fit(data, k.model(), k.plain(), Set.of(g), false);
            assertThat(k.kind().group(fit.model(), g)).as("group %s held", g).isEqualTo(k.kind().group(k.model(), g));
            assertThat(k.kind().parameters(fit.model())).as("the groups other than %s moved", g)
                    .isNotEqualTo(k.kind().parameters(k.model()));
        }
    }

    private static <D, M> void acceleration(Case<D, M> k) {
        D data = k.draw(300, 5).data();
        double plain = k.fromModel(data, k.plain()).logLikelihood();
        double squarem = k.fromModel(data, k.plain().withAcceleration(Acceleration.SQUAREM)).logLikelihood();
        assertThat(squarem).isGreaterThanOrEqualTo(plain - Math.max(1e-6, 1e-8 * Math.abs(plain)));
    }

    private static <D, M> void missing(Case<D, M> k) {
        D data = k.draw(200, 6).data();
        MixtureFit<M> plain = k.kind().fit(data, k.model(), k.plain(), Set.of(), false);
        MixtureFit<M> em = k.kind().fit(data, k.model(), k.plain(), Set.of(), true);
        assertThat(relative(em.logLikelihood(), plain.logLikelihood())).isLessThan(1e-12);
        assertClose(k.kind().parameters(em.model()), k.kind().parameters(plain.model()), 1e-10);
    }

    private static <D, M> void louis(Case<D, M> k) {
        EmKind<D, M> kind = k.kind();
        ObservedInformation all = kind.louis(k.model(), k.rows(), Set.of());
        List<String> free = all.freeNames();
        ParameterEstimates est = all.estimates();
        double[] theta = free.stream().mapToDouble(n -> est.estimate()[est.indexOf(n)]).toArray();
        boolean[] boundary = new boolean[free.size()];
        for (int q = 0; q < boundary.length; q++) {
            boundary[q] = Double.isNaN(est.standardError(free.get(q)));
        }
        assertThat(count(boundary)).as("parameters on a boundary of %s", free).isLessThan(free.size() / 2);
        louisMatchesHessian(k, all, all.information(), theta, boundary);
        for (String g : kind.groups()) {
            ObservedInformation held = kind.louis(k.model(), k.rows(), Set.of(g));
            boolean[] known = boundary.clone();
            boolean[] inGroup = new boolean[free.size()];
            for (int q = 0; q < known.length; q++) {
                inGroup[q] = kind.groupOf(free.get(q)).equals(g);
                known[q] |= inGroup[q];
            }
            assertThat(count(inGroup)).as("group %s has free parameters", g).isPositive();
            for (String name : held.estimates().names()) {
                if (kind.groupOf(name).equals(g)) {
                    assertThat(held.estimates().standardError(name)).as("%s held with %s", name, g).isNaN();
                }
            }
            louisMatchesHessian(k, held, all.information(), theta, known);
        }
    }

    /** Louis' SE of every free parameter not {@code known} = the inverse numerical Hessian's over those only (1e-4 relative). */
    private static <D, M> void louisMatchesHessian(Case<D, M> k, ObservedInformation louis, double[][] info, double[] theta,
            boolean[] known) {
        int[] keep = java.util.stream.IntStream.range(0, theta.length).filter(q -> !known[q]).toArray();
        double[] h = new double[keep.length];
        for (int a = 0; a < keep.length; a++) {
            h[a] = 1e-3 / Math.sqrt(Math.abs(info[keep[a]][keep[a]]));
        }
        double[][] hess = new double[keep.length][keep.length];
        for (int a = 0; a < keep.length; a++) {
            for (int b = a; b < keep.length; b++) {
                double v = (at(k, theta, keep, a, h[a], b, h[b]) - at(k, theta, keep, a, h[a], b, -h[b])
                        - at(k, theta, keep, a, -h[a], b, h[b]) + at(k, theta, keep, a, -h[a], b, -h[b]))
                        / (4 * h[a] * h[b]);
                hess[a][b] = -v;
                hess[b][a] = -v;
            }
        }
        double[][] cov = new LUDecomposition(new Array2DRowRealMatrix(hess)).getSolver().getInverse().getData();
        List<String> free = louis.freeNames();
        for (int a = 0; a < keep.length; a++) {
            String name = free.get(keep[a]);
            double oracle = Math.sqrt(cov[a][a]);
            assertThat(louis.estimates().standardError(name)).as("SE of %s", name).isCloseTo(oracle, within(1e-4 * oracle));
        }
        for (int q = 0; q < known.length; q++) {
            assertThat(Double.isNaN(louis.estimates().standardError(free.get(q)))).as("SE of %s is NaN", free.get(q))
                    .isEqualTo(known[q]);
        }
    }

    private static <D, M> double at(Case<D, M> k, double[] theta, int[] keep, int a, double da, int b, double db) {
        double[] t = theta.clone();
        t[keep[a]] += da;
        t[keep[b]] += db;
        return k.kind().logLikelihood(k.kind().withFree(k.model(), t), k.rows());
    }

    private static int count(boolean[] marks) {
        int n = 0;
        for (boolean m : marks) {
            n += m ? 1 : 0;
        }
        return n;
    }

    private static <D, M> void names(EmKind<D, M> kind) throws Exception {
        FittedModel file = ModelKinds.read(MAPPER.readTree(ModelKindsConformanceTest.resource(kind.name() + ".json")),
                kind.name());
        List<String> names = file.parameterNames();
        assertThat(names).hasSize(file.nParameters()).doesNotHaveDuplicates();
        if (kind.capabilities().contains(EmKind.Capability.LOUIS)) {
            Case<D, M> k = load(kind);
            ObservedInformation louis = kind.louis(k.model(), k.rows(), Set.of());
            assertThat(names).isEqualTo(louis.freeNames());
            assertThat(louis.estimates().names()).containsAll(names);
        }
    }

    private static <D, M> void threads(EmKind<D, M> kind) throws Exception {
        Case<D, M> k = load(kind);
        D data = k.draw(300, 7).data();
        MixtureFit<M> one = kind.fit(data, k.model(), kind.defaults().withRestarts(2).withThreads(1), 11);
        MixtureFit<M> two = kind.fit(data, k.model(), kind.defaults().withRestarts(2).withThreads(2), 11);
        assertThat(two.logLikelihood()).isEqualTo(one.logLikelihood());
        assertThat(kind.parameters(two.model())).isEqualTo(kind.parameters(one.model()));
    }

    private static <D, M> void recovery(EmKind<D, M> kind) throws Exception {
        Case<D, M> k = load(kind);
        D data = k.draw(1000, 8).data();
        MixtureFit<M> fit = k.fromModel(data, kind.defaults());
        assertThat(fit.logLikelihood()).isGreaterThanOrEqualTo(fit.trace()[0]);
        assertClose(kind.parameters(fit.model()), kind.parameters(k.model()), 0.25);
    }

    private static double relative(double a, double b) {
        return Math.abs(a - b) / Math.max(1, Math.abs(b));
    }

    /** |a − b| ≤ tol·(1 + |b|) entry by entry. */
    private static void assertClose(double[] a, double[] b, double tol) {
        assertThat(a).hasSameSizeAs(b);
        for (int i = 0; i < a.length; i++) {
            assertThat(Math.abs(a[i] - b[i])).as("entry %d: %s vs %s (a=%s)", i, a[i], b[i], Arrays.toString(a))
                    .isLessThanOrEqualTo(tol * (1 + Math.abs(b[i])));
        }
    }
}
