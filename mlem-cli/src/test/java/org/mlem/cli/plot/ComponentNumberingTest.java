package org.mlem.cli.plot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.junit.jupiter.api.Test;
import org.mlem.cli.Main;
import org.mlem.data.CsvFormat;
import org.mlem.data.CsvReader;
import org.mlem.data.CsvTable;
import org.mlem.data.DataMatrix;
import org.mlem.gmm.GaussianMixture;
import org.mlem.gmm.GaussianMixtureEstimator;
import org.mlem.io.ModelJson;

/**
 * One numbering of components, from 0, in every output of a two-component fit: the summary's
 * table, the standard-error table, the JSON's parameter names, predict's columns and the plot's
 * legend (the labels, not the pixels). Oracle: the contract's {@code label} and {@code p0..p(k-1)}.
 */
class ComponentNumberingTest {
    private static final String FAITHFUL = "../examples/faithful.csv";

    private static String run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void summaryAndStandardErrorTableCountFromZero() {
        String out = run("fit", "gmm", "--k", "2", "--standard-errors", "louis", FAITHFUL);
        assertThat(out).contains("component 0  component 1", "covariance of component 0", "covariance of component 1")
                .doesNotContain("component 2");
        List<String> seRows = out.lines().filter(l -> l.matches("^(weight|mean|cov)\\[.*")).toList();
        assertThat(seRows).hasSize(2 + 4 + 6);
        assertThat(seRows).anyMatch(l -> l.startsWith("weight[0] ")).anyMatch(l -> l.startsWith("weight[1] "))
                .anyMatch(l -> l.startsWith("mean[0][eruptions] ")).anyMatch(l -> l.startsWith("cov[1][waiting,waiting] "))
                .noneMatch(l -> l.contains("[2]"));
    }

    @Test
    void jsonAndPredictCountFromZero() throws IOException {
        JsonNode j = ModelJson.mapper().readTree(run("fit", "gmm", "--k", "2", "--standard-errors", "louis", "--json", FAITHFUL));
        List<String> names = new ArrayList<>();
        j.get("standardErrors").fieldNames().forEachRemaining(names::add);
        assertThat(names).contains("weight[0]", "weight[1]", "mean[0][waiting]", "mean[1][waiting]", "cov[0][eruptions,waiting]")
                .noneMatch(n -> n.contains("[2]"));
        assertThat(j.get("weights").size()).isEqualTo(2);
    }

    /** The legend names component j with the weight that the JSON's weights[j] holds. */
    @Test
    void plotLegendsCountFromZeroAndMatchTheJson() throws IOException {
        JsonNode j = ModelJson.mapper().readTree(run("fit", "gmm", "--k", "2", "--json", FAITHFUL));
        CsvTable t = CsvReader.read(FAITHFUL, CsvFormat.DEFAULT);
        for (List<String> cols : List.of(List.of("eruptions", "waiting"), List.of("waiting"))) {
            DataMatrix x = t.matrix(cols, t.completeRows(cols, false).rows());
            GaussianMixture m = GaussianMixtureEstimator.of(2).fit(x, 0).model();
            List<String> labels = labels(GmmPlot.modelChart(x, m)).stream().filter(l -> l.startsWith("component")).toList();
            assertThat(labels).as(cols.toString()).hasSize(2);
            for (int c = 0; c < 2; c++) {
                assertThat(labels.get(c)).startsWith(Legends.component(c)).startsWith("component " + c)
                        .contains(String.format(java.util.Locale.ROOT, "π = %.3g", m.weights()[c]));
            }
            if (cols.size() == 2) {
                assertThat(labels.get(0)).contains(String.format(java.util.Locale.ROOT, "%.3g", j.get("weights").get(0).asDouble()));
            }
        }
        assertThat(Legends.componentWeight(0, 0.25)).isEqualTo("component 0: π = 0.250");
    }

    private static List<String> labels(JFreeChart chart) {
        LegendItemCollection items = chart.getXYPlot().getFixedLegendItems() != null ? chart.getXYPlot().getFixedLegendItems()
                : chart.getXYPlot().getLegendItems();
        List<String> labels = new ArrayList<>();
        for (Iterator<?> it = items.iterator(); it.hasNext();) {
            labels.add(((LegendItem) it.next()).getLabel());
        }
        return labels;
    }
}
