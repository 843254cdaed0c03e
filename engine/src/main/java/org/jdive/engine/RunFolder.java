package org.jdive.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jdive.core.io.DamagedFileException;
import org.jdive.engine.train.TrainerState;

/**
 * The folder of one run, {@code runs/<scenario>-<timestamp>/}: {@code scenario.yaml} (the resolved scenario),
 * {@code metrics.csv}/{@code .jsonl} (training), {@code eval.csv}/{@code .jsonl} (evaluations),
 * {@code checkpoints/<count>.state} (the latest {@code checkpoint.keep}), {@code checkpoints/best.state} (the model of
 * the best evaluation so far), {@code summary.json}, {@code plots/*.png} (one curve per logged column),
 * {@code tb/events.out.tfevents.*} (TensorBoard's event files, one per invocation of the run).
 */
public record RunFolder(Path path) {

    /** The resolved scenario's file name. */
    public static final String SCENARIO = "scenario.yaml";
    /** The summary's file name: units done, the last and best evaluations, the wall time. */
    public static final String SUMMARY = "summary.json";
    /** {@link #resolveCheckpoint}'s name of the best evaluation's checkpoint. */
    public static final String BEST = "best";
    /** {@link #resolveCheckpoint}'s name of the latest checkpoint. */
    public static final String LATEST = "latest";
    private static final String NUMBERED = "\\d{12}\\.state";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /** Creates a new, empty run folder under {@code runs} for {@code name}. */
    public static RunFolder create(Path runs, String name) throws IOException {
        Files.createDirectories(runs);
        String base = name.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + LocalDateTime.now().format(STAMP);
        for (int i = 1; ; i++) {
            Path candidate = runs.resolve(i == 1 ? base : base + "-" + i);
            try {
                Files.createDirectory(candidate);
                Files.createDirectory(candidate.resolve("checkpoints"));
                return new RunFolder(candidate);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // another run started in the same second: take the next suffix
            }
        }
    }

    /** An existing run folder, checked to hold a resolved scenario. */
    public static RunFolder open(Path path) {
        if (!Files.isRegularFile(path.resolve(SCENARIO))) {
            throw new IllegalArgumentException(path + " is not a run folder (it has no " + SCENARIO + ")");
        }
        return new RunFolder(path);
    }

    /** The resolved scenario, {@code scenario.yaml}: what {@code --resume} re-reads. */
    public Path scenario() {
        return path.resolve(SCENARIO);
    }

    /** The {@code checkpoints/} folder. */
    public Path checkpoints() {
        return path.resolve("checkpoints");
    }

    /** The checkpoint file of a trainer that has done {@code done} units. */
    public Path checkpoint(long done) {
        return checkpoints().resolve(String.format("%012d.state", done));
    }

    /** The folder of the run's TensorBoard event files ({@code tensorboard --logdir} shows it as a run). */
    public Path tensorBoard() {
        return path.resolve("tb");
    }

    /** The GIF of the first evaluation episode after {@code done} units ({@code record.gif}). */
    public Path recording(long done) {
        return path.resolve("recordings").resolve(String.format("%012d.gif", done));
    }

    /** The checkpoint of the model that scored the best evaluation so far (written by the runner, never pruned). */
    public Path bestCheckpoint() {
        return checkpoints().resolve(BEST + ".state");
    }

    /** The numbered checkpoints, oldest first (not the best one). */
    public List<Path> listCheckpoints() throws IOException {
        if (!Files.isDirectory(checkpoints())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(checkpoints())) {
            return files.filter(p -> p.getFileName().toString().matches(NUMBERED)).sorted().toList();
        }
    }

    /** The numbered checkpoint with the most units done; empty before the first. */
    public Optional<Path> latestCheckpoint() throws IOException {
        List<Path> all = listCheckpoints();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.getLast());
    }

    /**
     * The checkpoint named {@code name}: {@value #BEST} (the best evaluation's), {@value #LATEST}, or a number of
     * budget units done (e.g. {@code 45000}).
     *
     * @throws IllegalArgumentException when there is no such checkpoint, saying which there are
     */
    public Path resolveCheckpoint(String name) throws IOException {
        Path chosen;
        if (name.equals(BEST)) {
            chosen = bestCheckpoint();
        } else if (name.equals(LATEST)) {
            chosen = latestCheckpoint().orElse(null);
        } else if (name.matches("\\d{1,12}")) {
            chosen = checkpoint(Long.parseLong(name));
        } else {
            throw new IllegalArgumentException("no checkpoint '" + name + "': name one as best, latest or a number of "
                    + "budget units done; " + path + " has " + available());
        }
        if (chosen == null || !Files.exists(chosen)) {
            throw new IllegalArgumentException(path + " has no " + (name.matches("\\d+") ? "checkpoint after " + name
                    : name + " checkpoint") + "; it has " + available());
        }
        return chosen;
    }

    /**
     * A checkpoint read back and verified.
     *
     * @param file       the checkpoint
     * @param state      its contents
     * @param passedOver one line for each damaged checkpoint passed over on the way to it, newest first
     */
    public record Loaded(Path file, TrainerState state, List<String> passedOver) {
    }

    /**
     * Reads the checkpoint named {@code name} as {@link #resolveCheckpoint} finds it. A damaged {@value #BEST} or
     * {@value #LATEST} checkpoint is passed over for the newest intact numbered one, saying so in
     * {@link Loaded#passedOver}; a checkpoint named by its number is read or refused.
     *
     * @throws DamagedFileException when the named checkpoint is damaged and no other will do
     * @throws IllegalArgumentException when there is no such checkpoint
     */
    public Loaded loadCheckpoint(String name) throws IOException {
        Path chosen = resolveCheckpoint(name);
        if (!name.equals(BEST) && !name.equals(LATEST)) {
            return new Loaded(chosen, TrainerState.read(chosen), List.of());
        }
        List<Path> candidates = new ArrayList<>();
        if (name.equals(BEST)) {
            candidates.add(chosen);
        }
        candidates.addAll(listCheckpoints().reversed());
        List<String> passedOver = new ArrayList<>();
        DamagedFileException first = null;
        for (Path candidate : candidates) {
            try {
                return new Loaded(candidate, TrainerState.read(candidate), List.copyOf(passedOver));
            } catch (DamagedFileException e) {
                passedOver.add(e.getMessage());
                first = first == null ? e : first;
            }
        }
        throw new DamagedFileException(first.file(), first.problem() + (candidates.size() > 1
                ? "; and no older checkpoint in " + path + " is intact" : ""));
    }

    /** The names {@link #resolveCheckpoint} accepts here: best (when written), then the units of each numbered one. */
    private List<String> checkpointNames() throws IOException {
        List<String> names = new ArrayList<>();
        if (Files.exists(bestCheckpoint())) {
            names.add(BEST);
        }
        for (Path p : listCheckpoints()) {
            names.add(Long.toString(Long.parseLong(p.getFileName().toString().replaceFirst("\\.state$", ""))));
        }
        return names;
    }

    private String available() throws IOException {
        List<String> names = checkpointNames();
        return names.isEmpty() ? "none yet" : String.join(", ", names);
    }

    /** Writes {@code text} to {@code name} in the folder atomically. */
    public void writeAtomically(String name, String text) throws IOException {
        Path file = path.resolve(name);
        Path tmp = path.resolve(name + ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw Io.cannotWrite(file, e);
        }
    }
}
