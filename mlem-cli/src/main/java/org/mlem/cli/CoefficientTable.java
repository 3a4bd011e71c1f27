package org.mlem.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * R's {@code printCoefmat}: the table of estimates under "Coefficients:" or "Parameters:" with
 * columns Estimate, Std. Error, t or z value, Pr(>|t|) or Pr(>|z|) and significance stars. Rows whose
 * estimate is NaN (aliased) print NA throughout, as R does.
 */
final class CoefficientTable {
    private final List<String> names = new ArrayList<>();
    private final List<double[]> rows = new ArrayList<>();
    private final String statistic;

    /** @param statistic "t" or "z" */
    CoefficientTable(String statistic) {
        this.statistic = statistic;
    }

    CoefficientTable row(String name, double estimate, double standardError, double value, double pValue) {
        names.add(name);
        rows.add(new double[] {estimate, standardError, value, pValue});
        return this;
    }

    /** The table and, when any row has a p-value, R's line of significance codes after "---". */
    String render() {
        int n = rows.size();
        double[] both = new double[2 * n];
        double[] stat = new double[n];
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            both[i] = rows.get(i)[0];
            both[n + i] = rows.get(i)[1];
            stat[i] = Math.rint(rows.get(i)[2] * 1000) / 1000 + 0.0; // + 0.0: no "-0"
            p[i] = rows.get(i)[3];
        }
        String[] estSe = RNumbers.format(both, 4);
        String[] stats = RNumbers.format(stat, 4);
        String[] ps = RNumbers.pValues(p);
        String[][] cells = new String[n + 1][];
        cells[0] = new String[] {"", "Estimate", "Std. Error", statistic + " value", "Pr(>|" + statistic + "|)", ""};
        boolean anyStar = false;
        for (int i = 0; i < n; i++) {
            String star = RNumbers.stars(p[i]);
            anyStar |= !Double.isNaN(p[i]);
            cells[i + 1] = new String[] {names.get(i), estSe[i], estSe[n + i], stats[i], ps[i], star};
        }
        int[] width = new int[6];
        for (String[] r : cells) {
            for (int c = 0; c < 6; c++) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        width[5] = 3;
        String nl = System.lineSeparator();
        StringBuilder sb = new StringBuilder();
        for (String[] r : cells) {
            StringBuilder line = new StringBuilder(r[0]).append(" ".repeat(width[0] - r[0].length()));
            for (int c = 1; c < 5; c++) {
                line.append(' ').append(" ".repeat(width[c] - r[c].length())).append(r[c]);
            }
            line.append(' ').append(r[5]);
            sb.append(line.toString().stripTrailing()).append(nl);
        }
        if (anyStar) {
            sb.append("---").append(nl).append(RNumbers.SIGNIF_CODES).append(nl);
        }
        return sb.toString();
    }
}
