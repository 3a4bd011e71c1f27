package org.mlem.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.mlem.MlemUserException;
import org.mlem.data.DataMatrix;
import org.mlem.formula.Frame;
import org.mlem.testkit.Fixtures;

/**
 * The turnbull kind ({@link FittedTurnbull}). Oracle: tools/reference/turnbull.R — Turnbull's NPMLE
 * of salinity and smokedfish by R's own self-consistency iteration to 1e-15 (the intervals and
 * masses the model is built from here) and {@code survival::survfit}'s curve (time, surv) for the
 * same data: predict's S at survfit's times equals survfit's within survfit's own gap to the
 * converged NPMLE, which the fixture records (survfit stops when its curve moves by less than
 * 5e-5: 2.2e-6 on salinity, 2.5e-4 on smokedfish), plus 1e-8, at every time survfit reports, the
 * within-interval ones included (survfit puts a finite interval's step at its midpoint and keeps
 * a right-open interval's mass to the end); and within 1e-8 of the curve survfit's own iteration
 * gives run to convergence (its stopping rule lowered from 5e-5 to 1e-13), at every time. Draws: each interval's share of 40,000 within 4.5 binomial standard deviations of its
 * mass, every draw inside its interval.
 */
class TurnbullKindTest {
    private static final JsonNode CASES = Fixtures.json("survival/turnbull.json");

    private static FittedTurnbull model(JsonNode c) {
        int m = c.get("mass").size();
        double[] lo = new double[m];
        double[] hi = new double[m];
        double[] p = new double[m];
        for (int j = 0; j < m; j++) {
            lo[j] = c.get("q").get(j).isNull() ? Double.NEGATIVE_INFINITY : c.get("q").get(j).asDouble();
            hi[j] = c.get("p").get(j).isNull() ? Double.POSITIVE_INFINITY : c.get("p").get(j).asDouble();
            p[j] = c.get("mass").get(j).asDouble();
        }
        return new FittedTurnbull(lo, hi, p, c.get("left").size(), c.get("loglik").asDouble());
    }

    @Test
    void survivalIsSurvfitsCurve() {
        for (JsonNode c : CASES) {
            FittedTurnbull m = model(c);
            double gap = c.get("survfitGap").asDouble();
            int n = c.get("survfitTime").size();
            double[] t = new double[n];
            for (int i = 0; i < n; i++) {
                t[i] = c.get("survfitTime").get(i).asDouble();
            }
            ResponsePredictor.Prediction p = m.predict(Frame.builder().numeric("time", t).build());
            assertThat(p.names()).containsExactly("survival", "cdf");
            for (int i = 0; i < n; i++) {
                assertThat(p.columns().get(0)[i]).as("%s S(%s)", c.get("dataset"), t[i])
                        .isCloseTo(c.get("survfitSurv").get(i).asDouble(), within(gap + 1e-8));
                assertThat(p.columns().get(0)[i]).as("%s S(%s) vs survfit's converged iteration", c.get("dataset"), t[i])
                        .isCloseTo(c.get("survfitConvergedSurv").get(i).asDouble(), within(1e-8));
                assertThat(p.columns().get(0)[i] + p.columns().get(1)[i]).isCloseTo(1.0, within(1e-12));
            }
        }
    }

    @Test
    void drawsFollowTheMassesInsideTheirIntervals() {
        FittedTurnbull m = model(CASES.get(0));
        int n = 40_000;
        DataMatrix d = m.sample(n, 5);
        int[] count = new int[m.mass().length];
        for (int i = 0; i < n; i++) {
            int j = d.labels()[i];
            count[j]++;
            double x = d.get(i, 0);
            if (m.lower()[j] == m.upper()[j]) {
                assertThat(x).isEqualTo(m.lower()[j]);
            } else {
                assertThat(x).isGreaterThanOrEqualTo(m.lower()[j]).isLessThanOrEqualTo(m.upper()[j]);
            }
        }
        for (int j = 0; j < count.length; j++) {
            double p = m.mass()[j];
            assertThat((double) count[j]).as("interval %d", j).isCloseTo(n * p, within(4.5 * Math.sqrt(n * p * (1 - p)) + 1e-9));
        }
    }

    @Test
    void scoreIsRefusedSayingWhy() {
        FittedTurnbull m = model(CASES.get(0));
        assertThatThrownBy(() -> ModelKinds.require(m, Capability.SCORE, "t.json")).isInstanceOf(MlemUserException.class)
                .hasMessageContaining("no density").hasMessageContaining("mlem predict, mlem sample")
                .hasMessageNotContaining("\n");
    }
}
