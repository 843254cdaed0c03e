package org.jdive.spark;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A Spark standalone cluster on this machine: a Master and Workers, each a JVM of its own started from this test's
 * class path (no Spark download), on 127.0.0.1 only. A Worker starts executors with the command line it builds from
 * {@code SPARK_HOME}; a folder whose {@code jars/} links the class path's jars stands in for an installation.
 */
final class StandaloneCluster implements AutoCloseable {

    private final Path dir;
    private final Path sparkHome;
    private final Process master;
    private final List<Process> workers = new ArrayList<>();
    private final String url;

    /** Starts a Master and {@code workers} Workers of {@code cores} cores each; returns once all have registered. */
    StandaloneCluster(Path dir, int workers, int cores) throws Exception {
        this.dir = dir;
        this.sparkHome = Files.createDirectories(dir.resolve("spark-home"));
        Path jars = Files.createDirectories(sparkHome.resolve("jars"));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            if (entry.endsWith(".jar") && Files.isRegularFile(jar) && !Files.exists(jars.resolve(jar.getFileName()))) {
                Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar.toAbsolutePath());
            }
        }
        // The Master's and Workers' own logs at INFO (jdive's log4j2.properties shows warnings only): they say when
        // each is up.
        Files.writeString(dir.resolve("log4j2-cluster.properties"), """
                rootLogger.level = info
                rootLogger.appenderRef.stdout.ref = console
                appender.console.type = Console
                appender.console.name = console
                appender.console.layout.type = PatternLayout
                appender.console.layout.pattern = %d{HH:mm:ss.SSS} %p %c{1}: %m%n
                """);
        int port = freePort();
        this.url = "spark://127.0.0.1:" + port;
        this.master = start("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                Integer.toString(port), "--webui-port", Integer.toString(freePort()));
        await(dir.resolve("master.log"), "I have been elected leader", master);
        for (int i = 0; i < workers; i++) {
            Path work = Files.createDirectories(dir.resolve("work-" + i));
            Process worker = start("worker-" + i, "org.apache.spark.deploy.worker.Worker", url, "--host", "127.0.0.1",
                    "--cores", Integer.toString(cores), "--memory", "1g", "--work-dir", work.toString(), "--webui-port",
                    Integer.toString(freePort()));
            this.workers.add(worker);
            await(dir.resolve("worker-" + i + ".log"), "Successfully registered with master", worker);
        }
    }

    /** The master's URL, {@code spark://127.0.0.1:PORT}. */
    String url() {
        return url;
    }

    /** Kills Worker {@code i} and the executor JVMs it started with SIGKILL, as a machine that goes away. */
    void kill(int i) throws InterruptedException {
        Process worker = workers.get(i);
        worker.descendants().forEach(ProcessHandle::destroyForcibly);
        worker.destroyForcibly().waitFor();
    }

    private Process start(String name, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(SparkExecutor.JVM_OPTIONS);
        command.addAll(List.of("-Xmx512m", "-Dlog4j2.configurationFile=" + dir.resolve("log4j2-cluster.properties"), "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        Map<String, String> env = builder.environment();
        env.put("SPARK_HOME", sparkHome.toString());
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        return builder.start();
    }

    private static void await(Path log, String line, Process process) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(line)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(log.getFileName() + " ended: " + Files.readString(log));
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("no '" + line + "' in " + log + " within a minute: " + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        for (Process p : workers) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        master.destroyForcibly();
    }
}
