package org.mlem.nls;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One NIST StRD nonlinear regression file: two starts, certified values and the data columns. */
record NistProblem(String name, Map<String, Double> start1, Map<String, Double> start2,
        Map<String, Double> certified, Map<String, Double> certifiedSd, double certifiedRss,
        Map<String, double[]> columns) {

    static NistProblem load(String name) {
        String resource = "/fixtures/nist/nls/" + name + ".dat";
        try (InputStream in = NistProblem.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            return parse(name, reader.lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static NistProblem parse(String name, List<String> lines) {
        Map<String, Double> s1 = new LinkedHashMap<>();
        Map<String, Double> s2 = new LinkedHashMap<>();
        Map<String, Double> cert = new LinkedHashMap<>();
        Map<String, Double> sd = new LinkedHashMap<>();
        double rss = Double.NaN;
        List<String> header = null;
        List<double[]> rows = new ArrayList<>();
        for (String raw : lines) {
            String line = raw.strip();
            String[] tok = line.split("\\s+");
            if (header != null) {
                if (!line.isEmpty()) {
                    rows.add(Arrays.stream(tok).mapToDouble(Double::parseDouble).toArray());
                }
            } else if (line.matches("b\\d+\\s*=.*")) {
                String[] t = line.replace("=", " ").strip().split("\\s+");
                s1.put(t[0], Double.parseDouble(t[1]));
                s2.put(t[0], Double.parseDouble(t[2]));
                cert.put(t[0], Double.parseDouble(t[3]));
                sd.put(t[0], Double.parseDouble(t[4]));
            } else if (line.startsWith("Residual Sum of Squares:")) {
                rss = Double.parseDouble(tok[tok.length - 1]);
            } else if (line.matches("Data:\\s+y\\b.*")) {
                header = Arrays.asList(tok).subList(1, tok.length);
            }
        }
        Map<String, double[]> columns = new LinkedHashMap<>();
        for (int j = 0; j < header.size(); j++) {
            double[] col = new double[rows.size()];
            for (int i = 0; i < col.length; i++) {
                col[i] = rows.get(i)[j];
            }
            columns.put(header.get(j), col);
        }
        return new NistProblem(name, s1, s2, cert, sd, rss, columns);
    }

    /** Log relative error: correct significant digits of {@code value} against {@code certified}. */
    static double lre(double value, double certified) {
        double rel = Math.abs(value - certified) / Math.abs(certified);
        return rel == 0 ? 15 : Math.min(15, -Math.log10(rel));
    }
}
