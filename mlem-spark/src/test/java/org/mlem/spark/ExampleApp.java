package org.mlem.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.mlem.spark.cluster.JavaSources;
import org.mlem.spark.cluster.StandaloneCluster;

/** examples/spark-app built as its own pom builds it: against Spark's jars and the shaded mlem jar only. */
final class ExampleApp {
    private ExampleApp() {}

    static final String MAIN_CLASS = "com.example.FitGmm";

    /** Compiles {@code appDir/src/main/java} and returns the application jar, in {@code work}. */
    static Path build(Path appDir, StandaloneCluster cluster, Path work) throws IOException {
        List<Path> cp = new ArrayList<>();
        try (Stream<Path> jars = Files.list(cluster.home().resolve("jars"))) {
            jars.sorted().forEach(cp::add);
        }
        cp.add(cluster.shippedJar());
        Path classes = work.resolve("classes");
        String messages = JavaSources.compile(JavaSources.sourcesUnder(appDir.resolve("src/main/java")), cp, classes);
        if (!messages.isEmpty()) {
            throw new AssertionError("examples/spark-app does not compile cleanly against Spark and the shaded jar:\n" + messages);
        }
        return JavaSources.jar(classes, work.resolve("spark-app.jar"));
    }
}
