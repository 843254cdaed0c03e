package org.jdive.engine.sweep;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdive.engine.Executor;
import org.jdive.engine.RunFolder;
import org.jdive.engine.Runner;
import org.jdive.engine.Runs;
import org.jdive.engine.scenario.Scenario;
import org.jdive.engine.scenario.ScenarioLoader;

/**
 * One job of a sweep as work an executor can run anywhere that sees the run folders (or copies of them): each seed's
 * run of the trial, in its folder (created with its resolved scenario on the trial's first job), continued up to the
 * job's budget.
 *
 * @param root      the sweep folder, absolute
 * @param runs      one run folder per seed, relative to {@code root}
 * @param scenarios each run's resolved scenario as YAML
 * @param budget    the units the runs are taken to (then paused, or ended at the full budget)
 * @param metric    the evaluation metric the job reports, averaged over the seeds
 * @param stop      set to stop the runs at their next chunk, with a checkpoint (in this JVM; a copy elsewhere)
 */
record JobWork(String root, List<String> runs, List<String> scenarios, long budget, String metric, AtomicBoolean stop)
        implements Executor.FolderWork<JobWork.Outcome> {

    /**
     * What a job reached.
     *
     * @param value   the metric's mean over the seeds at {@code budget}
     * @param stopped whether the job was stopped (Ctrl-C) before its budget: it continues when run again
     * @param seconds the job's wall time
     */
    record Outcome(double value, boolean stopped, double seconds) implements Serializable {
    }

    @Override
    public JobWork under(String otherRoot) {
        return new JobWork(otherRoot, runs, scenarios, budget, metric, stop);
    }

    @Override
    public Outcome call() throws IOException {
        long start = System.nanoTime();
        AtomicBoolean flag = stop != null ? stop : new AtomicBoolean();
        double sum = 0;
        for (int i = 0; i < runs.size(); i++) {
            RunFolder folder = new RunFolder(Path.of(root).resolve(runs.get(i)));
            if (!Files.exists(folder.scenario())) {
                Files.createDirectories(folder.checkpoints());
                folder.writeAtomically(RunFolder.SCENARIO, scenarios.get(i));
            }
            Scenario scenario = ScenarioLoader.load(folder.scenario(), List.of());
            Runner.Result r = Runs.runUntil(scenario, folder, budget, flag);
            if (r.diverged() != null) { // the configuration's result: the worst there is (NaN scores as +∞ error)
                return new Outcome(Double.NaN, false, (System.nanoTime() - start) / 1e9);
            }
            if (r.stopped() && r.done() < budget) {
                return new Outcome(Double.NaN, true, (System.nanoTime() - start) / 1e9);
            }
            Double value = r.evaluation().get(metric);
            if (value == null) {
                throw new IllegalArgumentException("the sweep's metric '" + metric + "' is not one that its runs evaluate: "
                        + r.evaluation().keySet() + " (set metric: in the sweep file)");
            }
            sum += value;
        }
        return new Outcome(sum / runs.size(), false, (System.nanoTime() - start) / 1e9);
    }
}
