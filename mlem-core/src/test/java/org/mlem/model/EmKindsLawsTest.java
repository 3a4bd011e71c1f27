package org.mlem.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.mlem.em.Acceleration;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;

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
 * </ul>
 * and for every kind: 1 and 2 threads give the same bits, and a fit to 1000 units drawn from the
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
        }
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
