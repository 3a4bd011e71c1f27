package org.mlem.glm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The NIST StRD linear least-squares problems (fixtures/nist/lls, public domain). Oracle: NIST's
 * certified values (computed in 500-digit arithmetic). Tolerance: log relative error (LRE,
 * -log10 |est - cert| / |cert|) of every coefficient, standard error, residual SD and R-squared at
 * least 9, and at least 7 for Filip and Wampler5, as the brief for this package asks.
 */
class NistLinearTest {

    record Problem(String name, double[][] data, int params, double[][] certified, double residualSd, double rSquared) {
    }

    @ParameterizedTest
    @ValueSource(strings = {"Norris", "Pontius", "NoInt1", "NoInt2", "Filip", "Longley", "Wampler1", "Wampler2",
        "Wampler3", "Wampler4", "Wampler5"})
    void certifiedValuesToRequiredDigits(String name) throws IOException {
        Problem p = read(name);
        NistFit fit = NistFit.of(p);
        double required = name.equals("Filip") || name.equals("Wampler5") ? 7 : 9;
        double coef = Double.POSITIVE_INFINITY;
        double se = Double.POSITIVE_INFINITY;
        for (int j = 0; j < p.params; j++) {
            coef = Math.min(coef, lre(fit.coefficients()[j], p.certified[j][0]));
            se = Math.min(se, lre(fit.standardErrors()[j], p.certified[j][1]));
        }
        double sd = lre(fit.residualSd(), p.residualSd);
        double r2 = lre(fit.rSquared(), p.rSquared);
        double worst = Math.min(Math.min(coef, se), Math.min(sd, r2));
        System.out.printf("NIST %-9s LRE coefficients %.1f, standard errors %.1f, residual SD %.1f, R2 %.1f%n",
                name, coef, se, sd, r2);
        assertThat(worst).as("digits of agreement with NIST for " + name).isGreaterThanOrEqualTo(required);
    }

    /** Log relative error, capped at 15 (agreement to double precision); absolute when cert is 0. */
    static double lre(double est, double cert) {
        double err = cert == 0 ? Math.abs(est) : Math.abs(est - cert) / Math.abs(cert);
        return err == 0 ? 15 : Math.min(15, -Math.log10(err));
    }

    static Problem read(String name) throws IOException {
        List<String> lines;
        try (InputStream in = NistLinearTest.class.getResourceAsStream("/fixtures/nist/lls/" + name + ".dat")) {
            lines = new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines().toList();
        }
        String header = String.join("\n", lines);
        int[] dataLines = range(header, "Data\\s+\\(lines (\\d+) to (\\d+)\\)");
        int params = Integer.parseInt(find(header, "(\\d+) Parameters?"));
        double[][] cert = new double[params][];
        int c = 0;
        for (String line : lines) {
            if (line.trim().matches("B\\d+\\s+\\S+\\s+\\S+") && c < params) {
                String[] f = line.trim().split("\\s+");
                cert[c++] = new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2])};
            }
        }
        double sd = Double.parseDouble(find(header, "Residual\\s+Standard Deviation\\s+(\\S+)"));
        double r2 = Double.parseDouble(find(header, "R-Squared\\s+(\\S+)"));
        List<double[]> rows = new ArrayList<>();
        for (int i = dataLines[0] - 1; i < dataLines[1]; i++) {
            String[] f = lines.get(i).trim().split("\\s+");
            double[] row = new double[f.length];
            for (int k = 0; k < f.length; k++) {
                row[k] = Double.parseDouble(f[k]);
            }
            rows.add(row);
        }
        return new Problem(name, rows.toArray(new double[0][]), params, cert, sd, r2);
    }

    private static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no " + regex);
        }
        return m.group(1);
    }

    private static int[] range(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no " + regex);
        }
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
    }
}
