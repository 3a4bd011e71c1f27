package org.mlem.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Collects one CSV column's cells while a file is read: numbers into fixed-size chunks until a
 * cell fails to parse, text from then on, counting the number and text cells (a column that is
 * numeric but for a few cells is a data error at the first of them, not a text column).
 *
 * <p>Chunks, not one growing array: a growing array holds up to 1.5 times the column while it
 * waits for the next cell and 2.5 times while it is copied to grow, in every column at once;
 * chunks hold the column's cells and at most one chunk more, and the column keeps them (no copy
 * into one array), so reading a file needs about its cells in doubles, in arrays small enough
 * for the collector to move.
 */
final class ColumnBuilder {
    private final String name;
    private final int position;
    static final int CHUNK = 1 << 13;
    private final List<double[]> chunks = new ArrayList<>();
    private double[] current;
    private String[] texts;
    private int size;
    private int firstInfiniteRow = -1;
    private int firstTextRow = -1;
    private String firstText;
    private int numberCells;
    private int textCells;

    ColumnBuilder(String name, int position) {
        this.name = name;
        this.position = position;
    }

    void add(String cell) {
        double v = texts == null ? CsvCells.parse(cell) : CsvCells.parseInTextColumn(cell);
        boolean text = CsvCells.isTextMark(v);
        if (text) {
            textCells++;
        } else if (!Double.isNaN(v)) {
            numberCells++;
        }
        if (texts != null) {
            if (size == texts.length) {
                texts = Arrays.copyOf(texts, Math.max(16, size + (size >> 1)));
            }
            texts[size++] = Double.isNaN(v) && !text ? null : cell.strip();
            return;
        }
        if (text) {
            switchToText(cell);
            return;
        }
        if (Double.isInfinite(v) && firstInfiniteRow < 0) {
            firstInfiniteRow = size;
        }
        if (size % CHUNK == 0) {
            current = new double[CHUNK];
            chunks.add(current);
        }
        current[size % CHUNK] = v;
        size++;
    }

    private void switchToText(String cell) {
        texts = new String[Math.max(16, size + 1 + (size >> 1))];
        for (int i = 0; i < size; i++) {
            texts[i] = CsvCells.format(chunks.get(i / CHUNK)[i % CHUNK]);
        }
        chunks.clear();
        current = null;
        firstTextRow = size;
        firstText = cell.strip();
        texts[size++] = firstText;
    }

    CsvColumn build() {
        if (texts != null) {
            return new CsvColumn.Text(name, position, Arrays.copyOf(texts, size), firstTextRow, firstText, numberCells, textCells);
        }
        double[][] cells = chunks.toArray(new double[0][]);
        chunks.clear();
        current = null;
        return new CsvColumn.Numeric(name, position, cells, size, firstInfiniteRow);
    }
}
