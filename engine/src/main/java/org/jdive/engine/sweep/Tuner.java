package org.jdive.engine.sweep;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdive.engine.Executor;
import org.jdive.engine.FolderLock;
import org.jdive.engine.RunFolder;

/**
 * Runs a sweep (D2L 19.2's {@code HPOTuner}, with 19.3's asynchronous workers): while the executor has a free slot,
 * it asks the scheduler for a job and starts it; when a job reports, it tells the scheduler the error, keeps the
 * incumbent (the best configuration so far) and its trajectory over wall time. Every call goes to the sweep's
 * journal first, so a stopped sweep continues exactly ({@link Journal}). The sweep folder holds a run folder per
 * trial and seed ({@code trials/<trial>-seed<seed>/}), the journal, and the reports ({@link SweepReport}).
 */
public final class Tuner {

    /** The sweep file's copy in a sweep folder, by which a folder is known as a sweep's. */
    public static final String SWEEP_FILE = "sweep.yaml";
    /** Where a sweep folder keeps its trials' run folders. */
    public static final String TRIALS = "trials";

    /** How a sweep ended. */
    public record Report(List<TrialResult> results, boolean stopped, String table) {
    }

    private final Sweep sweep;
    private final Path folder;
    private final Executor executor;
    private final AtomicBoolean stop;
    private final PrintWriter out;

    /**
     * A tuner of {@code sweep}; {@link #run()} runs it.
     *
     * @param folder the sweep folder, new or holding a journal to continue
     * @param executor runs the jobs, as many at once as it has slots
     * @param stop set (e.g. by Ctrl-C) to stop starting jobs and stop the running ones at their next chunk
     * @param out where progress lines go
     */
    public Tuner(Sweep sweep, Path folder, Executor executor, AtomicBoolean stop, PrintWriter out) {
        this.sweep = sweep;
        this.folder = folder;
        this.executor = executor;
        this.stop = stop;
        this.out = out;
    }

    /** Runs the sweep in its folder, continuing what the folder's journal holds; writes the reports at the end. */
    public Report run() throws IOException {
        try (FolderLock lock = FolderLock.acquire(folder)) {
            return runLocked();
        }
    }

    private Report runLocked() throws IOException {
        Scheduler scheduler = sweep.scheduler();
        Journal journal = new Journal(folder);
        Journal.Replay replay = journal.replay(scheduler);
        List<TrialResult> results = new ArrayList<>(replay.results());
        List<Job> again = new ArrayList<>(replay.unfinished());
        long clockStart = System.nanoTime() - Math.round(replay.elapsed() * 1e9);
        if (!results.isEmpty() || !again.isEmpty()) {
            say(String.format(Locale.ROOT, "continuing: %d jobs reported, %d to run again from their checkpoints",
                    results.size(), again.size()));
        }
        record Done(Job job, JobWork.Outcome outcome, Throwable failure) {
        }
        BlockingQueue<Done> done = new LinkedBlockingQueue<>();
        Map<Job, Boolean> running = new LinkedHashMap<>();
        boolean stopped = false;
        Throwable failure = null;
        boolean cancelled = false;
        while (true) {
            if (stop.get() && !cancelled) {
                executor.cancel();
                cancelled = true;
            }
            while (running.size() < executor.slots() && !stop.get() && failure == null) {
                double now = seconds(clockStart);
                Job job;
                if (!again.isEmpty()) {
                    job = again.removeFirst();
                } else if (now < sweep.maxSeconds()) {
                    job = scheduler.suggest();
                    if (job != null) {
                        journal.started(job, now);
                    }
                } else {
                    job = null;
                }
                if (job == null) {
                    break;
                }
                running.put(job, true);
                say(String.format(Locale.ROOT, "trial %3d %s to %,d %s %s", job.trial(), rung(job), job.budget(),
                        sweep.unit(), job.config()));
                Job started = job;
                executor.submit(work(job)).whenComplete((outcome, error) -> done.add(new Done(started, outcome,
                        error instanceof CompletionException c && c.getCause() != null ? c.getCause() : error)));
            }
            if (running.isEmpty()) {
                break;
            }
            Done d;
            try {
                d = stop.get() ? done.take() : done.poll(1, TimeUnit.SECONDS);
                if (d == null) {
                    continue; // look at the stop flag again
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop.set(true);
                throw new IllegalStateException("interrupted while the sweep's jobs went on", e);
            }
            running.remove(d.job());
            if (d.failure() != null && stop.get()) { // cancelled: the job continues from its checkpoints on --resume
                stopped = true;
                continue;
            }
            if (d.failure() != null) {
                stop.set(true); // the others stop at their next chunk, with checkpoints
                failure = failure == null ? d.failure() : failure;
                continue;
            }
            if (d.outcome().stopped()) {
                stopped = true;
                continue;
            }
            TrialResult result = new TrialResult(d.job(), d.outcome().value(), sweep.error(d.outcome().value()),
                    d.outcome().seconds(), seconds(clockStart));
            journal.reported(result);
            scheduler.update(d.job(), result.error());
            results.add(result);
            say(String.format(Locale.ROOT, "trial %3d %s %s %.4f at %,d %s (%.1f s)", d.job().trial(), rung(d.job()),
                    sweep.metric(), result.value(), d.job().budget(), sweep.unit(), result.seconds()));
        }
        if (failure != null) {
            if (failure instanceof IOException io) {
                throw io;
            }
            if (failure instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw failure instanceof RuntimeException r ? r : new IllegalStateException(failure);
        }
        stopped |= stop.get();
        String table = SweepReport.write(sweep, folder, results);
        return new Report(List.copyOf(results), stopped, table);
    }

    private JobWork work(Job job) {
        List<String> runs = new ArrayList<>();
        List<String> scenarios = new ArrayList<>();
        Path root = folder.toAbsolutePath();
        for (long seed : sweep.seeds()) {
            runs.add(root.relativize(trialFolder(root, job.trial(), seed).path()).toString().replace('\\', '/'));
            scenarios.add(sweep.trial(job.config(), seed).toYaml());
        }
        return new JobWork(root.toString(), runs, scenarios, job.budget(), sweep.metric(), stop);
    }

    /** The run folder of one trial's run with one seed. */
    static RunFolder trialFolder(Path sweepFolder, int trial, long seed) {
        return new RunFolder(sweepFolder.resolve(TRIALS).resolve(String.format(Locale.ROOT, "%03d-seed%d", trial, seed)));
    }

    private String rung(Job job) {
        return job.rung() == 0 && sweep.minBudget() == sweep.maxBudget() ? "" : "rung " + job.rung();
    }

    private void say(String line) {
        if (out != null) {
            out.println("  " + line);
            out.flush();
        }
    }

    private static double seconds(long clockStart) {
        return (System.nanoTime() - clockStart) / 1e9;
    }
}
