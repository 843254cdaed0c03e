package org.jdive.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.jdive.engine.LocalExecutor;
import org.jdive.engine.RunFolder;
import org.jdive.engine.sweep.Sweep;
import org.jdive.engine.sweep.Tuner;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep on a real standalone cluster of separate JVMs (a Master, two Workers of one core, the executors they
 * start), with one Worker killed by SIGKILL, executors and all, while its run is under way: Spark runs the task again
 * on the other Worker, the run continues from its latest checkpoint, and every result equals the local executor's.
 */
@Tag("cluster")
class StandaloneClusterTest {

    private static final long STEPS = 12_000;

    @TempDir
    Path dir;

    @Test
    void aWorkerKilledMidRunCostsNothingButTime() throws Exception {
        Sweep sweep = Sweeps.write(dir, """
                seed: 1
                env:
                  id: CartPole-v1
                agent:
                  kind: dqn
                  learning_starts: 500
                  train_frequency: 4
                  batch_size: 32
                  buffer_size: 5000
                  hidden: [32, 32]
                  exploration:
                    steps: 4000
                budget:
                  steps: %d
                log:
                  every: 500
                eval:
                  every: 4000
                  episodes: 3
                checkpoint:
                  every: 1000
                """.formatted(STEPS), """
                space:
                  agent.learning_rate: {log_uniform: [3.0e-4, 3.0e-3]}
                searcher: random
                trials: 4
                """);
        Tuner.Report local;
        try (LocalExecutor executor = new LocalExecutor(2)) {
            local = Sweeps.run(sweep, dir.resolve("local"), executor);
        }

        Path clusterSweep = dir.resolve("cluster");
        try (StandaloneCluster cluster = new StandaloneCluster(dir.resolve("spark"), 2, 1);
             SparkExecutor executor = new SparkExecutor(cluster.url(), 2)) {
            CompletableFuture<Tuner.Report> sweepRun = CompletableFuture.supplyAsync(() -> {
                try {
                    return Sweeps.run(sweep, clusterSweep, executor);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            awaitMidRunCheckpoint(clusterSweep.resolve("trials"), sweepRun);
            Map<RunFolder, Long> underWay = underWay(clusterSweep.resolve("trials")); // one on each worker
            long killedAt = System.nanoTime();
            cluster.kill(0);
            List<Double> goesOn = new ArrayList<>();
            for (Map.Entry<RunFolder, Long> run : underWay.entrySet()) {
                goesOn.add((awaitCheckpointPast(run.getKey(), run.getValue(), sweepRun) - killedAt) / 1e9);
            }
            System.out.printf("cluster: a worker killed while %d runs were under way; seconds until each wrote its next "
                    + "checkpoint: %s (the killed worker's run waits for the other worker's core)%n", underWay.size(), goesOn);
            Tuner.Report report = sweepRun.get();
            assertFalse(report.stopped());
        }
        assertEquals(4, local.results().size());
        assertEquals(Sweeps.results(dir.resolve("local")), Sweeps.results(clusterSweep),
                "each trial's metric on the cluster, one worker killed, equals the local executor's");
        for (int trial = 0; trial < 4; trial++) {
            Path a = dir.resolve("local/trials").resolve(String.format("%03d-seed1", trial));
            Path b = clusterSweep.resolve("trials").resolve(String.format("%03d-seed1", trial));
            for (String csv : List.of("metrics.csv", "eval.csv")) {
                assertEquals(Sweeps.withoutWallTime(a.resolve(csv)), Sweeps.withoutWallTime(b.resolve(csv)),
                        csv + " of trial " + trial);
            }
        }
    }

    /** Waits for a trial's run that has checkpointed past its start and not finished: one a worker is running now. */
    private static void awaitMidRunCheckpoint(Path trials, CompletableFuture<?> sweep) throws Exception {
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (System.nanoTime() < deadline) {
            assertFalse(sweep.isDone(), "the sweep ended before a worker could be killed: " + (sweep.isDone() ? sweep.join() : ""));
            if (Files.isDirectory(trials)) {
                try (Stream<Path> runs = Files.list(trials)) {
                    for (Path run : runs.toList()) {
                        RunFolder folder = new RunFolder(run);
                        long at = latestCheckpoint(folder);
                        if (at >= 2000 && at < STEPS && !Files.exists(folder.path().resolve(RunFolder.SUMMARY))) {
                            return;
                        }
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no run under way with a checkpoint within five minutes");
    }

    /** The runs under way now (checkpointed, not ended) and their latest checkpoints. */
    private static Map<RunFolder, Long> underWay(Path trials) throws IOException {
        Map<RunFolder, Long> runs = new LinkedHashMap<>();
        try (Stream<Path> folders = Files.list(trials)) {
            for (Path run : folders.sorted().toList()) {
                RunFolder folder = new RunFolder(run);
                long at = latestCheckpoint(folder);
                if (at > 0 && at < STEPS && !Files.exists(folder.path().resolve(RunFolder.SUMMARY))) {
                    runs.put(folder, at);
                }
            }
        }
        return runs;
    }

    /** Waits until {@code run} writes a checkpoint past {@code units}; returns when (System.nanoTime). */
    private static long awaitCheckpointPast(RunFolder run, long units, CompletableFuture<?> sweep) throws Exception {
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (latestCheckpoint(run) > units) {
                return System.nanoTime();
            }
            assertFalse(sweep.isCompletedExceptionally(), () -> "the sweep failed: " + sweep.handle((r, e) -> e).join());
            Thread.sleep(50);
        }
        throw new AssertionError("the killed run did not go on within five minutes");
    }

    private static long latestCheckpoint(RunFolder folder) throws IOException {
        if (!Files.isDirectory(folder.checkpoints())) {
            return 0;
        }
        Optional<Path> latest = folder.latestCheckpoint();
        assertTrue(latest.isEmpty() || latest.get().getFileName().toString().endsWith(".state"));
        return latest.map(p -> Long.parseLong(p.getFileName().toString().replace(".state", ""))).orElse(0L);
    }
}
