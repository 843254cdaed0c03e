package org.jdive.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.jdive.engine.Bench;
import org.jdive.engine.LocalExecutor;
import org.jdive.engine.RunFolder;
import org.jdive.engine.Suite;
import org.jdive.engine.scenario.Scenario;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A suite whose run folders go to a real HDFS: Hadoop's MiniDFSCluster (a NameNode and a DataNode in this JVM, on
 * loopback) and embedded Spark. Each run is committed to {@code hdfs://127.0.0.1:PORT/jdive/<bench>/<run>} from its
 * attempt folder, the committed folders read back from HDFS equal the local executor's run folders, and no attempt
 * folder is left.
 */
@Tag("cluster")
class HdfsTest {

    @TempDir
    Path dir;

    @Test
    void aSuiteCommitsItsRunFoldersToHdfs() throws Exception {
        Path suiteFile = dir.resolve("tiny.yaml");
        Path scenarios = Path.of("..", "scenarios").toAbsolutePath().normalize();
        Files.writeString(suiteFile, """
                scenarios:
                  - file: %s/frozenlake-qlearning.yaml
                    set: {budget.episodes: 1200, log.every: 100, eval.every: 400, eval.episodes: 50, checkpoint.every: 300}
                seeds: [0, 1, 2]
                backends: [cpu]
                """.formatted(scenarios));
        List<Scenario> suite = Bench.resolve(Suite.load(suiteFile));
        RunFolder local = RunFolder.create(dir.resolve("local"), "bench-tiny");
        try (LocalExecutor executor = new LocalExecutor(2)) {
            Bench.run(suite, local, new PrintWriter(new StringWriter()), new AtomicBoolean(), executor);
        }

        Configuration conf = new Configuration();
        conf.set("dfs.namenode.rpc-bind-host", "127.0.0.1");
        try (MiniDFSCluster hdfs = new MiniDFSCluster.Builder(conf, dir.resolve("hdfs").toFile()).numDataNodes(1).build()) {
            hdfs.waitActive();
            String uri = "hdfs://127.0.0.1:" + hdfs.getNameNodePort() + "/jdive";
            RunFolder driver = RunFolder.create(dir.resolve("driver"), "bench-tiny");
            try (SparkExecutor executor = new SparkExecutor("local[2]", 0, RunStore.parse(uri))) {
                Bench.Report report = Bench.run(suite, driver, new PrintWriter(new StringWriter()), new AtomicBoolean(),
                        executor);
                assertFalse(report.stopped());
            }
            FileSystem fs = FileSystem.get(java.net.URI.create(uri), new Configuration());
            org.apache.hadoop.fs.Path bench = new org.apache.hadoop.fs.Path(uri + "/" + driver.path().getFileName());
            List<String> committed = new ArrayList<>();
            for (FileStatus f : fs.listStatus(bench)) {
                committed.add(f.getPath().getName());
            }
            assertEquals(3, committed.size(), "one committed folder per run, no attempt folders: " + committed);
            assertTrue(committed.stream().noneMatch(n -> n.contains(".attempt-")), committed.toString());
            List<Path> expected = runs(local.path());
            for (int i = 0; i < expected.size(); i++) {
                Path run = expected.get(i);
                String name = committed.stream().sorted().toList().get(i);
                assertEquals(run.getFileName().toString().replaceFirst("-\\d{8}-\\d{6}(-\\d+)?$", ""),
                        name.replaceFirst("-\\d{8}-\\d{6}(-\\d+)?$", ""));
                for (String csv : List.of("metrics.csv", "eval.csv")) {
                    List<String> fromHdfs;
                    try (var in = fs.open(new org.apache.hadoop.fs.Path(bench, name + "/" + csv))) {
                        fromHdfs = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
                    }
                    assertEquals(Sweeps.withoutWallTime(run.resolve(csv)), Sweeps.withoutWallTime(fromHdfs),
                            csv + " of " + name + " on HDFS");
                }
                assertTrue(fs.exists(new org.apache.hadoop.fs.Path(bench, name + "/checkpoints/000000001200.state")));
            }
            assertEquals(Sweeps.benchResults(local.path()), Sweeps.benchResults(driver.path()),
                    "the suite's results, its runs committed to HDFS and copied back to the driver");
        }
    }

    private static List<Path> runs(Path bench) throws IOException {
        try (Stream<Path> all = Files.list(bench)) {
            return all.filter(p -> Files.exists(p.resolve(RunFolder.SCENARIO))).sorted().toList();
        }
    }
}
