package org.mlem.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mlem.MlemUserException;
import org.mlem.data.CsvTable;
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
        String chosen = c.column;
        if (chosen == null && c.input.columns != null && !c.input.columns.isEmpty()) {
            if (c.input.columns.size() != 1) {
                throw new MlemUserException("a censored mixture models one column, but --columns names "
                        + c.input.columns.size() + "; give the value column with --column");
            }
            chosen = c.input.columns.get(0);
        }
        List<String> side = c.sideColumns(table);
        List<String> values = c.censoring.valueColumns(table, chosen, side);
        List<String> required = new ArrayList<>(c.censoring.required(table, values));
        if (c.rowArgs.weights != null) {
            required.add(table.column(c.rowArgs.weights).name());
        }
        int[] rows = FrameInput.completeRows(table, required, c.input.dropMissing, terminal);
        double[] w = c.rowArgs.weights == null ? null : WeightColumn.read(table, c.rowArgs.weights, rows);
        CensoredSample sample = c.censoring.read(table, values, rows, w);
        MixtureInit init = start != null ? new MixtureInit.Given(start)
                : c.init.equalsIgnoreCase("random") ? new MixtureInit.RandomResponsibilities() : MixtureInit.DEFAULT;
        EmOptions em = c.em.options(EmOptions.DEFAULTS);
        c.columns = List.of(values.get(0));
        return new CensoredMixtureRun(table, rows, values.get(0), sample,
                new CensoredMixtureEstimator(k, family, init, em));
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
                : c.output.plot != null ? "--plot" : c.uncertainty.bootstrap != null ? "--bootstrap" : null;
        if (flag != null) {
            throw new MlemUserException(flag + " is not implemented for censored mixtures (--status/--interval) yet;"
                    + " leave it out" + (flag.equals("--bootstrap") ? " (--standard-errors louis gives standard errors)" : ""));
        }
    }
}
