package org.mlem.cli;

import java.util.List;
import java.util.function.Supplier;
import org.mlem.data.CsvTable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What {@code fit dist} and {@code select dist} are told about rows besides their values, with one
 * meaning: {@code --weights}, the censoring columns ({@link CensoringArgs}) and the truncation range
 * ({@link TruncationArgs}).
 */
final class DistRowArgs {
    @Option(names = "--weights", paramLabel = "COLUMN", description = WeightColumn.HELP)
    String weights;

    @Mixin
    CensoringArgs censoring;

    @Mixin
    TruncationArgs truncation;

    /**
     * The rows ({@link CensoringArgs#readRows}) of {@code column}, or, when neither {@code --status} nor
     * {@code --interval} is given and {@code column} is null, of the column {@code plain} chooses.
     */
    CensoringArgs.Rows read(CsvTable table, Supplier<String> plain, String column, boolean dropMissing,
            Terminal terminal) {
        String value = censoring.status == null && censoring.interval == null && column == null ? plain.get() : column;
        return censoring.readRows(table, value, weights == null ? List.of() : List.of(weights), weights, dropMissing,
                terminal);
    }

    /** Whether the rows are fitted by the censored likelihood: censoring or truncation given. */
    boolean censoredOrTruncated() {
        return censoring.given() || truncation.given();
    }
}
