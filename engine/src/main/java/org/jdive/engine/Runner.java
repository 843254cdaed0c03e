package org.jdive.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdive.core.io.DamagedFileException;
import org.jdive.core.io.Json;
import org.jdive.engine.scenario.Scenario;
import org.jdive.engine.train.Trainer;
import org.jdive.engine.train.TrainerState;

/**
 * Drives a {@link Trainer} through its budget in chunks that end on multiples of {@code log.every},
 * {@code eval.every} and {@code checkpoint.every}, writing metrics, evaluations, checkpoints and a summary to
 * the run folder. Like SB3's {@code EvalCallback}, each evaluation whose mean return beats the best so far saves the
 * model as the best checkpoint, and one that reaches {@code eval.stop_at} ends training early.
 * {@link #requestStop()} (Ctrl-C) ends the current chunk, writes a checkpoint and returns. Wall time counts across
 * resumes: each checkpoint carries the training time so far, so the logs' {@code wall_s} and the result's seconds
 * are the run's, not the last invocation's. While it writes the folder it holds the folder's {@link FolderLock}: a
 * second runner of the same folder, in this process or another, is refused with {@link FolderLock.InUse}.
 */
public final class Runner implements AutoCloseable {

    /** Told after every chunk, e.g. to draw progress. */
    @FunctionalInterface
    public interface ChunkListener {
        void afterChunk(long done, Map<String, Double> metrics, boolean last);
    }

    /**
     * What a run ended with.
     *
     * @param done        budget units done
     * @param stopped     whether it was stopped (Ctrl-C) before the end of its budget; it can be resumed
     * @param reachedStopAt whether it ended early because an evaluation reached {@code eval.stop_at}
     * @param evaluation  the last evaluation's metrics
     * @param seconds     wall time of the run, over all its invocations up to its last checkpoint and this one
     * @param diverged    what became NaN or infinite and when, for a run stopped by {@code on_nonfinite: stop}; else null
     */
    public record Result(long done, boolean stopped, boolean reachedStopAt, Map<String, Double> evaluation,
                         double seconds, String diverged) implements java.io.Serializable {
        public Result {
            evaluation = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(evaluation));
        }

