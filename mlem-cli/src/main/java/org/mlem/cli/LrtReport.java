package org.mlem.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import org.mlem.data.DataMatrix;
import org.mlem.gmm.CovarianceStructure;
import org.mlem.gmm.GaussianMixture;
import org.mlem.io.ModelJson;
import org.mlem.select.BootstrapLrt;
import org.mlem.select.GaussianFamily;
import org.mlem.select.SelectionResult;

/**
 * {@code select gmm --bootstrap-lrt B}: the bootstrap LRT ({@link BootstrapLrt}) of k against k + 1
 * for every consecutive pair of the grid's k, from the grid's own fits; a pair whose fit failed or
 * is never chosen (degenerate) is listed as not tested, with the reason.
 */
record LrtReport(String model, int replicates, List<BootstrapLrt.Step> steps, List<String> skipped) {

    static LrtReport run(SelectionResult<GaussianMixture> result, List<Integer> ks, CovarianceStructure structure,
            GaussianFamily family, DataMatrix data, int replicates, long seed, int threads) {
        if (data.hasWeights()) {
            throw new org.mlem.MlemUserException("the bootstrap LRT draws unweighted rows; fit without --weights");
        }
        BootstrapLrt.Grid grid = new BootstrapLrt(family.estimator(1, structure), replicates).overGrid(result, ks,
                family.variantName(structure), data.rows(), data.columns(), seed, BootstrapLrt.inThreads(threads));
        return new LrtReport(structure.mclustName(data.cols()), replicates, grid.steps(), grid.notTested());
    }

    String text() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "%nbootstrap likelihood-ratio test, model %s, %d replicates (mclust's mclustBootstrapLRT):%n", model,
                replicates));
        TextTable t = new TextTable().row("k vs k+1", "LRT", "p-value");
        for (BootstrapLrt.Step s : steps) {
            t.row(s.k() + " vs " + (s.k() + 1), CsvNumbers.brief(s.observed()), CsvNumbers.brief(s.pValue()));
        }
        sb.append(t.render());
        for (String line : skipped) {
            sb.append("  ").append(line).append(System.lineSeparator());
        }
        return sb.toString();
    }

    /** {@code {model, replicates, tests: [{k, observed, pValue, bootstrap: [B]}], notTested: [..]}}. */
    ObjectNode json() {
        ObjectNode node = ModelJson.mapper().createObjectNode();
        node.put("model", model);
        node.put("replicates", replicates);
        ArrayNode tests = node.putArray("tests");
        for (BootstrapLrt.Step s : steps) {
            ObjectNode o = tests.addObject();
            o.put("k", s.k());
            o.put("observed", s.observed());
            o.put("pValue", s.pValue());
            o.set("bootstrap", ModelJson.mapper().valueToTree(s.bootstrap()));
        }
        node.set("notTested", ModelJson.mapper().valueToTree(skipped));
        return node;
    }
}
