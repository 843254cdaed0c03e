package org.jdive.cli.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The folder of one run, {@code runs/<scenario>-<timestamp>/}: {@code scenario.yaml} (the resolved scenario),
 * {@code metrics.csv}/{@code .jsonl} (training), {@code eval.csv}/{@code .jsonl} (evaluations),
 * {@code checkpoints/<count>.state}, {@code summary.json}, {@code plots/*.png} (one curve per logged column).
 */
public record RunFolder(Path path) {

    public static final String SCENARIO = "scenario.yaml";
    public static final String SUMMARY = "summary.json";
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

    public Path scenario() {
        return path.resolve(SCENARIO);
    }

    public Path checkpoints() {
        return path.resolve("checkpoints");
    }

    /** The checkpoint file of a trainer that has done {@code done} units. */
    public Path checkpoint(long done) {
        return checkpoints().resolve(String.format("%012d.state", done));
    }

    /** The checkpoints, oldest first. */
    public List<Path> listCheckpoints() throws IOException {
        if (!Files.isDirectory(checkpoints())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(checkpoints())) {
            return files.filter(p -> p.getFileName().toString().endsWith(".state")).sorted().toList();
        }
    }

    public Optional<Path> latestCheckpoint() throws IOException {
        List<Path> all = listCheckpoints();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.getLast());
    }

    /** Writes {@code text} to {@code name} in the folder atomically. */
    public void writeAtomically(String name, String text) throws IOException {
        Path file = path.resolve(name);
        Path tmp = path.resolve(name + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
