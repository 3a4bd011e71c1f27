package org.mlem.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.mlem.MlemUserException;
import org.mlem.cli.plot.DistPlot;
import org.mlem.data.CsvColumn;
import org.mlem.data.CsvTable;
import org.mlem.dist.Families;
import org.mlem.dist.FittedDistribution;
import org.mlem.dist.UnivariateFamily;
import org.mlem.io.FitJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mlem fit dist}: one univariate distribution by maximum likelihood, as R's {@code MASS::fitdistr}. */
@Command(name = "dist", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        footerHeading = "%nExamples:%n", footer = {
                "  ./mlem fit dist --family gamma --column eruptions examples/faithful.csv",
                "  ./mlem fit dist --family negbin --column breaks examples/warpbreaks.csv",
                "  ./mlem fit dist --family normal --column waiting --plot w.png \\",
                "      examples/faithful.csv",
                "  ./mlem fit dist --family weibull --column time --status status \\",
                "      examples/lung.csv",
                "  ./mlem fit dist --family lognormal --interval left,right \\",
                "      examples/salinity.csv",
                "  ./mlem fit dist --family negbin --interval lo,hi examples/quine_days.csv",
                "  ./mlem fit dist --family poisson --truncate-below 0 \\",
                "      examples/articles_positive.csv"},
        header = "A univariate distribution by maximum likelihood (as R's MASS::fitdistr).",
        description = "Fit one distribution family to one column of a CSV file by maximum likelihood. Parameters are "
                + "named and parameterised as R names them (gamma: shape, rate; weibull: shape, scale; negbin: size, mu; "
                + "...); standard errors come from the observed information. With --status or --interval the rows may be "
                + "left-, right- or interval-censored, and --truncate-below/--truncate-above declare truncation "
                + "(as fitdistrplus::fitdistcens). For a count family (poisson, negbin, geometric, binomial) bounds are "
                + "whole numbers and inclusive: LO,HI means LO <= X <= HI, a right-censored value c means c or more "
                + "(X >= c), a left-censored one X <= c; truncated below A and above B only A < X <= B is observed "
                + "(--truncate-below 0: zero-truncated).")
public final class FitDistCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--family", required = true, paramLabel = "NAME",
            description = "normal, lognormal, exponential, gamma, weibull, beta, t, laplace, logistic, poisson, negbin, "
                    + "geometric, binomial:SIZE (or binomial with --size), bernoulli, categorical (integer codes 0..K-1, "
                    + "or a text column whose sorted values are the categories).")
    String family;

    @Option(names = "--size", paramLabel = "N", description = "The binomial's known number of trials per row.")
    Integer size;

    @Option(names = "--column", paramLabel = "C", description = "The column to fit (default: the file's only column).")
    String column;

    @Mixin
    DistRowArgs rowArgs;

    @Mixin
    FileFitArgs io;

    @Override
    public Integer call() {
        Terminal terminal = MlemCommand.terminal(spec);
        UnivariateFamily fam = Families.byName(familyName());
        if (rowArgs.censoredOrTruncated()) {
            return CensoredDistRun.run(this, fam, terminal);
        }
        long t0 = System.nanoTime();
        CsvTable table = io.read(terminal);
        String name = columnName(table);
        List<String> required = new ArrayList<>(List.of(name));
        if (rowArgs.weights != null) {
            required.add(table.column(rowArgs.weights).name());
        }
        int[] rows = FrameInput.completeRows(table, required, io.input.dropMissing, terminal);
        List<String> categories = null;
        double[] x;
        if (table.column(name) instanceof CsvColumn.Text text && fam.name().equals("categorical")) {
            categories = sortedValues(text, rows);
            x = codes(text, rows, categories);
        } else {
            x = table.numeric(name, rows);
            checkSupport(fam, x, table, name, rows);
        }
        double[] w = rowArgs.weights == null ? null : WeightColumn.read(table, rowArgs.weights, rows);
        double readSeconds = (System.nanoTime() - t0) * 1e-9;

        long t1 = System.nanoTime();
        FittedDistribution fit = fam.fitWeighted(x, w);
        double fitSeconds = (System.nanoTime() - t1) * 1e-9;

        Path png = io.output.plotFile();
        if (png != null) {
            DistPlot.write(png, x, w, name, fit, categories);
        }
        int used = rows.length;
        double seconds = readSeconds + fitSeconds;
        List<String> levels = categories;
        io.output.emit(() -> {
            ObjectNode json = modelNode(fit, used, required, readSeconds, fitSeconds);
            if (levels != null) {
                ArrayNode cats = json.putArray("categories");
                levels.forEach(cats::add);
            }
            return json;
        }, () -> DistSummary.of(fit, name, table.source(), used, levels, seconds), terminal);
        return 0;
    }

    /** The distribution's JSON result and model file ({@code --out}): FitJson's (a binomial's size included). */
    static ObjectNode modelNode(FittedDistribution fit, int rows, List<String> columns, double readSeconds,
            double fitSeconds) {
        return FitJson.distribution(fit, fit.distribution().family().name(), rows, columns, readSeconds, fitSeconds);
    }

    /** {@code --family}, with {@code --size} folded into the binomial's name. */
    private String familyName() {
        String f = family.trim().toLowerCase(java.util.Locale.ROOT);
        if (size == null) {
            return f;
        }
        if (f.equals("binomial")) {
            return "binomial:" + size;
        }
        if (f.equals("binomial:" + size)) {
            return f;
        }
        throw new MlemUserException(f.startsWith("binomial:")
                ? "--family " + family + " and --size " + size + " disagree on the number of trials; give it once"
                : "--size is the binomial's number of trials; drop it or use --family binomial");
    }

    String columnName(CsvTable table) {
        if (column != null) {
            return table.column(column).name();
        }
        List<String> candidates = new ArrayList<>(table.names());
        candidates.remove(rowArgs.weights);
        candidates.remove(rowArgs.censoring.status);
        if (candidates.size() != 1) {
            throw new MlemUserException("the file has columns " + String.join(", ", table.names())
                    + "; choose the one to fit with --column", table.source(), -1, -1);
        }
        return candidates.get(0);
    }

    /** The first value outside the family's support, as an error at its cell. */
    static void checkSupport(UnivariateFamily fam, double[] x, CsvTable table, String column, int[] rows) {
        try {
            fam.checkSupport(x);
        } catch (MlemUserException whole) {
            for (int i = 0; i < x.length; i++) {
                try {
                    fam.checkSupport(new double[] {x[i]});
                } catch (MlemUserException one) {
                    throw table.errorAt(column, rows[i], one.getMessage().replaceFirst("^row 1: ", "")
                            .replace("value " + x[i], "value " + CsvNumbers.format(x[i])));
                }
            }
            throw whole;
        }
    }

    private static List<String> sortedValues(CsvColumn.Text text, int[] rows) {
        TreeSet<String> seen = new TreeSet<>();
        for (int r : rows) {
            seen.add(text.values()[r]);
        }
        return List.copyOf(seen);
    }

    private static double[] codes(CsvColumn.Text text, int[] rows, List<String> categories) {
        double[] x = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            x[i] = categories.indexOf(text.values()[rows[i]]);
        }
        return x;
    }
}
