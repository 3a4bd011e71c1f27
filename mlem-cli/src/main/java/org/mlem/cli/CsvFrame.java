package org.mlem.cli;

import org.mlem.data.CsvColumn;
import org.mlem.data.CsvTable;
import org.mlem.formula.Frame;

/**
 * A CSV table as a formula {@link Frame}: numeric columns stay numeric (missing cells NaN), text
 * columns become factors (missing cells null). Infinite cells are refused where a formula uses
 * them, by the design builder.
 */
final class CsvFrame {
    private CsvFrame() {}

    static Frame of(CsvTable table) {
        Frame.Builder b = Frame.builder();
        for (String name : table.names()) {
            CsvColumn c = table.column(name);
            if (c instanceof CsvColumn.Numeric n) {
                b.numeric(name, n.values());
            } else {
                b.text(name, ((CsvColumn.Text) c).values());
            }
        }
        return b.build();
    }
}
