package org.mlem.cli;

import java.util.List;
import java.util.Locale;
import org.mlem.em.MixtureFit;
import org.mlem.hmm.CategoricalEmission;
import org.mlem.hmm.Emission;
import org.mlem.hmm.GaussianEmission;
import org.mlem.hmm.HiddenMarkovModel;

/** The human-readable summary of a hidden Markov model fit. */
final class HmmSummary {
    private HmmSummary() {}

    static String of(MixtureFit<HiddenMarkovModel> fit, List<String> columns, int sequences, double readSeconds) {
        HiddenMarkovModel m = fit.model();
        int k = m.states();
        Emission e = m.emissions();
        String nl = System.lineSeparator();
        String kind = e instanceof GaussianEmission g ? "gaussian (" + g.structure().id() + " covariance)" : e.spec().name();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Hidden Markov model: %d states, %s emissions, %d sequence%s, %d steps, columns %s%n%n",
                k, kind, sequences, sequences == 1 ? "" : "s", fit.rows(), String.join(", ", columns)));
        String[] names = new String[k];
        for (int j = 0; j < k; j++) {
            names[j] = "state " + j;
        }
        TextTable t = new TextTable().row("", names).row("start probability", m.startProbabilities());
        emissionRows(t, e, columns);
        sb.append(t.render());
        sb.append(nl).append("transition probabilities (row = from, column = to)").append(nl);
        TextTable a = new TextTable().row("", names);
        double[][] trans = m.transitionMatrix();
        for (int i = 0; i < k; i++) {
            a.row(names[i], trans[i]);
        }
        sb.append(a.render());
        if (e instanceof GaussianEmission g && g.dimension() > 1 && g.structure().id().equals("full")) {
            for (int j = 0; j < k; j++) {
                sb.append(nl).append("covariance of state ").append(j).append(nl).append(GmmSummary.matrix(g.covariance(j), columns));
            }
        }
        sb.append(nl).append(GmmSummary.fitLines(fit, readSeconds).render());
        return sb.toString();
    }

    /** One row per emission parameter, one column per state. */
    private static void emissionRows(TextTable t, Emission e, List<String> columns) {
        int k = e.states();
        if (e instanceof GaussianEmission g) {
            double[][] means = g.means();
            double[][] variances = new double[k][];
            for (int j = 0; j < k; j++) {
                variances[j] = g.variances(j);
            }
            for (int a = 0; a < g.dimension(); a++) {
                double[] mean = new double[k];
                double[] sd = new double[k];
                for (int j = 0; j < k; j++) {
                    mean[j] = means[j][a];
                    sd[j] = Math.sqrt(variances[j][a]);
                }
                t.row("mean " + columns.get(a), mean).row("sd " + columns.get(a), sd);
            }
        } else if (e instanceof CategoricalEmission c) {
            double[][] p = c.probabilities();
            for (int code = 0; code < c.categories(); code++) {
                double[] row = new double[k];
                for (int j = 0; j < k; j++) {
                    row[j] = p[j][code];
                }
                t.row("P(" + columns.get(0) + " = " + code + ")", row);
            }
        } else {
            for (String name : e.parameters(0).keySet()) {
                double[] row = new double[k];
                for (int j = 0; j < k; j++) {
                    row[j] = ((Number) e.parameters(j).get(name)).doubleValue();
                }
                t.row(name, row);
            }
        }
    }
}
