package org.mlem.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.mlem.MlemUserException;
import org.mlem.data.CsvTable;
import org.mlem.data.DataMatrix;
import org.mlem.io.MixtureJson;
import org.mlem.io.ModelJson;
import org.mlem.io.RegmixJson;
import org.mlem.mixture.ProductMixture;

/**
 * {@code predict}, {@code score} and {@code sample} for mixture model files of other families:
 * {@code mixture} (any families) and {@code regmix} (mixtures of regressions, scored on the
 * response given the covariates). Each method returns null for a file it does not handle, so the
 * command goes on with its Gaussian-mixture path.
 */
final class FamilyModels {
    private FamilyModels() {}

    /** Posterior probabilities (n×k), per-row log-likelihoods and the class names (or null) of the rows used. */
    record Scored(double[][] probabilities, double[] logLikelihoods, List<String> classes) {
        int[] labels() {
            int[] z = new int[probabilities.length];
            for (int i = 0; i < z.length; i++) {
                for (int j = 1; j < probabilities[i].length; j++) {
                    if (probabilities[i][j] > probabilities[i][z[i]]) {
                        z[i] = j;
                    }
                }
            }
            return z;
        }
    }

    /** The model applied to the data file, or null when the model file is not one of these kinds. */
    static Scored score(ScoringInput.Args args, Terminal terminal) {
        JsonNode root = ModelJson.readTree(args.model);
        String kind = root.path("model").asText("");
        String source = args.model.toString();
        List<String> classes = classes(root);
        if (kind.equals("mixture")) {
            ProductMixture m = MixtureJson.from(root, source);
            CsvTable table = args.input.read(args.file, terminal);
            List<String> columns = args.input.modelColumns(table, m.columns(), List.of());
            if (columns.size() != m.dimension()) {
                throw new MlemUserException("the model has " + m.dimension() + " columns but " + columns.size()
                        + " were chosen (" + String.join(", ", columns) + "); choose " + m.dimension() + " with --columns",
                        table.source(), -1, -1);
            }
            int[] rows = args.input.rows(table, columns, terminal).rows();
            DataMatrix data = table.matrix(columns, rows);
            DataMatrix named = DataMatrix.of(data.values(), data.rows(), data.cols(), m.columns());
            MixtureLayout.checkSupport(m.layout(), named, table, rows);
            double[] flat = m.predictProbabilities(named);
            double[][] p = new double[data.rows()][m.k()];
            for (int i = 0; i < p.length; i++) {
                System.arraycopy(flat, i * m.k(), p[i], 0, m.k());
            }
            return new Scored(p, m.scoreRows(named), classes);
        }
        if (kind.equals("regmix")) {
            RegmixJson file = RegmixJson.from(root, source);
            CsvTable table = args.input.read(args.file, terminal);
            RegmixScoring s = RegmixScoring.of(file, CsvFrame.of(table), args.input.dropMissing);
            if (s.design().droppedRows() > 0) {
                terminal.err().println("mlem: " + table.source() + ": dropped " + s.design().droppedRows() + " of "
                        + table.rows() + " rows with a missing cell (--drop-missing)");
            }
            return new Scored(s.probabilities(), s.rowLogLikelihoods(), classes);
        }
        return null;
    }

    /** Rows drawn from the model with their components, or null when the file is not one of these kinds. */
    static DataMatrix sample(Path model, int n, long seed) {
        JsonNode root = ModelJson.readTree(model);
        String kind = root.path("model").asText("");
        if (kind.equals("mixture")) {
            return MixtureJson.from(root, model.toString()).sample(n, new SplittableRandom(seed));
        }
        if (kind.equals("regmix")) {
            throw new MlemUserException("a mixture of regressions models a response given covariates, so it has no rows "
                    + "of its own to draw; sample needs a gmm or mixture model file", model.toString(), -1, -1);
        }
        return null;
    }

    private static List<String> classes(JsonNode root) {
        JsonNode c = root.get("classes");
        if (c == null || !c.isArray()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        c.forEach(e -> out.add(e.asText()));
        return out;
    }
}