        public Result(long done, boolean stopped, boolean reachedStopAt, Map<String, Double> evaluation, double seconds) {
            this(done, stopped, reachedStopAt, evaluation, seconds, null);
        }
    }

    /** The base names of the training and the evaluation logs ({@code .csv} and {@code .jsonl}). */
    static final String METRICS_LOG = "metrics";
    static final String EVAL_LOG = "eval";
    private static final String STOP_AT = "eval.stop_at";
    private static final String ON_NONFINITE = "on_nonfinite";
    /** The checkpoint entry with the run's wall time so far, in nanoseconds: the one entry a resumed run does not reproduce. */
    public static final String WALL_NANOS = "runner.wall_ns";

    private final Scenario scenario;
    private final RunFolder folder;
    private final Trainer trainer;
    private final List<ChunkListener> listeners = new ArrayList<>();
    private final List<EvaluationRecorder> recorders;
    private final List<String> warnings = new ArrayList<>();
    private java.util.function.Consumer<String> onWarning = w -> { };
    /** Held while this runner writes the folder: from resume or run to the end of the run (or close). */
    private FolderLock lock;
    private final AtomicBoolean stop;
    /** Wall time of the run before this invocation (restored from its checkpoint). */
    private long earlierNanos;
    /** When the run's clock would have started had it run in one go: this invocation's start less {@code earlierNanos}. */
    private long clockStart;

    public Runner(Scenario scenario, RunFolder folder) {
        this(scenario, folder, new AtomicBoolean());
    }

    /** A runner that stops after the current chunk once {@code stop} is set (e.g. by Ctrl-C, or a suite's stop). */
    public Runner(Scenario scenario, RunFolder folder, AtomicBoolean stop) {
        this.scenario = scenario;
        this.folder = folder;
        this.stop = stop;
        this.trainer = scenario.kind().create(scenario);
        trainer.writeFilesTo(folder.path());
        this.recorders = EvaluationRecorder.installed().stream().filter(r -> r.records(scenario, trainer)).toList();
    }

    /** Tells {@code listener} each warning as it happens (damaged checkpoints passed over, a run going non-finite). */
    public Runner onWarning(java.util.function.Consumer<String> listener) {
        this.onWarning = listener;
        return this;
    }

    private void warn(String warning) {
        warnings.add(warning);
        onWarning.accept(warning);
    }

    public Runner addListener(ChunkListener listener) {
        listeners.add(listener);
        return this;
    }

    /** Asks the run to stop after the current chunk (with a checkpoint); safe from any thread. */
    public void requestStop() {
        stop.set(true);
    }

    public Trainer trainer() {
        return trainer;
    }

    /** Frees the trainer and lets the folder go. */
    @Override
    public void close() {
        trainer.close();
        unlock();
    }

    /** Takes the folder's lock unless this runner holds it already. */
    private void lock() throws IOException {
        if (lock == null) {
            lock = FolderLock.acquire(folder.path());
        }
    }

    private void unlock() {
        if (lock != null) {
            try {
                lock.close();
            } catch (IOException ignored) {
                // the lock goes with the process anyway
            }
            lock = null;
        }
    }

    /** Writes the resolved scenario into a new run folder. */
    public static void writeScenario(Scenario scenario, RunFolder folder) throws IOException {
        folder.writeAtomically(RunFolder.SCENARIO, scenario.toYaml());
    }

    /**
     * Restores the trainer from the folder's latest checkpoint (if any) and drops the metrics rows written after
     * it (all of them when there is none: the run starts over); returns the units it had done.
     */
    public long resume() throws IOException {
        lock();
        Optional<TrainerState> intact = newestIntactCheckpoint();
        if (intact.isPresent()) {
            TrainerState state = intact.get();
            trainer.restore(state);
            earlierNanos = state.names().contains(WALL_NANOS) ? state.scalar(WALL_NANOS) : -1;
        }
        new MetricsLog(folder.path(), METRICS_LOG).truncateAfter(trainer.done());
        new MetricsLog(folder.path(), EVAL_LOG).truncateAfter(trainer.done());
        if (earlierNanos < 0) { // a checkpoint from before checkpoints carried it: the training log tells
            earlierNanos = Math.round(MetricsTable.read(folder.path().resolve(METRICS_LOG + ".csv")).wallTime() * 1e9);
        }
        return trainer.done();
    }

    /**
     * The newest numbered checkpoint that reads back intact; each damaged one passed over is renamed
     * {@code <name>.damaged} and becomes a {@link #warnings() warning} (a run whose every checkpoint is damaged starts
     * over).
     */
    private Optional<TrainerState> newestIntactCheckpoint() throws IOException {
        List<Path> numbered = folder.listCheckpoints().reversed();
        for (Path checkpoint : numbered) {
            try {
                TrainerState state = TrainerState.read(checkpoint);
                if (!warnings.isEmpty()) {
                    warn("resuming from " + checkpoint.getFileName() + " instead");
                }
                return Optional.of(state);
            } catch (DamagedFileException e) {
                // kept for a look, but out of the numbered ones the run counts, keeps and prunes from now on
                Path aside = checkpoint.resolveSibling(checkpoint.getFileName() + ".damaged");
                Files.move(checkpoint, aside, StandardCopyOption.REPLACE_EXISTING);
                warn(e.getMessage() + " (kept as " + aside.getFileName() + ")");
            }
        }
        if (!numbered.isEmpty()) {
            warn("no checkpoint of " + folder.path() + " is intact: the run starts over");
        }
        return Optional.empty();
    }

    /** The warnings so far, one line each: damaged checkpoints passed over, a run that went non-finite. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    public Result run() throws IOException {
        return runUntil(Long.MAX_VALUE);
    }

    /**
     * Runs as {@link #run()} does but pauses once {@code units} budget units are done (when that is short of the
     * budget): the paused run has an evaluation at {@code units} (made then if none was due) and a checkpoint, and
     * its result counts as stopped; running it again, with a later pause or none, continues exactly. A search over
     * hyperparameters takes a trial to a rung this way and promotes it by running on from there. A run already at
     * or past {@code units} returns its evaluation there without training.
     */
    public Result runUntil(long units) throws IOException {
        lock();
        try {
            return runLocked(units);
        } finally {
            unlock();
        }
    }

    private Result runLocked(long units) throws IOException {
        clockStart = System.nanoTime() - earlierNanos;
        String unit = scenario.kind().unit();
        long logEvery = scenario.integer("log.every");
        long evalEvery = scenario.has("eval.every") ? scenario.integer("eval.every") : 0;
        long checkpointEvery = scenario.integer("checkpoint.every");
        double stopAt = scenario.has(STOP_AT) ? scenario.number(STOP_AT) : Double.POSITIVE_INFINITY;
        MetricsLog metrics = new MetricsLog(folder.path(), METRICS_LOG);
        MetricsLog evals = new MetricsLog(folder.path(), EVAL_LOG);
        MetricsTable logged = MetricsTable.read(folder.path().resolve(EVAL_LOG + ".csv"));
        BestEvaluation best = BestEvaluation.of(logged);
        Map<String, Double> evaluation = logged.metricsAt(trainer.done());
        boolean reachedStopAt = evaluation.getOrDefault(BestEvaluation.METRIC, Double.NaN) >= stopAt;
        if (!evaluation.isEmpty() && (trainer.finished() || reachedStopAt)) {
            return new Result(trainer.done(), false, reachedStopAt, evaluation, earlierNanos / 1e9); // it had ended
        }
        if (!evaluation.isEmpty() && trainer.done() >= units) {
            return new Result(trainer.done(), true, false, evaluation, earlierNanos / 1e9); // paused there before
        }
        Map<String, Double> latest = Map.of();
        boolean stopOnNonFinite = !scenario.has(ON_NONFINITE) || scenario.text(ON_NONFINITE).equals("stop");
        boolean warnedNonFinite = false;
        String diverged = null;
        while (!trainer.finished() && !reachedStopAt && !stop.get() && trainer.done() < units) {
            long done = trainer.done();
            long next = Math.min(Math.min(trainer.budget(), units), nextMultiple(done, logEvery));
            next = Math.min(next, nextMultiple(done, evalEvery));
            next = Math.min(next, nextMultiple(done, checkpointEvery));
            latest = trainer.train(next - done);
            done = trainer.done();
            boolean logRow = done % logEvery == 0 || trainer.finished();
            String bad = nonFinite(latest);
            if (logRow || (bad != null && stopOnNonFinite)) { // the diverged row, whatever log.every says
                metrics.append(row(unit, done, clockStart, latest));
            }
            if (bad != null && stopOnNonFinite) {
                diverged = bad + " became NaN or infinite by " + done + " " + unit;
                break;
            }
            if (bad != null && !warnedNonFinite) {
                warn(bad + " became NaN or infinite by " + done + " " + unit + "; going on (on_nonfinite: warn)");
                warnedNonFinite = true;
            }
            boolean newBest = false;
            if (evalEvery > 0 && done % evalEvery == 0 && !trainer.finished()) {
                evaluation = trainer.evaluate();
                evals.append(row(unit, done, clockStart, evaluation));
                newBest = best.offer(done, evaluation);
                record(done);
                reachedStopAt = evaluation.getOrDefault(BestEvaluation.METRIC, Double.NaN) >= stopAt;
            }
            boolean last = trainer.finished() || reachedStopAt || done >= units;
            boolean checkpointDue = checkpointEvery > 0 && done % checkpointEvery == 0 && !last;
            if (checkpointDue) {
                saveNumbered(trainer.save());
            }
            if (newBest) {
                trainer.saveModel().write(folder.bestCheckpoint());
            }
            for (ChunkListener l : listeners) {
                l.afterChunk(done, latest, last);
            }
        }
        if (diverged != null) { // no evaluation, no checkpoint of the diverged state: the last good one stays
            warn(diverged + "; the run stops (on_nonfinite: stop) and resumes from its last good checkpoint");
            double seconds = (System.nanoTime() - clockStart) / 1e9;
            writeSummary(true, false, evaluation, best, seconds, diverged);
            return new Result(trainer.done(), true, false, evaluation, seconds, diverged);
        }
        boolean stopped = !trainer.finished() && !reachedStopAt;
        boolean paused = stopped && trainer.done() >= units;
        if (paused && !logged(trainer.done())) {
            evaluation = trainer.evaluate();
            evals.append(row(unit, trainer.done(), clockStart, evaluation));
            record(trainer.done());
            if (best.offer(trainer.done(), evaluation)) {
                trainer.saveModel().write(folder.bestCheckpoint());
            }
        }
        if (trainer.finished()) {
            evaluation = trainer.evaluate();
            evals.append(row(unit, trainer.done(), clockStart, evaluation));
            record(trainer.done());
            if (best.offer(trainer.done(), evaluation)) {
                trainer.saveModel().write(folder.bestCheckpoint());
            }
        }
        // After the final evaluation, so that its time counts; the run's wall time is the one its checkpoint carries.
        double seconds = saveNumbered(trainer.save()) / 1e9;
        writeSummary(stopped, reachedStopAt, evaluation, best, seconds, null);
        return new Result(trainer.done(), stopped, reachedStopAt, evaluation, seconds);
    }

    /** Lets the recorders that asked for this run's evaluations record the one just made (e.g. {@code recordings/<units>.gif}). */
    private void record(long done) throws IOException {
        for (EvaluationRecorder recorder : recorders) {
            Files.createDirectories(folder.recording(done).getParent());
            recorder.record(scenario, trainer, folder.recording(done));
        }
    }

    /** Whether the evaluation log holds a row at {@code done} units. */
    private boolean logged(long done) throws IOException {
        return !MetricsTable.read(folder.path().resolve(EVAL_LOG + ".csv")).metricsAt(done).isEmpty();
    }

    private static long nextMultiple(long done, long every) {
        return every <= 0 ? Long.MAX_VALUE : (done / every + 1) * every;
    }

    private static Map<String, Object> row(String unit, long done, long startNanos, Map<String, Double> values) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put(unit, done);
        row.put(MetricsTable.WALL_TIME, Math.round((System.nanoTime() - startNanos) / 1e6) / 1e3);
        row.putAll(values);
        return row;
    }

    /**
     * Writes {@code state} atomically as the numbered checkpoint, with the wall time so far, deleting those beyond
     * {@code checkpoint.keep}; returns that wall time in nanoseconds.
     */
    private long saveNumbered(TrainerState state) throws IOException {
        long wallNanos = System.nanoTime() - clockStart;
        state.put(WALL_NANOS, wallNanos);
        state.write(folder.checkpoint(trainer.done()));
        List<Path> all = folder.listCheckpoints();
        long keep = scenario.integer("checkpoint.keep");
        for (int i = 0; i < all.size() - keep; i++) {
            Files.deleteIfExists(all.get(i));
        }
        return wallNanos;
    }

    /** The first metric of the chunk that is an infinity, else what the trainer finds non-finite; null when all is sound. */
    private String nonFinite(Map<String, Double> metrics) {
        for (Map.Entry<String, Double> m : metrics.entrySet()) {
            if (Double.isInfinite(m.getValue())) {
                return "metric " + m.getKey();
            }
        }
        return trainer.nonFinite().orElse(null);
    }

    private void writeSummary(boolean stopped, boolean reachedStopAt, Map<String, Double> evaluation, BestEvaluation best,
                              double seconds, String diverged) throws IOException {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("scenario", scenario.name());
        summary.put("kind", scenario.kind().name());
        summary.put("seed", scenario.seed());
        summary.put("backend", scenario.text("backend"));
        summary.put("unit", scenario.kind().unit());
        summary.put("done", trainer.done());
        summary.put("budget", trainer.budget());
        summary.put("finished", !stopped);
        if (scenario.has(STOP_AT)) {
            summary.put("reached_stop_at", reachedStopAt);
        }
        summary.put("wall_s", seconds);
        if (diverged != null) {
            summary.put("diverged", diverged);
        }
        evaluation.forEach((k, v) -> summary.put("eval_" + k, v));
        if (best.exists()) {
            summary.put("best_eval_mean_return", best.mean());
            summary.put("best_eval_at", best.at());
            summary.put("best_checkpoint", folder.path().relativize(folder.bestCheckpoint()).toString());
        }
        folder.writeAtomically(RunFolder.SUMMARY, Json.write(summary) + "\n");
        RunPlots.write(folder, scenario.name());
    }
}
