package org.mlem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A fit that only prints its summary never builds Jackson's ObjectMapper (issue 13: building it
 * cost about 0.2 CPU s of every command's start-up). The oracle is the JVM itself: mlem runs in a
 * class loader of its own, which tells whether it loaded the mapper's class; the same loader then
 * runs {@code --json}, which must load it, so the check can fail.
 */
class SummaryWithoutJacksonTest {
    private static final String FAITHFUL = "../examples/faithful.csv";
    private static final String MTCARS = "../examples/mtcars.csv";
    private static final String SALINITY = "../examples/salinity.csv";
    private static final String MAPPER = "com.fasterxml.jackson.databind.ObjectMapper";

    /** The test's class path loaded afresh (the platform's classes shared), telling which classes it loaded. */
    private static final class FreshLoader extends URLClassLoader {
        FreshLoader() throws Exception {
            super("fresh", urls(), ClassLoader.getPlatformClassLoader());
        }

        private static URL[] urls() throws Exception {
            String[] entries = System.getProperty("java.class.path").split(File.pathSeparator);
            URL[] urls = new URL[entries.length];
            for (int i = 0; i < entries.length; i++) {
                urls[i] = Path.of(entries[i]).toUri().toURL();
            }
            return urls;
        }

        boolean loaded(String name) {
            return findLoadedClass(name) != null;
        }

        /** Runs mlem's real entry point in this loader; returns standard output, or fails with the status and errors. */
        String run(String... args) throws Exception {
            Method run = Class.forName("org.mlem.cli.Main", true, this).getMethod("run", String[].class, InputStream.class,
                    OutputStream.class, PrintStream.class, boolean.class);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = (int) run.invoke(null, args, new ByteArrayInputStream(new byte[0]), out,
                    new PrintStream(err, true, StandardCharsets.UTF_8), false);
            assertThat(status).as(Arrays.toString(args) + ": " + err.toString(StandardCharsets.UTF_8)).isZero();
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void summaryOnlyFitsNeverBuildTheMapper() throws Exception {
        try (FreshLoader mlem = new FreshLoader()) {
            assertThat(mlem.run("fit", "dist", "--family", "gamma", "--column", "eruptions", FAITHFUL)).contains("shape");
            assertThat(mlem.run("fit", "gmm", "--k", "2", "--seed", "1", FAITHFUL)).contains("log-likelihood");
            assertThat(mlem.loaded("org.mlem.cli.FitGmmCommand")).isTrue();
            assertThat(mlem.loaded(MAPPER)).as("the mapper, after summary-only fits").isFalse();

            assertThat(mlem.run("fit", "dist", "--family", "gamma", "--column", "eruptions", "--json", FAITHFUL))
                    .contains("\"shape\"");
            assertThat(mlem.loaded(MAPPER)).as("the mapper, after --json").isTrue();
        }
    }

    /**
     * {@code fit glm} (with --anova, --confint and sandwich errors, each of which also fills the
     * JSON), {@code fit turnbull} and every {@code select} kind (one candidate each, to stay cheap)
     * print their summaries without the mapper; then {@code fit glm --json} must load it.
     */
    @Test
    void glmTurnbullAndSelectionsNeverBuildTheMapper() throws Exception {
        try (FreshLoader mlem = new FreshLoader()) {
            assertThat(mlem.run("fit", "glm", "--family", "binomial", "--formula", "am ~ hp + wt", "--anova", "--confint",
                    "wald", "--standard-errors", "hc0", MTCARS)).contains("Analysis of Deviance", "Sandwich", "Wald");
            assertThat(mlem.run("fit", "turnbull", "--interval", "left,right", SALINITY)).contains("Turnbull");
            assertThat(mlem.run("select", "dist", "--column", "eruptions", FAITHFUL)).contains("best");
            assertThat(mlem.run("select", "gmm", "--k", "1", "--covariance", "full", FAITHFUL)).contains("best by BIC");
            assertThat(mlem.run("select", "tmix", "--k", "1", "--df", "4", FAITHFUL)).contains("best by BIC");
            assertThat(mlem.run("select", "mixture", "--k", "1", "--family", "normal", FAITHFUL)).contains("best by BIC");
            assertThat(mlem.run("select", "regmix", "--k", "1", "--formula", "waiting ~ eruptions", "--family",
                    "gaussian", FAITHFUL)).contains("best by BIC");
            assertThat(mlem.run("select", "hmm", "--states", "1", "--emission", "gaussian", "--columns", "eruptions",
                    FAITHFUL)).contains("best by BIC");
            assertThat(mlem.loaded("org.mlem.cli.FitGlmCommand")).isTrue();
            assertThat(mlem.loaded("org.mlem.cli.SelectGrid")).isTrue();
            assertThat(mlem.loaded(MAPPER)).as("the mapper, after summary-only glm, turnbull and select runs").isFalse();

            assertThat(mlem.run("fit", "glm", "--family", "binomial", "--formula", "am ~ hp + wt", "--json", MTCARS))
                    .contains("\"coefficients\"");
            assertThat(mlem.loaded(MAPPER)).as("the mapper, after fit glm --json").isTrue();
        }
    }
}
