package org.jdive.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Path;
import org.jdive.engine.LocalExecutor;
import org.jdive.engine.sweep.Sweep;
import org.jdive.engine.sweep.Tuner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spark embedded in this JVM ({@code local[2]}) runs a sweep's jobs as tasks; its results are the local executor's. */
class EmbeddedSparkTest {

    @TempDir
    Path dir;

    @Test
    void aSweepOnLocalSparkEndsAsOnTheLocalExecutor() throws IOException {
        Sweep sweep = Sweeps.write(dir, """
                seed: 3
                env:
                  id: FrozenLake-v1
                agent:
                  kind: q-learning
                budget:
                  episodes: 900
                eval:
                  every: 300
                  episodes: 50
                checkpoint:
                  every: 300
                """, """
                space:
                  agent.alpha: {log_uniform: [0.02, 0.5]}
                searcher: successive-halving
                trials: 4
                min_budget: 100
                seeds: [0, 1]
                """);
        Tuner.Report local;
        try (LocalExecutor executor = new LocalExecutor(2)) {
            local = Sweeps.run(sweep, dir.resolve("local"), executor);
        }
        Tuner.Report spark;
        try (SparkExecutor executor = new SparkExecutor("local[2]", 0)) {
            assertEquals(2, executor.slots(), "local[2]: two cores, two jobs at once");
            spark = Sweeps.run(sweep, dir.resolve("spark"), executor);
        }
        assertFalse(spark.stopped());
        assertEquals(local.results().size(), spark.results().size());
        assertEquals(Sweeps.results(dir.resolve("local")), Sweeps.results(dir.resolve("spark")));
    }
}
