package org.mlem.cli.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.util.List;
import org.junit.jupiter.api.Test;

class TracePanelTest {
    private static TracePanel.Trace trace(double... v) {
        return new TracePanel.Trace("t", v, Color.BLACK, PlotStyle.SOLID);
    }

    /** Oracle: hand arithmetic. Later values span [-110, -100]; a start at -1000 lies 89 spans below. */
    @Test
    void aFarStartIsCutOff() {
        double[] r = TracePanel.zoomedRange(List.of(trace(-1000, -110, -104, -100), trace(-105, -103)));
        assertThat(r).containsExactly(new double[] {-111, -99.5, -1000}, within(1e-12));
    }

    /** Oracle: a start within ZOOM_FACTOR spans of the rest keeps the automatic range (null). */
    @Test
    void aNearStartIsKept() {
        assertThat(TracePanel.zoomedRange(List.of(trace(-125, -110, -100)))).isNull();
        assertThat(TracePanel.zoomedRange(List.of(trace(-100)))).isNull();
        assertThat(TracePanel.zoomedRange(List.of(trace()))).isNull();
    }
}
