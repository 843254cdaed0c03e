package org.jdive.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
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
 *
 * <p>Each invocation also writes a TensorBoard event file to {@code tb/} ({@link TensorBoardLog}): every column of
 * the training and evaluation logs as the scalars {@code train/<column>} and {@code eval/<column>} at the budget count,
 * the evaluations' recordings ({@code eval/recording}) and the images a trainer writes as it trains
 * ({@link Trainer#onImage}). The file starts with a session start just past the checkpoint the invocation starts
 * from, so that TensorBoard forgets what an interrupted invocation wrote after it, as {@link #resume()} drops those
 * rows from the logs.
 */
public final class Runner implements AutoCloseable {

    /** Told after every chunk, e.g. to draw progress. */
    @FunctionalInterface
    public interface ChunkListener {
        /**
         * Called on the runner's thread after each chunk.
         *
         * @param done budget units done
         * @param metrics the trainer's metrics of the chunk (the columns of {@code metrics.csv})
         * @param last whether the run ends with this chunk (budget spent, {@code eval.stop_at} reached or a pause)
         */
        void afterChunk(long done, Map<String, Double> metrics, boolean last);
    }

    /**
     * Told, on the run's thread, each time a run has written a numbered checkpoint before its end and its folder holds
     * all that resuming from it needs: how an executor copies a run's state to shared storage while it runs.
     */
    @FunctionalInterface
    public interface CheckpointListener {
        /** The run in {@code folder} has checkpointed at {@code done} budget units. */
        void checkpointed(RunFolder folder, long done) throws IOException;
    }

    /** The listener of the runs on each thread, set by {@link #withCheckpointListener}. */
    private static final ThreadLocal<CheckpointListener> CHECKPOINT_LISTENER = new ThreadLocal<>();

    /**
     * Calls {@code work} with {@code listener} told of the mid-run checkpoints of every run that {@code work} runs on
     * this thread, however deep in it the runner is made (a sweep's job, a suite's run).
     */
    public static <T> T withCheckpointListener(CheckpointListener listener, java.util.concurrent.Callable<T> work)
            throws Exception {
        CheckpointListener outer = CHECKPOINT_LISTENER.get();
        CHECKPOINT_LISTENER.set(listener);
        try {
            return work.call();
        } finally {
            CHECKPOINT_LISTENER.set(outer);
        }
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
        /** Copies {@code evaluation}, keeping its order. */
        public Result {
            evaluation = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(evaluation));
        }

        /** A result of a run that did not diverge. */
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
    /** The event file holds a copy of each image the run writes up to this size; larger ones stay in the folder only. */
    private static final long MAX_EVENT_IMAGE_BYTES = 4 << 20;

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
    /** This invocation's TensorBoard event file while it trains; null before and after. */
    private TensorBoardLog events;

    /**
     * A runner that stops only at the end of its budget, by {@code eval.stop_at} or by {@link #requestStop()}; it
     * creates the scenario's trainer.
     */
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
        trainer.onImage((tag, done, image) -> {
            try {
                image(tag, done, image);
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        });
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

    /** Tells {@code listener} after each chunk, in the order added. */
    public Runner addListener(ChunkListener listener) {
        listeners.add(listener);
        return this;
    }

    /** Asks the run to stop after the current chunk (with a checkpoint); safe from any thread. */
    public void requestStop() {
        stop.set(true);
    }

    /** The scenario's trainer, created by its kind. */
    public Trainer trainer() {
        return trainer;
    }

    /** Frees the trainer and lets the folder go. */
    @Override
    public void close() {
        trainer.close();
        closeEvents();
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

    /**
     * Trains to the end of the budget (or {@code eval.stop_at}, or a stop request) from where the trainer is, writing
     * the folder as it goes; {@link #resume()} first to continue a run.
     *
     * @throws FolderLock.InUse if another runner writes the folder
     */
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
            closeEvents();
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
        openEvents();
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
                log(metrics, "train", done, latest);
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
                log(evals, "eval", done, evaluation);
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
            if (checkpointDue && CHECKPOINT_LISTENER.get() != null) { // after the best model, which it may need
                CHECKPOINT_LISTENER.get().checkpointed(folder, done);
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
            log(evals, "eval", trainer.done(), evaluation);
            record(trainer.done());
            if (best.offer(trainer.done(), evaluation)) {
                trainer.saveModel().write(folder.bestCheckpoint());
            }
        }
        if (trainer.finished()) {
            evaluation = trainer.evaluate();
            log(evals, "eval", trainer.done(), evaluation);
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
        if (!recorders.isEmpty() && Files.exists(folder.recording(done))) {
            image("eval/recording", done, folder.recording(done));
        }
    }

    /**
     * Appends a row of {@code values} at {@code done} units to {@code log}, and each of its columns but the count to the
     * event file as the scalar {@code <prefix>/<column>}. A NaN (none yet, an empty cell in the CSV) is left out.
     */
    private void log(MetricsLog log, String prefix, long done, Map<String, Double> values) throws IOException {
        Map<String, Object> row = row(scenario.kind().unit(), done, clockStart, values);
        log.append(row);
        Map<String, Double> scalars = new LinkedHashMap<>();
        row.entrySet().stream().skip(1).forEach(column -> {
            double value = ((Number) column.getValue()).doubleValue();
            if (!Double.isNaN(value)) {
                scalars.put(prefix + "/" + column.getKey(), value);
            }
        });
        events.scalars(done, now(), scalars);
    }

    /**
     * Adds {@code image}, written to the run folder, to the event file under {@code tag} at {@code done} units; an image
     * written outside a run (a trainer trained directly) is not logged.
     */
    private void image(String tag, long done, Path image) throws IOException {
        if (events != null && Files.size(image) <= MAX_EVENT_IMAGE_BYTES) {
            events.image(tag, done, now(), Files.readAllBytes(image));
        }
    }

    /**
     * Creates this invocation's event file. It starts with a session start at the units done plus one: TensorBoard then
     * forgets what earlier files hold from that step on, which is what {@link MetricsLog#truncateAfter} dropped from the
     * logs; the rows at the checkpoint itself stay, as in the logs.
     */
    private void openEvents() throws IOException {
        events = TensorBoardLog.create(folder.tensorBoard(), now());
        events.sessionStart(trainer.done() + 1, now());
    }

    /** Closes this invocation's event file; every record is on disk already, so a failing close loses nothing. */
    private void closeEvents() {
        if (events != null) {
            try {
                events.close();
            } catch (IOException ignored) {
                // nothing was buffered
            }
            events = null;
        }
    }

    /** Now, in seconds since the epoch: an event's wall time. */
    private static double now() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() + now.getNano() / 1e9;
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
