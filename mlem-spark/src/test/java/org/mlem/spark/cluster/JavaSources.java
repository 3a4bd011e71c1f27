package org.mlem.spark.cluster;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compiles Java source text with javax.tools, as a user's build would, and jars the classes. */
public final class JavaSources {
    private JavaSources() {}

    /** A compilation unit held in memory. */
    public static JavaFileObject source(String name, String text) {
        return new SimpleJavaFileObject(URI.create("string:///" + name.replace('.', '/') + ".java"),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return text;
            }
        };
    }

    /**
     * Compiles {@code units} (release 17, every lint warning shown) against {@code classPath} into
     * {@code out}; returns the compiler's messages, empty when it compiled cleanly.
     */
    public static String compile(List<JavaFileObject> units, List<Path> classPath, Path out) throws IOException {
        try (StandardJavaFileManager files = fileManager()) {
            return compile(files, units, classPath, out);
        }
    }

    /** A file manager for {@link #compile(StandardJavaFileManager, List, List, Path)}; the caller closes it. */
    public static StandardJavaFileManager fileManager() {
        return ToolProvider.getSystemJavaCompiler().getStandardFileManager(null, null, null);
    }

    /**
     * As {@link #compile(List, List, Path)}, through {@code files}: compilations one after another
     * share its opened jars (each still a compilation of its own, its units alone).
     */
    public static String compile(StandardJavaFileManager files, List<JavaFileObject> units, List<Path> classPath, Path out)
            throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter messages = new StringWriter();
        Files.createDirectories(out);
        List<String> options = new ArrayList<>(List.of("--release", "17", "-Xlint:all,-processing,-serial", "-d", out.toString(),
                "-classpath", String.join(java.io.File.pathSeparator, classPath.stream().map(Path::toString).toList())));
        boolean ok = javac.getTask(messages, files, null, options, null, units).call();
        return ok && messages.toString().isBlank() ? "" : messages.toString();
    }

    /** The source files under {@code dir}, as compilation units. */
    public static List<JavaFileObject> sourcesUnder(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            List<JavaFileObject> units = new ArrayList<>();
            for (Path p : paths.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String rel = dir.relativize(p).toString();
                units.add(source(rel.substring(0, rel.length() - ".java".length()).replace('/', '.'), Files.readString(p)));
            }
            return units;
        }
    }

    /** The files under {@code classes} as a jar at {@code jar}. */
    public static Path jar(Path classes, Path jar) throws IOException {
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os);
                Stream<Path> paths = Files.walk(classes)) {
            for (Path p : paths.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, out);
                out.closeEntry();
            }
        }
        return jar;
    }

    /** This JVM's class path (surefire's test class path when forked by surefire). */
    public static List<Path> testClassPath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Stream.of(cp.split(java.io.File.pathSeparator)).filter(s -> !s.isBlank()).map(Path::of).toList();
    }
}
