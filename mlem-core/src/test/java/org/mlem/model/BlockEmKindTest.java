package org.mlem.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.mlem.data.DataMatrix;
import org.mlem.em.BlockReducer;
import org.mlem.em.EmDriver;
import org.mlem.em.EmOptions;
import org.mlem.em.EmProblem;
import org.mlem.em.EmRun;
import org.mlem.em.LatentModel;
import org.mlem.em.MixtureFit;
import org.mlem.em.Stats;

/**
 * The contract of {@link BlockEmKind} over every such kind of {@link EmKinds#ALL}, each from its
 * {@code fixtures/kinds} model: EM run from the kind's {@link EmProblem} by {@link EmDriver} over
 * the rows gives the bits of the kind's own fit from the same start (oracle: {@link EmKind#fit};
 * tolerance: none, the same code on the same blocks), with cells missing as well (the filled step
 * first), and the problem's model, start and statistics survive Java serialisation (what Spark's
 * closures, broadcasts and {@code treeAggregate} need) with an E-step of the same bits.
 */
class BlockEmKindTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> everyBlockKind() {
        List<BlockEmKind<?>> kinds = EmKinds.ALL.stream().filter(k -> k instanceof BlockEmKind<?>)
                .<BlockEmKind<?>>map(k -> (BlockEmKind<?>) k).toList();
        assertThat(kinds).extracting(EmKind::name).contains("gmm", "tmix", "mixture");
        return kinds.stream().flatMap(k -> Stream.of(
                DynamicTest.dynamicTest(k.name() + " problem = fit", () -> sameAsFit(k, false)),
                DynamicTest.dynamicTest(k.name() + " problem = fit, cells missing", () -> sameAsFit(k, true)),
                DynamicTest.dynamicTest(k.name() + " serialisable", () -> serialisable(k))));
    }

    private static <M> M model(BlockEmKind<M> kind) throws Exception {
        FittedModel file = ModelKinds.read(MAPPER.readTree(ModelKindsConformanceTest.resource(kind.name() + ".json")),
                kind.name());
        return kind.model(file);
    }

    private static <M> DataMatrix rows(BlockEmKind<M> kind, M model, boolean holes) throws Exception {
        FittedModel file = ModelKinds.read(MAPPER.readTree(ModelKindsConformanceTest.resource(kind.name() + ".json")),
                kind.name());
        String csv = new String(ModelKindsConformanceTest.resource(kind.name() + ".csv"), StandardCharsets.UTF_8);
        DataMatrix like = kind.data(file, ModelKindsConformanceTest.frame(csv));
        DataMatrix x = kind.draw(model, like, 300, 11).data();
        return holes ? withHoles(x, 0.1, 12) : x;
    }

    /** {@code x} with about {@code rate} of its cells missing, never every cell of a row. */
    static DataMatrix withHoles(DataMatrix x, double rate, long seed) {
        double[] v = x.values().clone();
        SplittableRandom rng = new SplittableRandom(seed);
        int d = x.cols();
        for (int i = 0; i < x.rows() && d > 1; i++) {
            int keep = rng.nextInt(d);
            for (int a = 0; a < d; a++) {
                if (a != keep && rng.nextDouble() < rate) {
                    v[i * d + a] = Double.NaN;
                }
            }
        }
        return DataMatrix.of(v, x.rows(), d, x.columns());
    }

    private static <M> void sameAsFit(BlockEmKind<M> kind, boolean holes) throws Exception {
        M start = model(kind);
        DataMatrix data = rows(kind, start, holes);
        EmOptions em = kind.defaults().withRestarts(1);
        MixtureFit<M> fit = kind.fit(data, start, em, Set.of(), holes);
        EmProblem<M> p = kind.problem(start, data.columns(), Set.of(), data.hasMissingCells());
        EmRun<M> run;
        try (BlockReducer reducer = new BlockReducer(1)) {
            M first = p.start();
            if (p.filledStep() != null) {
                first = EmDriver.run(p.filledStep(), data.missingFilledByMeans(), first, em.withMaxIterations(1), reducer, null)
                        .params();
            }
            run = EmDriver.run(p.model(), data, first, em, reducer, null);
        }
        assertThat(run.logLikelihood()).isEqualTo(fit.logLikelihood());
        assertThat(run.iterations()).isEqualTo(fit.iterations());
        assertThat(kind.parameters(run.params())).isEqualTo(kind.parameters(fit.model()));
        assertThat(p.nParameters().applyAsInt(run.params())).isEqualTo(fit.nParameters());
    }

    private static <M> void serialisable(BlockEmKind<M> kind) throws Exception {
        M start = model(kind);
        DataMatrix data = rows(kind, start, true);
        for (boolean marginalise : new boolean[] {false, true}) {
            EmProblem<M> p = kind.problem(start, data.columns(), Set.of(), marginalise);
            DataMatrix x = marginalise ? data : data.missingFilledByMeans();
            eStepSurvives(p.model(), p.start(), x);
        }
    }

    private static <M, S extends Stats<S>> void eStepSurvives(LatentModel<M, S> model, M params, DataMatrix x)
            throws Exception {
        S stats = model.emptyStats(params);
        double ll = model.accumulate(params, x.all(), stats);
        LatentModel<M, S> model2 = copy(model);
        M params2 = copy(params);
        S stats2 = model2.emptyStats(params2);
        assertThat(model2.accumulate(params2, x.all(), stats2)).isEqualTo(ll);
        S merged = copy(stats);
        merged.merge(stats2);
        assertThat(model.maximize(merged)).isNotNull();
    }

    @SuppressWarnings("unchecked")
    private static <T> T copy(T o) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }
}
