package org.mlem.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntConsumer;
import org.mlem.MlemUserException;
import org.mlem.data.CsvTable;
import org.mlem.data.DataMatrix;
import org.mlem.io.ModelJson;
import org.mlem.model.EmKind.Capability;
import picocli.CommandLine.Option;

/**
 * What a latent model is told about rows besides their cells, shared by every EM fit and every
 * {@code select} grid with one meaning: {@code --weights}, {@code --labels}, {@code --missing}.
 * Whether a model takes each is its {@link org.mlem.model.EmKind}'s capability ({@link #refuse}).
 */
final class RowArgs {
    @Option(order = Shared.ORDER, names = "--weights", paramLabel = "COLUMN", description = WeightColumn.HELP
            + " An HMM takes one weight per sequence, carried by each of its rows.")
    String weights;

    @Option(order = Shared.ORDER, names = "--labels", paramLabel = "COLUMN", description = LabelColumn.HELP
            + " An HMM's labels are the known states of some steps. In select, a candidate whose k cannot hold the "
            + "labels (a label >= k, or a component with no labelled row) is listed as failed with the reason.")
    String labels;

    @Option(order = Shared.ORDER, names = "--missing", paramLabel = "error|em",
            description = "em: fit rows with missing cells (empty, NA, NaN), each missing cell marginalised in the E-step "
                    + "(cells missing at random); error: a missing cell is an error unless --drop-missing (default: error).")
    String missing;

    /** {@code --states-column}'s help: an HMM's older name for {@code --labels}. */
    static final String STATES_COLUMN_HELP = "Column of known states 0..K-1 for some steps (empty or NA: unknown): "
            + "the same as --labels.";

    /**
     * Takes {@code column}, given by {@code option} (an older name of {@code --labels}, or null when
     * not given), as the labels; one line when both name different columns.
     */
    void labelsAlias(String option, String column) {
        if (column == null) {
            return;
        }
        if (labels != null && !labels.equals(column)) {
            throw new MlemUserException(option + " " + column + " and --labels " + labels + " are the same option; give one");
        }
        labels = column;
    }

    /**
     * Refuses, in one line, an option given to {@code command} whose model lacks the capability
     * ({@code can}, its registered kind's); {@code why} says why a model cannot take missing cells.
     */
    void refuse(String command, Set<Capability> can, String why, InputOptions input) {
        if (weights != null && !can.contains(Capability.WEIGHTS)) {
            throw new MlemUserException("--weights is not available for " + command);
        }
        if (labels != null && !can.contains(Capability.LABELS)) {
            throw new MlemUserException("--labels is not available for " + command);
        }
        if (missing != null && !missing.equalsIgnoreCase("error") && !can.contains(Capability.MISSING)) {
            MissingCells.em(missing, input);
            throw new MlemUserException("--missing " + missing + " is not available for " + command + ": " + why);
        }
    }

    /**
     * Whether {@code --missing em} was asked for (a user error for another value than em and error,
     * or with {@code --drop-missing}); call {@link #refuse} first for a model that cannot take it.
     */
    boolean missingEm(InputOptions input) {
        return MissingCells.em(missing, input);
    }

    /** The file's rows fitted and their matrix, weights attached (no labels: their k is the caller's). */
    record Rows(int[] rows, DataMatrix data) {}

    /**
     * The rows of {@code columns} as the matrix to fit, with {@code --weights}: every complete row
     * (or, with {@code missingEm}, every row with something observed; a weight must be there either way).
     */
    Rows matrix(CsvTable table, List<String> columns, boolean missingEm, InputOptions input, Terminal terminal) {
        List<String> side = weights == null ? List.of() : List.of(weights);
        int[] rows;
        if (missingEm) {
            rows = MissingCells.rows(table, columns, side, input, terminal);
        } else {
            List<String> required = new ArrayList<>(columns);
            required.addAll(side);
            rows = input.rows(table, required, terminal).rows();
        }
        DataMatrix data = table.matrix(columns, rows);
        if (weights != null) {
            data = data.withWeights(WeightColumn.read(table, weights, rows));
        }
        return new Rows(rows, data);
    }

    /**
     * The rows as {@link #matrix} chooses them, with {@code --labels} attached for any k (select's
     * grid: {@code known}, null without labels, checks each candidate's k); {@code rows} are the
     * file's rows fitted, in order.
     */
    record Labelled(DataMatrix data, LabelColumn known, int[] rows) {
        /** Each candidate's k against the labels (null without them), for {@link LabelledFamily}. */
        IntConsumer check() {
            return known == null ? null : known::check;
        }

        /** {@code node} (a model file) with the text labels' classes, as the fit writes them. */
        ObjectNode addClasses(ObjectNode node) {
            if (known != null && known.classes() != null) {
                node.set("classes", ModelJson.mapper().valueToTree(known.classes()));
            }
            return node;
        }
    }

    /** {@link #matrix} with the labels, read once for every k of a grid. */
    Labelled labelledMatrix(CsvTable table, List<String> columns, boolean missingEm, InputOptions input, Terminal terminal) {
        Rows chosen = matrix(table, columns, missingEm, input, terminal);
        if (labels == null) {
            return new Labelled(chosen.data(), null, chosen.rows());
        }
        LabelColumn known = LabelColumn.read(table, labels, chosen.rows());
        return new Labelled(chosen.data().withLabels(known.labels()), known, chosen.rows());
    }

    /** The names of the {@code --labels} and {@code --weights} columns of {@code table} and {@code more}, kept out of the model's columns. */
    List<String> sideColumns(CsvTable table, String... more) {
        List<String> out = new ArrayList<>();
        for (String c : more) {
            if (c != null) {
                out.add(table.column(c).name());
            }
        }
        for (String c : new String[] {labels, weights}) {
            if (c != null) {
                out.add(table.column(c).name());
            }
        }
        return out;
    }
}
