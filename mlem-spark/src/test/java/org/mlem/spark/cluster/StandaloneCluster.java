package org.mlem.spark.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * A Spark standalone cluster on 127.0.0.1: a master and workers, each its own JVM started from the
 * Spark jars Maven resolved for this module (no Spark download). Each worker offers one core and
 * starts one executor JVM per application, as a real worker does.
 *
 * <p>The executors see Spark's jars only: mlem reaches them as a Spark user's job would, through
 * {@code spark.jars} (the shaded {@code mlem-spark-*-all.jar}). Jars of this JVM's class path whose
 * classes the shipped jar holds (mlem, Hipparchus, FastCSV) are left out of the cluster's class path,
 * so a class missing from the shipped jar fails on the executors.
 *
 * <p>Ports are chosen free at run time. {@link #close} (also run by a shutdown hook) destroys every
 * JVM it started, executors included. Logs stay in {@code target/standalone-cluster/logs}.
 */
public final class StandaloneCluster implements AutoCloseable {
    /** The JVM options Spark 4 needs on Java 17, from the module's pom ({@code spark.jvm.flags}). */
    public static final List<String> JVM_FLAGS = List.of(System.getProperty("spark.jvm.flags", "").trim().split("\\s+"));

    private static final String SPARK_SCALA_VERSION = "2.13";
    private static final long START_TIMEOUT_SECONDS = 180;

    private final Path home;
    private final Path shippedJar;
    private final String classPath;
    private final String url;
    private final Process master;
    private final List<Process> workers = new ArrayList<>();
    private final List<Process> others = new ArrayList<>();
    private final Thread hook = new Thread(this::destroyAll, "standalone-cluster-teardown");

    private StandaloneCluster(Path home, Path shippedJar, String classPath, int port) throws IOException {
        this.home = home;
        this.shippedJar = shippedJar;
        this.classPath = classPath;
        this.url = "spark://127.0.0.1:" + port;
        Runtime.getRuntime().addShutdownHook(hook);
        this.master = launch("master", true, List.of("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                "--port", Integer.toString(port), "--webui-port", Integer.toString(freePort())));
    }

    /**
     * Starts a master and {@code workers} one-core workers and waits until every worker has
     * registered. {@code shippedJar} is the jar applications ship to the executors.
     */
    public static StandaloneCluster start(int workers, Path shippedJar) {
        if (!Files.isRegularFile(shippedJar)) {
            throw new IllegalStateException(shippedJar + " is missing; the cluster tests run after `package`"
                    + " (mvn -pl mlem-spark -am verify)");
        }
        try {
            Path home = Path.of("target", "standalone-cluster").toAbsolutePath();
            deleteTree(home);
            Files.createDirectories(home.resolve("logs"));
            String cp = sparkJars(home.resolve("jars"), shippedJar);
            StandaloneCluster cluster = new StandaloneCluster(home, shippedJar, cp, freePort());
            try {
                cluster.waitForLog("master", "I have been elected leader", 1);
                for (int i = 0; i < workers; i++) { // started together: each JVM's start-up is seconds of CPU
                    cluster.launchWorker();
                }
                for (int i = 0; i < workers; i++) {
                    cluster.waitForLog("worker-" + i, "Successfully registered with master", 1);
                }
                return cluster;
            } catch (RuntimeException | IOException e) {
                cluster.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code spark://127.0.0.1:PORT}. */
    public String masterUrl() {
        return url;
    }

    /** The jar shipped to the executors. */
    public Path shippedJar() {
        return shippedJar;
    }

    /** The cluster's class path (Spark's jars, {@code jars/*}), for a driver JVM started apart. */
    public String classPath() {
        return classPath;
    }

    /** Where logs and work directories live. */
    public Path home() {
        return home;
    }

    /** Starts one more worker (1 core, 1 GB); {@link #start} waits until it has registered with the master. */
    private void launchWorker() throws IOException {
        int i = workers.size();
        Path work = Files.createDirectories(home.resolve("work-" + i));
        workers.add(launch("worker-" + i, true, List.of("org.apache.spark.deploy.worker.Worker", url, "--host", "127.0.0.1",
                "--cores", "1", "--memory", "1g", "--webui-port", Integer.toString(freePort()),
                "--work-dir", work.toString())));
    }

    /**
     * A driver session in this JVM: {@code executors} executors of 1 core and 512 MB (at most that
     * many cores, so other applications may run beside it on the other workers), the shipped jar (and
     * {@code moreJars}) on their class path, no UI. It returns once {@code executors} executors have
     * registered.
     */
    public SparkSession session(String appName, int executors, Path... moreJars) {
        List<String> jars = new ArrayList<>(List.of(shippedJar.toString()));
        Stream.of(moreJars).map(Path::toString).forEach(jars::add);
        SparkSession s = SparkSession.builder().master(url).appName(appName)
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.jars", String.join(",", jars))
                .config("spark.executor.memory", "512m").config("spark.executor.cores", "1")
                .config("spark.cores.max", Integer.toString(executors))
                .config("spark.executor.extraJavaOptions", String.join(" ", JVM_FLAGS))
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.sql.warehouse.dir", home.resolve("warehouse").toString())
                .getOrCreate();
        s.sparkContext().setLogLevel("WARN");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
        while (s.sparkContext().statusTracker().getExecutorInfos().length < executors + 1) {
            if (System.nanoTime() > deadline) {
                s.stop();
                throw new IllegalStateException("only " + (s.sparkContext().statusTracker().getExecutorInfos().length - 1)
                        + " of " + executors + " executors registered in " + START_TIMEOUT_SECONDS + " s; see " + home.resolve("logs"));
            }
            sleep(200);
        }
        return s;
    }

    /**
     * Kills (as {@link #killWorker}) the first worker that runs an executor of application
     * {@code appId} (the executor's command line names it); returns the worker's index.
     */
    public int killWorkerRunning(String appId) {
        for (int i = 0; i < workers.size(); i++) {
            if (workers.get(i).descendants().anyMatch(h -> h.info().commandLine().map(c -> c.contains(appId)).orElse(false))) {
                killWorker(i);
                return i;
            }
        }
        throw new IllegalStateException("no worker runs an executor of " + appId);
    }

    /** Kills worker {@code i} and its executors at once (SIGKILL), as a machine lost mid-job. */
    public void killWorker(int i) {
        Process p = workers.get(i);
        List<ProcessHandle> children = p.descendants().toList();
        p.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        try {
            p.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs {@code args} in a JVM of its own on the cluster's class path (a spark-submit), with the
     * flags; {@link #close} destroys it with the cluster.
     */
    public Process launchJvm(String name, List<String> args) throws IOException {
        Process p = launch(name, false, args);
        others.add(p);
        return p;
    }

    /** The last lines of a log, for failure messages. */
    public String logTail(String name, int lines) {
        try {
            List<String> all = Files.readAllLines(log(name), StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        destroyAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs or has run
        }
    }

    private void destroyAll() {
        List<Process> all = new ArrayList<>(others);
        all.addAll(workers);
        all.add(master);
        for (Process p : all) {
            if (p == null) {
                continue;
            }
            List<ProcessHandle> children = p.descendants().toList();
            p.destroy();
            children.forEach(ProcessHandle::destroy);
        }
        for (Process p : all) {
            if (p == null) {
                continue;
            }
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * A JVM on the cluster's class path. A daemon (the master, a worker) only passes messages and
     * starts executors: it runs on the first JIT tier and the serial collector, CPU seconds the
     * executors and the driver get instead on a two-core machine.
     */
    private Process launch(String name, boolean daemon, List<String> mainAndArgs) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        if (daemon) {
            cmd.add("-XX:TieredStopAtLevel=1");
            cmd.add("-XX:+UseSerialGC");
        }
        cmd.addAll(JVM_FLAGS);
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.addAll(mainAndArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log(name).toFile());
        Map<String, String> env = pb.environment();
        env.put("SPARK_HOME", home.toString());
        env.put("SPARK_SCALA_VERSION", SPARK_SCALA_VERSION);
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("SPARK_LOCAL_DIRS", Files.createDirectories(home.resolve("local")).toString());
        env.put("JAVA_HOME", System.getProperty("java.home"));
        return pb.start();
    }

    private Path log(String name) {
        return home.resolve("logs").resolve(name + ".log");
    }

    private void waitForLog(String name, String line, int count) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
        while (true) {
            String text = Files.exists(log(name)) ? Files.readString(log(name), StandardCharsets.UTF_8) : "";
            if (text.split(java.util.regex.Pattern.quote(line), -1).length - 1 >= count) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " did not log '" + line + "' in " + START_TIMEOUT_SECONDS
                        + " s; its log ends:\n" + logTail(name, 30));
            }
            sleep(200);
        }
    }

    /**
     * Links the jars of this JVM's class path into {@code jarsDir} (a worker builds its executors'
     * class path from {@code $SPARK_HOME/jars}), leaving out mlem's own and every jar whose classes
     * the shipped jar holds; returns {@code jarsDir/*}.
     */
    private static String sparkJars(Path jarsDir, Path shippedJar) throws IOException {
        Set<String> shipped = new HashSet<>();
        try (JarFile jar = new JarFile(shippedJar.toFile())) {
            jar.stream().map(JarEntry::getName).filter(n -> n.endsWith(".class")).forEach(shipped::add);
        }
        Files.createDirectories(jarsDir);
        int i = 0;
        for (Path p : JavaSources.testClassPath()) {
            if (!p.toString().endsWith(".jar") || !Files.isRegularFile(p) || p.getFileName().toString().startsWith("mlem-")
                    || holdsShippedClasses(p, shipped)) {
                continue;
            }
            Files.createSymbolicLink(jarsDir.resolve(String.format("%03d-%s", i++, p.getFileName())), p.toAbsolutePath());
        }
        return jarsDir + File.separator + "*";
    }

    private static boolean holdsShippedClasses(Path jar, Set<String> shipped) throws IOException {
        try (JarFile f = new JarFile(jar.toFile())) {
            return f.stream().map(JarEntry::getName)
                    .filter(n -> n.endsWith(".class") && !n.endsWith("module-info.class"))
                    .findFirst().map(shipped::contains).orElse(false);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
