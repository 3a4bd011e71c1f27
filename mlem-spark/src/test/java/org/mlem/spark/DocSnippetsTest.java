package org.mlem.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.spark.cluster.JavaSources;

/**
 * The Java in docs/spark.md and in the README's Spark section compiles, and the pages agree with
 * each other, with examples/spark-app and with the build. Oracle: javac (release 17, every lint
 * warning an error) against this module's test class path; for agreement, string equality.
 *
 * <p>A block that declares a class compiles as it is. Any other block is a method body with no
 * {@code throws} clause (so a checked exception must be handled as written), its {@code import}
 * lines hoisted, in a class that imports {@code org.apache.spark.sql.*},
 * {@code org.apache.spark.ml.feature.*} and {@code org.mlem.spark.*} and declares {@code spark}
 * (a {@code SparkSession}) and {@code df} (a {@code Dataset<Row>}) for the block to use.
 */
class DocSnippetsTest {
    static final Path ROOT = Path.of(System.getProperty("mlem.basedir", ".."));
    static final Pattern JAVA_BLOCK = Pattern.compile("(?ms)^```java\\n(.*?)^```");
    static final Pattern CLASS_DECL = Pattern.compile("(?m)^(?:public )?(?:final )?class (\\w+)");
    static final Pattern PACKAGE_DECL = Pattern.compile("(?m)^package ([\\w.]+);");

    @Test
    void javaBlocksCompile(@TempDir Path out) throws IOException {
        List<JavaFileObject> units = new ArrayList<>();
        List<String> blocks = new ArrayList<>(javaBlocks(Files.readString(ROOT.resolve("docs/spark.md"))));
        blocks.addAll(javaBlocks(readmeSparkSection()));
        assertThat(blocks).as("Java blocks in docs/spark.md and the README's Spark section").hasSizeGreaterThanOrEqualTo(3);
        for (int i = 0; i < blocks.size(); i++) {
            units.add(unit(blocks.get(i), i));
        }
        // each unit alone, so one block's class cannot clash with another's nor use it; one file
        // manager for all, so the class path's jars are opened once (a manager each: 18-20 CPU s, one: 8)
        try (StandardJavaFileManager files = JavaSources.fileManager()) {
            for (int i = 0; i < units.size(); i++) {
                String messages = JavaSources.compile(files, List.of(units.get(i)), JavaSources.testClassPath(), out.resolve("b" + i));
                assertThat(messages).as("block %d:%n%s", i, blocks.get(i)).isEmpty();
            }
        }
    }

    @Test
    void readmeDocsAndExampleApplicationShowTheSameProgram() throws IOException {
        String app = Files.readString(ROOT.resolve("examples/spark-app/src/main/java/com/example/FitGmm.java"));
        assertThat(javaBlocks(readmeSparkSection())).as("the README's Spark program is examples/spark-app's").contains(app);
        assertThat(javaBlocks(Files.readString(ROOT.resolve("docs/spark.md")))).as("docs/spark.md shows examples/spark-app's program")
                .contains(app);
    }

    @Test
    void jvmFlagsAreStatedOnceAndAreThePoms() throws IOException {
        String docs = Files.readString(ROOT.resolve("docs/spark.md"));
        Matcher m = Pattern.compile("(?m)^SPARK_JVM_FLAGS=\"([^\"]*)\"").matcher(docs);
        assertThat(m.find()).as("docs/spark.md states SPARK_JVM_FLAGS=\"...\"").isTrue();
        assertThat(m.group(1).trim().split("\\s+")).as("flags in docs/spark.md vs spark.jvm.flags in mlem-spark/pom.xml")
                .containsExactly(System.getProperty("spark.jvm.flags").trim().split("\\s+"));
        assertThat(m.find()).as("the flags are stated once").isFalse();
    }

    @Test
    void submitCommandsShipTheShadedJar() throws IOException {
        String jar = "mlem-spark/target/mlem-spark-" + System.getProperty("mlem.version") + "-all.jar";
        Pattern jars = Pattern.compile("--jars\\s+(\\S+)");
        int seen = 0;
        for (String page : List.of(Files.readString(ROOT.resolve("docs/spark.md")), readmeSparkSection())) {
            Matcher m = jars.matcher(page);
            while (m.find()) {
                assertThat(m.group(1)).as("spark-submit --jars").isEqualTo(jar);
                seen++;
            }
        }
        assertThat(seen).as("spark-submit commands in README and docs/spark.md").isGreaterThanOrEqualTo(2);
    }

    static List<String> javaBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        Matcher m = JAVA_BLOCK.matcher(markdown);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    static String readmeSparkSection() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int start = readme.indexOf("\n## On Apache Spark");
        assertThat(start).as("README's section \"On Apache Spark\"").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    static JavaFileObject unit(String block, int i) {
        Matcher c = CLASS_DECL.matcher(block);
        if (c.find()) {
            Matcher p = PACKAGE_DECL.matcher(block);
            return JavaSources.source((p.find() ? p.group(1) + "." : "") + c.group(1), block);
        }
        StringBuilder imports = new StringBuilder();
        StringBuilder body = new StringBuilder();
        for (String line : block.split("\n")) {
            (line.startsWith("import ") ? imports : body).append(line).append('\n');
        }
        String name = "Snippet" + i;
        String text = imports + "import org.apache.spark.sql.*;\nimport org.apache.spark.ml.feature.*;\nimport org.mlem.spark.*;\n"
                + "class " + name + " {\n    static SparkSession spark;\n    static Dataset<Row> df;\n\n    static void run() {\n"
                + body + "    }\n}\n";
        return JavaSources.source(name, text);
    }
}
