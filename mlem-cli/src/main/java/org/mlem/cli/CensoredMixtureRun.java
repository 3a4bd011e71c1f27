package org.mlem.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.mlem.MlemUserException;
import org.mlem.data.CsvTable;
import org.mlem.dist.Distribution;
import org.mlem.dist.Families;
import org.mlem.dist.UnivariateFamily;
import org.mlem.em.EmOptions;
import org.mlem.em.MixtureFit;
import org.mlem.mixture.CensoredMixtureEstimator;
import org.mlem.mixture.ComponentPart;
import org.mlem.mixture.MixtureInit;
import org.mlem.mixture.ProductMixture;
import org.mlem.survival.CensoredSample;
import org.mlem.survival.RowException;
import org.mlem.survival.Truncation;
import org.mlem.uncertainty.CensoredMixtureUncertainty;

/**
 * {@code fit mixture} with {@code --status} or {@code --interval}: a mixture of one continuous
 * family fitted to censored rows ({@link CensoredMixtureEstimator}). The rows are read as
 * {@code fit dist} reads them ({@link CensoringArgs}); the model is the ordinary one-column
 * mixture, so {@code predict}, {@code score} and {@code sample} take its file ({@code score} and
 * {@code predict} with the same {@code --status}/{@code --interval} score censored rows, {@link CensoredRows}).
 */
final class CensoredMixtureRun {
    private final CsvTable table;
    private final int[] rows;
    private final String column;
    private final CensoredSample sample;
    private final CensoredMixtureEstimator estimator;

    private CensoredMixtureRun(CsvTable table, int[] rows, String column, CensoredSample sample,
            CensoredMixtureEstimator estimator) {
        this.table = table;
        this.rows = rows;
        this.column = column;
        this.sample = sample;
        this.estimator = estimator;
    }

    /** Reads the rows and configures the fit; the model's one column is the value (or lower-bound) column. */
    static CensoredMixtureRun prepare(FitMixtureCommand c, Terminal terminal) {
        c.censoring.check();
        refuse(c);
        ProductMixture start = ModelFiles.isFile(c.init) ? ModelFiles.mixture(Path.of(c.init)) : null;
        UnivariateFamily family = family(c, start);
        int k = c.k != null ? Checks.atLeast("--k", c.k, 1) : start.k();
        if (start != null && start.k() != k) {
            throw new MlemUserException("--k " + k + " but the --init model has k=" + start.k() + "; drop --k or make them agree");
        }
        CsvTable table = c.input.read(c.file, terminal);
        CensoringArgs.Rows read = c.censoring.readRows(table, valueColumn(c.column, c.input.columns),
                c.sideColumns(table), c.rowArgs.weights, c.input.dropMissing, terminal);
        int[] rows = read.rows();
        List<String> values = read.columns();
        CensoredSample sample = read.sample();
        MixtureInit init = start != null ? new MixtureInit.Given(start)
                : c.init.equalsIgnoreCase("random") ? new MixtureInit.RandomResponsibilities() : MixtureInit.DEFAULT;
        EmOptions em = c.em.options(EmOptions.DEFAULTS);
        c.columns = List.of(values.get(0));
        return new CensoredMixtureRun(table, rows, values.get(0), sample,
                new CensoredMixtureEstimator(k, family, init, em));
    }

    /** The value column: {@code column}, or the one of {@code columns} (--columns); null when neither names it. */
    static String valueColumn(String column, List<String> columns) {
        if (column != null || columns == null || columns.isEmpty()) {
            return column;
        }
        if (columns.size() != 1) {
            throw new MlemUserException("a censored mixture models one column, but --columns names "
                    + columns.size() + "; give the value column with --column");
        }
        return columns.get(0);
    }

    EmOptions emOptions() {
        return estimator.em();
    }

    MixtureFit<ProductMixture> fit(long seed, Progress progress) {
        try {
            return estimator.fit(sample, column, seed, progress);
        } catch (RowException e) {
            throw table.errorAt(column, rows[e.row()], e.problem());
        }
    }

    /** Standard errors from the observed information of the censored rows (numerical Hessian of ℓ). */
    void standardErrors(UncertaintyArgs args, ProductMixture model, long seed) {
        args.compute(null, null, model, seed, 1, () -> CensoredMixtureUncertainty.observed(model, sample));
    }

    /**
     * The picture of a censored mixture ({@link CensoredPicture}): the rows' Kaplan–Meier or Turnbull
     * curve with the fitted mixture's survival function Σ_j π_j S_j(t).
     */
    static CensoredPicture picture(ProductMixture m, CensoredSample sample) {
        int k = m.k();
        Distribution[] parts = new Distribution[k];
        for (int j = 0; j < k; j++) {
            parts[j] = ((ComponentPart.UnivariatePart) m.component(j).parts().get(0)).distribution();
        }
        double[] pi = m.weights();
        return CensoredPicture.of(sample, Truncation.NONE, parts[0].family().supportFault(-1) != null, t -> {
            double s = 0;
            for (int j = 0; j < k; j++) {
                s += pi[j] * parts[j].survival(t);
            }
            return s;
        });
    }

    /** Draws {@link #picture} of the fit, titled by the family, k, n and the log-likelihood. */
    void plot(Path png, MixtureFit<ProductMixture> fit) {
        ProductMixture m = fit.model();
        String name = estimator.family().name();
        String subtitle = String.format(Locale.ROOT, "%s of %s  (k = %d, n = %d, log L = %.6g)", column, table.source(),
                m.k(), sample.rows(), fit.logLikelihood());
        picture(m, sample).write(png, "Censored " + name + " mixture: observed and fitted survival", subtitle, column,
                "fitted mixture, sum of weight x component survival");
    }

    /** Adds {@code censoring} (rows by kind) to the model's JSON. */
    void addTo(ObjectNode json) {
        CensoringArgs.addCounts(json, sample);
    }

    String summaryLine() {
        return CensoringArgs.countsLine(sample);
    }

    private static UnivariateFamily family(FitMixtureCommand c, ProductMixture start) {
        if (c.families != null) {
            throw new MlemUserException("--families with --status/--interval: a censored mixture has one column;"
                    + " give its family with --family");
        }
        if (c.family != null) {
            return Families.byName(c.family);
        }
        if (start == null) {
            throw new MlemUserException("--family is required (e.g. --family weibull), or --init FILE.json to take it"
                    + " from a model");
        }
        if (start.dimension() != 1 || !(start.component(0).parts().get(0) instanceof ComponentPart.UnivariatePart u)) {
            throw new MlemUserException("the --init model has " + start.dimension() + " columns; a censored mixture"
                    + " starts from a one-column mixture");
        }
        return u.model().family();
    }

    private static void refuse(FitMixtureCommand c) {
        String flag = c.fixed != null ? "--fixed" : c.missingEm() ? "--missing em" : c.rowArgs.labels != null ? "--labels"
                : c.uncertainty.bootstrap != null ? "--bootstrap" : null;
        if (flag != null) {
            throw new MlemUserException(flag + " is not implemented for censored mixtures (--status/--interval) yet;"
                    + " leave it out" + (flag.equals("--bootstrap") ? " (--standard-errors louis gives standard errors)" : ""));
        }
    }
}
