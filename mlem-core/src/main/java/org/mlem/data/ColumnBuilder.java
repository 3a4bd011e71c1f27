package org.mlem.data;

import java.util.Arrays;

/**
 * Collects one CSV column's cells while a file is read: numbers into a growing {@code double[]}
 * until a cell fails to parse, text from then on.
 */
final class ColumnBuilder {
    private final String name;
    private final int position;
    private double[] numbers = new double[1024];
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
        if (size == (texts == null ? numbers.length : texts.length)) {
            grow();
        }
        double v = texts == null ? CsvCells.parse(cell) : CsvCells.parseInTextColumn(cell);
        boolean text = CsvCells.isTextMark(v);
        if (text) {
            textCells++;
        } else if (!Double.isNaN(v)) {
            numberCells++;
        }
        if (texts != null) {
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
        numbers[size++] = v;
    }

    private void grow() {
        int capacity = Math.max(16, size + (size >> 1));
        if (texts == null) {
            numbers = Arrays.copyOf(numbers, capacity);
        } else {
            texts = Arrays.copyOf(texts, capacity);
        }
    }

    private void switchToText(String cell) {
        texts = new String[numbers.length];
        for (int i = 0; i < size; i++) {
            texts[i] = CsvCells.format(numbers[i]);
        }
        numbers = null;
        firstTextRow = size;
        firstText = cell.strip();
        texts[size++] = firstText;
    }

    CsvColumn build() {
        if (texts != null) {
            return new CsvColumn.Text(name, position, Arrays.copyOf(texts, size), firstTextRow, firstText, numberCells, textCells);
        }
        return new CsvColumn.Numeric(name, position, Arrays.copyOf(numbers, size), firstInfiniteRow);
    }
}
