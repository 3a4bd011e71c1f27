package org.mlem.em;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlem.MlemUserException;

/**
 * The restart loop on scripted starts: the "parameters" are the draw numbers, and each start's
 * final log-likelihood is scripted, so which start wins, which fail and which candidates are
 * screened are known exactly.
 */
class RestartsTest {

    /** A collapse of one start, as a model's degenerate-component exception is. */
    static final class Collapse extends MlemUserException implements StartCollapse {
        private static final long serialVersionUID = 1L;

        Collapse(String message) {
            super(message);
        }
    }

    private static EmRun<Integer> run(int params, double ll) {
        return new EmRun<>(params, new double[] {ll - 1, ll}, 1, true, 0);
    }

    @Test
    void collapsedAndNonFiniteStartsCountAsMinusInfinityAndTheFitGoesOn() {
        double[] scripted = {Double.NaN, -5, Double.POSITIVE_INFINITY, -3, -4};
        Restarts.Outcome<Integer> out = Restarts.best(6, 1, (seeds, draw) -> {
            if (draw == 0) {
                throw new Collapse("component 1 collapsed");
            }
            return draw;
        }, (start, it) -> run(start, scripted[start - 1]), null);
        assertThat(out.finals()).containsExactly(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, -5,
                Double.NEGATIVE_INFINITY, -3, -4);
        assertThat(out.bestStart()).isEqualTo(4);
        assertThat(out.best().logLikelihood()).isEqualTo(-3);
        assertThat(Optima.of(out.finals()).failed()).isEqualTo(3);
    }

    @Test
    void everyStartCollapsingThrowsTheFirstCollapse() {
        assertThatThrownBy(() -> Restarts.best(3, 1, (seeds, draw) -> draw, (start, it) -> {
            throw new Collapse("component " + (start + 1) + " collapsed; increase regCovar");
        }, null)).isInstanceOf(Collapse.class).hasMessage("component 1 collapsed; increase regCovar");
    }

    @Test
    void everyStartNonFiniteIsAUserErrorWithTheFix() {
        assertThatThrownBy(() -> Restarts.best(2, 1, (seeds, draw) -> draw, (start, it) -> run(start, Double.NaN), null))
                .isInstanceOf(MlemUserException.class).hasMessageContaining("every one of the 2 starts")
                .hasMessageContaining("non-finite log-likelihood").hasMessageContaining("--n-init");
    }

    @Test
    void otherExceptionsEndTheFit() {
        assertThatThrownBy(() -> Restarts.best(3, 1, (seeds, draw) -> draw, (start, it) -> {
            if (start == 1) {
                throw new IllegalStateException("a bug");
            }
            return run(start, -1);
        }, null)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void laterStartsScreenCandidatesAndRunOnFromTheBestShortRun() {
        List<Integer> screened = new ArrayList<>();
        List<Integer> longRuns = new ArrayList<>();
        // a candidate's short run ends at parameter 100 + draw with log-likelihood -draw % 7;
        // candidate draw 3 collapses
        Restarts.Outcome<Integer> out = Restarts.best(3, 1, (seeds, draw) -> draw, (start, it) -> {
            longRuns.add(start);
            return run(start, start == 0 ? -50 : -(start - 100) % 7);
        }, (candidate, iterations) -> {
            assertThat(iterations).isEqualTo(Restarts.SCREEN_ITERATIONS);
            screened.add(candidate);
            if (candidate == 3) {
                throw new Collapse("candidate collapsed");
            }
            return run(100 + candidate, -(candidate % 7));
        }, null);
        // start 0 is draw 0, unscreened; start 1 screens draws 1..5, start 2 draws 6..10
        assertThat(screened).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        // start 1: the best of -1, -2, (collapsed), -4, -5 is draw 1; start 2: of -6, 0, -1, -2, -3 is draw 7
        assertThat(longRuns).containsExactly(0, 101, 107);
        assertThat(out.bestStart()).isEqualTo(2);
        // the kept start's trace runs from the chosen candidate: its short run (-1, 0), then the long run's end (0)
        assertThat(out.best().trace()).containsExactly(-1, 0, 0);
        assertThat(out.best().iterations()).isEqualTo(2);
        assertThat(out.best().params()).isEqualTo(107);
    }

    @Test
    void aStartWhoseCandidatesAllCollapseFails() {
        Restarts.Outcome<Integer> out = Restarts.best(2, 1, (seeds, draw) -> draw, (start, it) -> run(start, -1),
                (candidate, iterations) -> {
                    throw new Collapse("candidate collapsed");
                }, null);
        assertThat(out.finals()).containsExactly(-1, Double.NEGATIVE_INFINITY);
    }

    @Test
    void sameSeedSameStarts() {
        Restarts.Initialiser<Integer> init = (seeds, draw) -> seeds.nextInt(1_000_000);
        Restarts.Outcome<Integer> a = Restarts.best(4, 42, init, (s, it) -> run(s, -s), null);
        Restarts.Outcome<Integer> b = Restarts.best(4, 42, init, (s, it) -> run(s, -s), null);
        assertThat(a.finals()).containsExactly(b.finals());
        assertThat(a.finals()).doesNotHaveDuplicates();
    }

    @Test
    void aStartWithinTheTieOfTheBestDoesNotReplaceIt() {
        // -100 and -100 + 5e-7 are one maximum (tie max(1e-6, 1e-8 |l|) = 1e-6): the first is kept
        double[] scripted = {-100, -100 + 5e-7, -100 + 2e-6};
        Restarts.Outcome<Integer> two = Restarts.best(2, 1, (seeds, draw) -> draw, (s, it) -> run(s, scripted[s]), null);
        assertThat(two.bestStart()).isZero();
        Restarts.Outcome<Integer> three = Restarts.best(3, 1, (seeds, draw) -> draw, (s, it) -> run(s, scripted[s]), null);
        assertThat(three.bestStart()).isEqualTo(2);
    }

    @Test
    void theBestNonDegenerateStartIsKeptOverAHigherSpike() {
        // starts 1 and 3 end higher but degenerate (odd parameters stand for a spike here)
        double[] scripted = {-50, -10, -30, -5};
        Restarts.Outcome<Integer> out = Restarts.best(4, 1, (seeds, draw) -> draw, (s, it) -> run(s, scripted[s]), null,
                null, p -> p % 2 == 1);
        assertThat(out.bestStart()).isEqualTo(2);
        assertThat(out.best().logLikelihood()).isEqualTo(-30);
        assertThat(out.finals()).containsExactly(scripted);
        // when every start is degenerate, the best of them is kept (and the fit reports it)
        Restarts.Outcome<Integer> spikes = Restarts.best(4, 1, (seeds, draw) -> draw, (s, it) -> run(s, scripted[s]), null,
                null, p -> true);
        assertThat(spikes.bestStart()).isEqualTo(3);
        // one start is never judged
        Restarts.Outcome<Integer> one = Restarts.best(1, 1, (seeds, draw) -> draw, (s, it) -> run(s, -1), null, null,
                p -> {
                    throw new AssertionError("asked of a single start");
                });
        assertThat(one.bestStart()).isZero();
    }

    /**
     * A first-start screen draws {@link Restarts#FIRST_CANDIDATES} candidates (draws 0..9 from its
     * own initialiser), runs each {@link Restarts#FIRST_ITERATIONS}, and EM goes on from the end of
     * the best; the short runs are not in the trace or the iteration count, and later starts draw on
     * from draw 10.
     */
    @Test
    void theFirstStartIsTheBestOfItsScreenedCandidates() {
        List<Integer> screenedDraws = new ArrayList<>();
        List<Integer> fullRunsFrom = new ArrayList<>();
        Restarts.FirstScreen<Integer> first = new Restarts.FirstScreen<>((seeds, draw) -> {
            screenedDraws.add(draw);
            return draw;
        }, (start, iterations) -> {
            assertThat(iterations).isEqualTo(Restarts.FIRST_ITERATIONS);
            return run(100 + start, start == 7 ? -1 : -10 - start); // candidate 7 is best; its end is 107
        });
        Restarts.Outcome<Integer> out = Restarts.best(2, 1, (seeds, draw) -> draw, (start, it) -> {
            fullRunsFrom.add(start);
            return new EmRun<>(start, new double[] {-3, -2, start == 107 ? -0.5 : -5}, 2, true, 0);
        }, (start, iterations) -> run(start, -20), first, null, null);
        assertThat(screenedDraws).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(fullRunsFrom.get(0)).isEqualTo(107);
        assertThat(fullRunsFrom.size()).isEqualTo(2);
        assertThat(out.bestStart()).isZero();
        assertThat(out.best().trace()).containsExactly(-3, -2, -0.5);
        assertThat(out.best().iterations()).isEqualTo(2);
    }

    /** A given start (no screen) is run as given: the first-start screen is not consulted. */
    @Test
    void aGivenStartIsNotScreened() {
        Restarts.FirstScreen<Integer> first = new Restarts.FirstScreen<>((seeds, draw) -> {
            throw new AssertionError("screened a given start");
        }, (start, iterations) -> {
            throw new AssertionError("screened a given start");
        });
        Restarts.Outcome<Integer> out = Restarts.best(1, 1, (seeds, draw) -> 42, (start, it) -> run(start, -1), null,
                first, null, null);
        assertThat(out.best().params()).isEqualTo(42);
    }
}
